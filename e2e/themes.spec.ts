import { expect, test } from "@playwright/test";
import pg from "pg";
import { e2eDatabaseUrl } from "./support/db";

const state = (role: "admin" | "analyst" | "viewer") => `e2e/.auth/${role}.json`;

async function firstThemeId(): Promise<number> {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    return (await client.query<{ id: number }>("SELECT id FROM themes ORDER BY name LIMIT 1")).rows[0].id;
  } finally {
    await client.end();
  }
}

for (const role of ["viewer", "analyst"] as const) {
  test.describe(`${role}s`, () => {
    test.use({ storageState: state(role) });

    test("get 403 from the theme admin pages", async ({ page }) => {
      for (const path of ["/admin/themes", `/admin/themes/${await firstThemeId()}`]) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(403);
        await expect(page.getByText("You do not have access to this page")).toBeVisible();
        await expect(page.getByRole("table")).toHaveCount(0);
        await expect(page.getByRole("textbox", { name: "Query" })).toHaveCount(0);
      }
    });
  });
}

test.describe("admins", () => {
  test.use({ storageState: state("admin") });

  test("see the themes with their counts, and preview a draft rule before saving it", async ({ page }) => {
    const response = await page.goto("/admin/themes");
    expect(response?.status()).toBe(200);
    const table = page.getByRole("table", { name: "Themes" });
    await expect(table).toContainText("Nuclear and missile programmes");
    await page.screenshot({ path: "test-results/screenshots/admin-themes.png", fullPage: true });

    await table.getByRole("link", { name: "Nuclear and missile programmes" }).click();
    await expect(page.getByRole("heading", { name: "Nuclear and missile programmes" })).toBeVisible();
    const editor = page.getByRole("form", { name: "New rule" });
    await editor.getByRole("textbox", { name: "Query" }).fill('"Kim Jong Un" missile');
    const preview = page.getByRole("region", { name: "New rule preview" });
    await expect(preview).toContainText(/Would add: \d/);
    await expect(preview).toContainText("Would remove: 0");
    await page.screenshot({ path: "test-results/screenshots/admin-theme-rules.png", fullPage: true });
  });

  test("add a theme and a rule, and watch the worker re-apply it", async ({ page }) => {
    const name = `E2E theme ${Date.now()}`;
    await page.goto("/admin/themes");
    const form = page.getByRole("form", { name: "Add a theme" });
    await form.getByRole("textbox", { name: "Name" }).fill(name);
    await form.getByRole("button", { name: "Add theme" }).click();
    await expect(page.getByRole("heading", { name })).toBeVisible();

    const editor = page.getByRole("form", { name: "New rule" });
    await editor.getByRole("textbox", { name: "Query" }).fill('"ballistic missile"');
    await expect(page.getByRole("region", { name: "New rule preview" })).toContainText(/Would add: [1-9]/);
    await editor.getByRole("button", { name: "Add rule" }).click();
    await expect(page.getByText(/Rules applied to [\d,]+ articles: [1-9][\d,]* added/)).toBeVisible({
      timeout: 30_000,
    });
    await expect(page.getByText(/^[1-9][\d,]* articles by rule, 0 by hand\.$/)).toBeVisible();
    await page.screenshot({ path: "test-results/screenshots/admin-theme-rerun.png", fullPage: true });
  });
});
