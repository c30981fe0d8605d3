import { expect, test } from "@playwright/test";
import { hash } from "@node-rs/argon2";
import { queryE2e } from "./support/db";

const PASSWORD = process.env.SEED_PASSWORD ?? "presswatch";

test.describe("signing in", () => {
  test("an analyst signs in and reaches the list of real KCNA articles", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/login$/);
    await page.getByLabel("Email").fill("analyst@example.com");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();

    await expect(page.getByRole("heading", { name: "Articles" })).toBeVisible();
    const rows = page.getByRole("list", { name: "Articles" }).getByRole("listitem");
    await expect(rows).toHaveCount(50);
    await expect(rows.first()).toContainText(/KCNA|Rodong Sinmun/);
    await page.screenshot({ path: "test-results/screenshots/articles.png" });

    await rows.first().getByRole("link").click();
    await expect(page.getByRole("article")).toBeVisible();
    await expect(page.getByRole("link", { name: /Original/ })).toHaveAttribute("href", /^http/);
    await page.screenshot({ path: "test-results/screenshots/article.png" });
  });

  test("a wrong password is refused with a clear message", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill("viewer@example.com");
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Wrong email or password.")).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
  });

  test("after five failures the account is locked, even for the right password", async ({ page }) => {
    const email = `throttle-${Date.now()}@example.com`;
    await queryE2e(
      `INSERT INTO users (email, name, password_hash, role, updated_at) VALUES ($1, 'Throttle Test', $2, 'VIEWER', now())`,
      [email, await hash(PASSWORD)],
    );

    await page.goto("/login");
    for (let attempt = 0; attempt < 5; attempt++) {
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(`wrong-${attempt}`);
      await page.getByRole("button", { name: "Sign in" }).click();
      // The message stays up from the last attempt: wait for the server to have counted this one.
      await expect
        .poll(
          async () =>
            (await queryE2e<{ n: string }>("SELECT count(*) AS n FROM login_attempts WHERE email = $1", [email]))[0].n,
        )
        .toBe(String(attempt + 1));
      await expect(page.getByText("Wrong email or password.")).toBeVisible();
      await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
    }
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText(/Too many failed sign-ins\. Try again in 1[45] minutes\./)).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
  });

  test("signing out ends the session", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill("viewer@example.com");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: "Articles" })).toBeVisible();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login$/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/login$/);
  });
});
