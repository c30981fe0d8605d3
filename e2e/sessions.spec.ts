import { randomBytes } from "node:crypto";
import { expect, test, type Browser, type Page, type Request } from "@playwright/test";
import { hash } from "@node-rs/argon2";
import { queryE2e } from "./support/db";

// Sessions end on the server: after signing out, a copy of the old cookie reads nothing and saves nothing;
// from "Your sessions" a person ends a session in another browser, which is signed out at its next request.
// A user of its own, so ending "other sessions" never touches the setup project's signed-in roles.

const PASSWORD = "sessions-e2e-password";
const RUN = randomBytes(3).toString("hex");

async function createUser(key: string): Promise<string> {
  const email = `sessions-${key}-${RUN}@example.com`;
  await queryE2e(
    `INSERT INTO users (email, name, password_hash, role, updated_at) VALUES ($1, $2, $3, 'VIEWER', now())`,
    [email, `Sessions ${key}`, await hash(PASSWORD)],
  );
  return email;
}

async function signIn(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Articles" })).toBeVisible();
  return page;
}

async function viewCount(email: string): Promise<number> {
  const rows = await queryE2e<{ n: string }>(
    "SELECT count(*) AS n FROM saved_views v JOIN users u ON u.id = v.owner_id WHERE u.email = $1",
    [email],
  );
  return Number(rows[0].n);
}

test("after signing out, the old cookie neither exports nor saves a view", async ({ browser, playwright, baseURL }) => {
  const email = await createUser("signout");
  const page = await signIn(browser, email);
  const oldCookies = await page.context().storageState();

  // Save one view for real, keeping the browser's request to replay later.
  let captured: { url: string; headers: Record<string, string>; body: string } | null = null;
  page.on("request", (request: Request) => {
    const headers = request.headers();
    if (request.method() === "POST" && headers["next-action"] && request.postData()?.includes(`View ${RUN}`))
      captured = { url: request.url(), headers, body: request.postData()! };
  });
  await page.goto("/?q=missile");
  await page.getByRole("button", { name: "Save view" }).click();
  const form = page.getByRole("form", { name: "Save this view" });
  await form.getByLabel("View name").fill(`View ${RUN}`);
  await form.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("region", { name: "Views" }).getByRole("link", { name: `View ${RUN}` })).toBeVisible();
  expect(captured, "the save-view request was seen").not.toBeNull();
  expect(await viewCount(email)).toBe(1);

  const withOldCookie = await playwright.request.newContext({ baseURL, storageState: oldCookies });
  const exportBefore = await withOldCookie.get("/api/v1/export?format=json&q=missile");
  expect(exportBefore.status()).toBe(200);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);

  const exportAfter = await withOldCookie.get("/api/v1/export?format=json&q=missile");
  expect(exportAfter.status()).toBe(401);

  const { url, headers, body } = captured!;
  const keep = ["next-action", "next-router-state-tree", "content-type", "accept"];
  await withOldCookie.post(url, {
    headers: Object.fromEntries(keep.filter((key) => headers[key]).map((key) => [key, headers[key]])),
    data: body,
  });
  expect(await viewCount(email)).toBe(1);
  const page2 = await withOldCookie.get("/", { maxRedirects: 0 });
  expect([302, 303, 307]).toContain(page2.status());
  expect(page2.headers()["location"]).toMatch(/\/login/);
  await withOldCookie.dispose();
  await page.context().close();
});

test("a person sees their sessions and ends the one in another browser", async ({ browser }) => {
  const email = await createUser("list");
  const office = await signIn(browser, email);
  const home = await signIn(browser, email);

  await home.goto("/account/sessions");
  const table = home.getByRole("table", { name: "Your sessions" });
  await expect(table.getByRole("row")).toHaveCount(3);
  await expect(table.getByText("This browser")).toHaveCount(1);
  await home.screenshot({ path: "test-results/screenshots/sessions.png" });

  await table.getByRole("button", { name: /^End the session/ }).click();
  // The ended session's row leaves the table; it stays gone after a reload.
  await expect(table.getByRole("row")).toHaveCount(2);
  await home.reload();
  await expect(table.getByRole("row")).toHaveCount(2);

  await office.goto("/");
  await expect(office).toHaveURL(/\/login/);
  await home.goto("/");
  await expect(home.getByRole("heading", { name: "Articles" })).toBeVisible();
  await office.context().close();
  await home.context().close();
});
