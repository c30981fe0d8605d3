import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import { queryE2e as query } from "./support/db";

const state = (role: "admin" | "analyst" | "viewer") => `e2e/.auth/${role}.json`;
const ADMIN_PAGES = ["/admin/users", "/admin/audit"];
const READER_PAGES = ["/"];

test.describe("anonymous visitors", () => {
  test("are sent to the login page from every protected page", async ({ page }) => {
    const [{ id }] = await query<{ id: number }>("SELECT id FROM articles ORDER BY id LIMIT 1");
    for (const path of [...READER_PAGES, `/articles/${id}`, ...ADMIN_PAGES]) {
      await page.goto(path);
      await expect(page, path).toHaveURL(/\/login(\?next=.*)?$/);
      await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    }
  });
});

for (const role of ["viewer", "analyst"] as const) {
  test.describe(`${role}s`, () => {
    test.use({ storageState: state(role) });

    test("read the articles but get 403 from the admin pages", async ({ page }) => {
      const list = await page.goto("/");
      expect(list?.status()).toBe(200);
      await expect(page.getByRole("heading", { name: "Articles" })).toBeVisible();
      await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" })).toHaveCount(0);
      for (const path of ADMIN_PAGES) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(403);
        await expect(page.getByText("You do not have access to this page")).toBeVisible();
        await expect(page.getByRole("table")).toHaveCount(0);
      }
      if (role === "viewer") await page.screenshot({ path: "test-results/screenshots/forbidden.png" });
    });
  });
}

test.describe("admins", () => {
  test.use({ storageState: state("admin") });

  test("open every page", async ({ page }) => {
    for (const path of [...READER_PAGES, ...ADMIN_PAGES]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
    }
    await page.goto("/admin/users");
    await expect(page.getByRole("table", { name: "Team members" })).toContainText("viewer@example.com");
    await page.screenshot({ path: "test-results/screenshots/admin-users.png" });
  });
});

/**
 * Captures the fields a browser posts for the role form of `email` on the admin page (the server action's
 * reference included), as a no-JavaScript form submission would send them.
 */
async function captureRoleForm(browser: Browser, email: string): Promise<[string, string][]> {
  const context = await browser.newContext({ storageState: state("admin") });
  const page = await context.newPage();
  await page.goto("/admin/users");
  const fields = await page.getByLabel(`Role of ${email}`).evaluate((select) => {
    const form = (select as HTMLSelectElement).form!;
    return [...new FormData(form).entries()].map(([k, v]) => [k, String(v)] as [string, string]);
  });
  await context.close();
  return fields;
}

async function postForm(request: APIRequestContext, fields: [string, string][], role: string) {
  const multipart: Record<string, string> = {};
  for (const [key, value] of fields) multipart[key] = key === "role" ? role : value;
  return request.post("/admin/users", { multipart, maxRedirects: 0 });
}

test.describe("forged requests", () => {
  test("a viewer or analyst replaying the admin's change-role action changes nothing; the admin's replay works", async ({
    browser,
    playwright,
    baseURL,
  }) => {
    // A user of its own: a role change ends all of that person's sessions, and the setup project's signed-in
    // viewer must stay signed in for the other specs.
    const target = `role-target-${Date.now()}@example.com`;
    await query(
      `INSERT INTO users (email, name, password_hash, role, updated_at) VALUES ($1, 'Role Target', '!', 'VIEWER', now())`,
      [target],
    );
    const fields = await captureRoleForm(browser, target);
    expect(fields.some(([key]) => key.startsWith("$ACTION"))).toBe(true);
    const roleOf = async () =>
      (await query<{ role: string }>("SELECT role FROM users WHERE email = $1", [target]))[0].role;
    expect(await roleOf()).toBe("VIEWER");

    for (const role of ["viewer", "analyst"] as const) {
      const request = await playwright.request.newContext({ baseURL, storageState: state(role) });
      await postForm(request, fields, "ADMIN");
      await request.dispose();
      expect(await roleOf(), `after the ${role}'s forged post`).toBe("VIEWER");
    }
    const anonymous = await playwright.request.newContext({ baseURL });
    await postForm(anonymous, fields, "ADMIN");
    await anonymous.dispose();
    expect(await roleOf(), "after an anonymous forged post").toBe("VIEWER");

    // The same replay from the admin does change the role: the forged posts above were real attempts.
    const admin = await playwright.request.newContext({ baseURL, storageState: state("admin") });
    await postForm(admin, fields, "ANALYST");
    expect(await roleOf()).toBe("ANALYST");
    await postForm(admin, fields, "VIEWER");
    await admin.dispose();
    expect(await roleOf()).toBe("VIEWER");
    const audits = await query<{ n: string }>(
      "SELECT count(*) AS n FROM audit_events WHERE action = 'user.role_change'",
    );
    expect(Number(audits[0].n)).toBeGreaterThanOrEqual(2);
  });
});

test.describe("deactivation", () => {
  test("a deactivated user's open session stops working at once", async ({ browser }) => {
    const email = `deactivate-${Date.now()}@example.com`;
    const admin = await browser.newContext({ storageState: state("admin") });
    const adminPage = await admin.newPage();
    await adminPage.goto("/admin/users");
    const form = adminPage.getByRole("form", { name: "Add a user" });
    await form.getByLabel("Name").fill("Soon Gone");
    await form.getByLabel("Email").fill(email);
    await form.getByLabel("Role").selectOption("VIEWER");
    await form.getByLabel("Password (optional)").fill("a-long-password-1");
    await form.getByRole("button", { name: "Add user" }).click();
    await expect(form.getByText(`Created ${email}.`)).toBeVisible();

    const user = await browser.newContext();
    const userPage = await user.newPage();
    await userPage.goto("/login");
    await userPage.getByLabel("Email").fill(email);
    await userPage.getByLabel("Password").fill("a-long-password-1");
    await userPage.getByRole("button", { name: "Sign in" }).click();
    await expect(userPage.getByRole("heading", { name: "Articles" })).toBeVisible();

    await adminPage.reload();
    await adminPage.getByRole("button", { name: `Deactivate ${email}` }).click();
    await expect(adminPage.getByText("Account deactivated; its sessions have ended.")).toBeVisible();

    await userPage.goto("/");
    await expect(userPage).toHaveURL(/\/login/);
    const audit = await query<{ n: string }>(
      "SELECT count(*) AS n FROM audit_events WHERE action IN ('user.create', 'user.deactivate') AND meta->>'email' = $1",
      [email],
    );
    expect(Number(audit[0].n)).toBe(2);
    await admin.close();
    await user.close();
  });
});
