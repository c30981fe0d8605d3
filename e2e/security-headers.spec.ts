import { expect, test } from "@playwright/test";
import { storageStatePath } from "./support/roles";

// Every page carries a strict Content-Security-Policy with a fresh nonce, and every script Next.js writes
// into the page carries that nonce; the app still works in a real browser under it (no violation reported).

function nonceOf(policy: string): string {
  const match = /script-src [^;]*'nonce-([^']+)'/.exec(policy);
  expect(match, `a nonce in ${policy}`).not.toBeNull();
  return match![1];
}

function scriptTags(html: string): string[] {
  return html.match(/<script\b[^>]*>/gi) ?? [];
}

for (const [path, role] of [
  ["/login", null],
  ["/", "analyst"],
  ["/account/sessions", "viewer"],
  ["/api/docs", null],
] as const) {
  test(`${path} sends a nonce CSP and every script carries the nonce`, async ({ playwright, baseURL }) => {
    const request = await playwright.request.newContext({
      baseURL,
      storageState: role ? storageStatePath(role) : undefined,
    });
    const first = await request.get(path, { maxRedirects: 0 });
    expect(first.status()).toBe(200);
    const policy = first.headers()["content-security-policy"];
    expect(policy).toContain("'strict-dynamic'");
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(first.headers()["x-content-type-options"]).toBe("nosniff");
    expect(first.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(first.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    const nonce = nonceOf(policy);

    const html = await first.text();
    const scripts = scriptTags(html);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag, "every script carries the nonce").toContain(`nonce="${nonce}"`);

    const second = await request.get(path, { maxRedirects: 0 });
    expect(nonceOf(second.headers()["content-security-policy"])).not.toBe(nonce);
    await request.dispose();
  });
}

test("the API docs page reads the OpenAPI document, with no script from elsewhere", async ({ page, request }) => {
  const description = (await (await request.get("/api/v1/openapi.json")).json()) as {
    openapi: string;
    paths: object;
  };
  expect(description.openapi).toBe("3.1.0");
  await page.goto("/api/docs");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Presswatch API");
  for (const path of Object.keys(description.paths)) await expect(page.getByRole("navigation")).toContainText(path);
  const foreign = await page.evaluate(() =>
    [...document.querySelectorAll("script[src]")]
      .map((script) => script.getAttribute("src")!)
      .filter((src) => !src.startsWith("/")),
  );
  expect(foreign).toEqual([]);
  await page.screenshot({ path: "test-results/screenshots/api-docs.png", fullPage: false });
});

test("the desk works under the policy without a single violation", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStatePath("analyst") });
  const page = await context.newPage();
  await page.addInitScript(() => {
    (window as unknown as { violations: string[] }).violations = [];
    document.addEventListener("securitypolicyviolation", (event) =>
      (window as unknown as { violations: string[] }).violations.push(`${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  await page.goto("/?q=missile");
  const rows = page.getByRole("list", { name: "Articles" }).locator(":scope > li");
  await expect(rows.first()).toBeVisible();
  // Hydrated: the shortcuts dialog opens, which needs the page's scripts to have run.
  await page.getByRole("button", { name: /Keyboard shortcuts/ }).click();
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
  await page.keyboard.press("Escape");
  await rows.first().getByRole("link").first().click();
  await expect(page.getByRole("article")).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);

  // Injected markup with an inline handler, the usual stored-XSS shape, does not run: the policy is enforced.
  const ran = await page.evaluate(async () => {
    const holder = document.createElement("div");
    holder.innerHTML = '<img src="/no-such-image.png" onerror="window.injected = true">';
    document.body.append(holder);
    await new Promise((resolve) => setTimeout(resolve, 500));
    return (window as unknown as { injected?: boolean }).injected === true;
  });
  expect(ran).toBe(false);
  const blocked = await page.evaluate(() => (window as unknown as { violations: string[] }).violations);
  expect(blocked.some((line) => line.startsWith("script-src"))).toBe(true);
  await context.close();
});

test("a client's X-Forwarded-For does not change the address a session records", async ({ browser }) => {
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": "203.0.113.99" } });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill("viewer@example.com");
  await page.getByLabel("Password").fill(process.env.SEED_PASSWORD ?? "presswatch");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Articles" })).toBeVisible();
  await page.goto("/account/sessions");
  const current = page.getByRole("row").filter({ hasText: "This browser" });
  await expect(current).toContainText("127.0.0.1");
  await expect(page.getByRole("table", { name: "Your sessions" })).not.toContainText("203.0.113.99");
  await page.screenshot({ path: "test-results/screenshots/sessions-address.png" });
  await page.getByRole("button", { name: "Sign out" }).click();
  await context.close();
});
