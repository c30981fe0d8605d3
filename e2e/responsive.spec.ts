import { expect, test } from "@playwright/test";
import { queryE2e as query } from "./support/db";
import { storageStatePath } from "./support/roles";

// No page scrolls sideways, from a 360 px phone to a 1920 px desktop; on a phone the list is the page and
// the sidebar and the desk's rail open as drawers. Each page is saved as a screenshot under
// test-results/responsive/ to look at.

const WIDTHS = [360, 768, 1280, 1920];

test.use({ storageState: storageStatePath("admin") });

let articlePath: string;
test.beforeAll(async () => {
  const [article] = await query<{ id: number }>("SELECT id FROM articles ORDER BY published_at DESC, id DESC LIMIT 1");
  articlePath = `/articles/${article.id}`;
});

const PAGES = ["/", "ARTICLE", "/ingest", "/tags", "/admin/users", "/admin/sources", "/admin/themes", "/admin/audit"];

for (const width of WIDTHS) {
  test(`no page scrolls sideways at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    for (const entry of PAGES) {
      const path = entry === "ARTICLE" ? articlePath : entry;
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      const { scrollWidth, innerWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
      }));
      await page.screenshot({ path: `test-results/responsive/${entry.replace(/\W+/g, "_")}-${width}.png` });
      expect(scrollWidth, `${path} at ${width} px`).toBeLessThanOrEqual(innerWidth);
    }
  });
}

test("on a phone the list is the page; the menu and the desk's rail open as drawers", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto("/");
  const list = page.getByRole("list", { name: "Articles" });
  await expect(list).toBeVisible();
  const listBox = await list.boundingBox();
  expect(listBox!.width, "the list takes the phone's width").toBeGreaterThan(340);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();

  await page.getByRole("button", { name: "Menu" }).click();
  const menu = page.getByRole("dialog", { name: "Presswatch" });
  await expect(menu.getByRole("navigation", { name: "Main" })).toBeVisible();
  await menu.getByRole("link", { name: "Tags" }).click();
  await expect(page).toHaveURL(/\/tags$/);
  await expect(menu).toBeHidden();

  await page.goto("/");
  await page.getByRole("button", { name: "Views and counts" }).click();
  const rail = page.getByRole("dialog", { name: "Views and counts" });
  await expect(rail.getByText("KCNA").first()).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(rail).toBeHidden();

  // The filters fold under one button; opening it shows them.
  await expect(page.getByRole("combobox", { name: "Dates" })).toBeHidden();
  await page.getByRole("button", { name: /^Filters/ }).click();
  await expect(page.getByRole("combobox", { name: "Dates" })).toBeVisible();
});

test("the users table shows Deactivate in full at 1440 px", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/admin/users");
  const button = page.getByRole("button", { name: /Deactivate/ }).first();
  await expect(button).toBeVisible();
  const box = await button.boundingBox();
  const card = await page.getByRole("table", { name: "Team members" }).locator("xpath=..").boundingBox();
  expect(box!.x + box!.width, "Deactivate ends inside the table's card").toBeLessThanOrEqual(card!.x + card!.width);
});
