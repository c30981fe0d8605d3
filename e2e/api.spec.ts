import { randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { queryE2e as query } from "./support/db";
import { storageStatePath } from "./support/roles";

// API tokens from the admin page to an HTTP client: create, copy, ingest, refuse, revoke.

const TAG = randomBytes(4).toString("hex");

/** Two stories dated now, so they head the newest-first list. */
function articles(label: string) {
  const published = new Date().toISOString();
  return [1, 2].map((n) => ({
    title: `API e2e story ${n} ${label} [${TAG}]`,
    published,
    source: "KCNA",
    url: `https://api-e2e.example/${TAG}/${label}/${n}`,
    body: `Pyongyang, (KCNA) -- Story ${n} sent through the API by the ${label} test run ${TAG}.`,
  }));
}

/** Creates a token through the admin page and returns the secret as the page shows it, once. */
async function createTokenInPage(
  page: Page,
  options: { name: string; ownerEmail: string; scope: "INGEST" | "READ" },
): Promise<string> {
  const [owner] = await query<{ id: number }>("SELECT id FROM users WHERE email = $1", [options.ownerEmail]);
  await page.goto("/admin/tokens");
  const form = page.getByRole("form", { name: "Create an API token" });
  await form.getByLabel("Name").fill(options.name);
  await form.getByLabel("Owner").selectOption(String(owner.id));
  await form.getByLabel("Scope").selectOption(options.scope);
  await form.getByLabel("Expires").selectOption("30");
  await form.getByRole("button", { name: "Create token" }).click();
  const shown = page.getByTestId("new-token");
  await expect(shown).toHaveText(/^pw_[A-Za-z0-9_-]{43}$/);
  return (await shown.textContent())!;
}

async function postArticles(request: APIRequestContext, token: string, body: unknown) {
  return request.post("/api/v1/articles", { headers: { Authorization: `Bearer ${token}` }, data: body });
}

test.describe("API tokens", () => {
  test.use({ storageState: storageStatePath("admin") });

  test("an admin creates a token, copies it, and an HTTP client ingests with it until it is revoked", async ({
    page,
    context,
    playwright,
    baseURL,
  }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
    const name = `Mirror ${TAG}`;
    const shown = await createTokenInPage(page, { name, ownerEmail: "analyst@example.com", scope: "INGEST" });
    await expect(page.getByText("it is shown only this once")).toBeVisible();
    const example = page.locator("pre", { hasText: "curl -X POST" });
    await expect(example).toContainText(
      `-H "Authorization: Bearer ${shown}" -H "Content-Type: application/json" --data @articles.json ${baseURL}/api/v1/articles`,
    );
    await page.getByRole("button", { name: "Copy the token" }).click();
    await expect(page.getByRole("button", { name: "Copy the token" })).toHaveText("Copied");
    const token = await page.evaluate(() => navigator.clipboard.readText());
    expect(token).toBe(shown);
    await page.screenshot({ path: "test-results/screenshots/admin-tokens.png", fullPage: true });

    // Only the hash is stored, and the list shows the token's prefix, never the secret.
    const [stored] = await query<{ token_hash: string; prefix: string }>(
      "SELECT token_hash, prefix FROM api_tokens WHERE name = $1",
      [name],
    );
    expect(stored.prefix).toBe(token.slice(0, 10));
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
    await page.reload();
    const row = page.getByRole("row", { name: new RegExp(name) });
    await expect(row).toContainText(`${token.slice(0, 10)}…`);
    await expect(row).toContainText("Active");
    await expect(row).toContainText("Never");
    await expect(page.getByText(token)).toHaveCount(0);

    const client = await playwright.request.newContext({ baseURL });
    const batch = { articles: articles("token") };
    const response = await postArticles(client, token, batch);
    expect(response.status()).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ created: 2, duplicates: 0, failed: 0 });
    expect(body.results.map((r: { status: string }) => r.status)).toEqual(["created", "created"]);

    await page.goto("/");
    const list = page.getByRole("list", { name: "Articles" });
    for (const article of batch.articles) await expect(list).toContainText(article.title);

    const again = await postArticles(client, token, batch);
    expect(again.status()).toBe(200);
    expect(await again.json()).toMatchObject({ created: 0, duplicates: 2, failed: 0 });

    const [run] = await query<{ kind: string; status: string; created: number; duplicates: number }>(
      "SELECT kind, status, created, duplicates FROM ingest_runs WHERE label = $1 ORDER BY id LIMIT 1",
      [`API: ${name}`],
    );
    expect(run).toEqual({ kind: "API", status: "SUCCEEDED", created: 2, duplicates: 0 });
    await page.goto("/admin/tokens");
    await expect(page.getByRole("row", { name: new RegExp(name) })).not.toContainText("Never");

    // Revoking takes a confirmation; afterwards the token is refused with 401.
    await page.getByRole("button", { name: `Revoke ${name}` }).click();
    await expect(page.getByRole("button", { name: `Confirm revoking ${name}` })).toBeFocused();
    await page.getByRole("button", { name: `Confirm revoking ${name}` }).click();
    await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("Revoked");
    const refused = await postArticles(client, token, { articles: articles("revoked") });
    expect(refused.status()).toBe(401);
    expect(refused.headers()["www-authenticate"]).toContain("Bearer");
    expect(await refused.json()).toEqual({ error: "This API token has been revoked." });
    const audit = await query<{ action: string }>(
      "SELECT action FROM audit_events WHERE action IN ('token.create', 'token.revoke', 'api.ingest') AND created_at > now() - interval '10 minutes' ORDER BY id",
    );
    expect(audit.map((event) => event.action)).toEqual(
      expect.arrayContaining(["token.create", "api.ingest", "token.revoke"]),
    );
    await client.dispose();
  });

  test("a viewer's token is refused with 403, and nothing is stored", async ({ page, playwright, baseURL }) => {
    const token = await createTokenInPage(page, {
      name: `Viewer script ${TAG}`,
      ownerEmail: "viewer@example.com",
      scope: "INGEST",
    });
    const client = await playwright.request.newContext({ baseURL });
    const batch = { articles: articles("viewer") };
    const response = await postArticles(client, token, batch);
    expect(response.status()).toBe(403);
    expect((await response.json()).error).toMatch(/viewer/);
    await client.dispose();
    expect(await query("SELECT 1 FROM articles WHERE title = $1", [batch.articles[0].title])).toHaveLength(0);
  });
});

test.describe("a signed-in analyst's browser session", () => {
  test.use({ storageState: storageStatePath("analyst") });

  test("may post JSON articles, but not a form-encoded body a cross-site form could send", async ({ page }) => {
    const batch = { articles: articles("session") };
    const response = await page.request.post("/api/v1/articles", { data: batch });
    expect(response.status()).toBe(200);
    expect(await response.json()).toMatchObject({ created: 2, failed: 0 });
    const forged = await page.request.post("/api/v1/articles", {
      headers: { "Content-Type": "text/plain" },
      data: JSON.stringify(batch),
    });
    expect(forged.status()).toBe(415);
  });
});

for (const role of ["viewer", "analyst"] as const) {
  test.describe(`${role}s`, () => {
    test.use({ storageState: storageStatePath(role) });

    test("get 403 from the tokens page", async ({ page }) => {
      const response = await page.goto("/admin/tokens");
      expect(response?.status()).toBe(403);
      await expect(page.getByRole("form", { name: "Create an API token" })).toHaveCount(0);
    });
  });
}
