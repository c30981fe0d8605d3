import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { storageStatePath } from "./support/roles";

// The rest of the desk around the list: saved views shared across the team, the timeline narrowing the
// dates by keyboard and by dragging, keyset paging both ways, and the reading view's dates.

const RUN = randomBytes(3).toString("hex");
const VIEW = `Missiles 2017 ${RUN}`;

test.use({ viewport: { width: 1366, height: 768 } });

function rows(page: Page) {
  return page.getByRole("list", { name: "Articles" }).locator(":scope > li");
}

test("an analyst saves a shared view that a viewer opens from the sidebar", async ({ browser }) => {
  const analyst = await browser.newContext({ storageState: storageStatePath("analyst") });
  const page = await analyst.newPage();
  await page.goto("/?q=missile&from=2017-01-01&to=2017-12-31&sort=oldest");
  await expect(rows(page).first()).toBeVisible();
  const firstTitle = await rows(page).first().getByRole("link").first().textContent();
  await page.getByRole("button", { name: "Save view" }).click();
  const form = page.getByRole("form", { name: "Save this view" });
  await form.getByLabel("View name").fill(VIEW);
  await form.getByLabel("Share with the team").check();
  await form.getByRole("button", { name: "Save" }).click();
  const views = page.getByRole("region", { name: "Views" });
  await expect(views.getByRole("link", { name: VIEW })).toBeVisible();
  await analyst.close();

  const viewer = await browser.newContext({ storageState: storageStatePath("viewer") });
  const other = await viewer.newPage();
  await other.goto("/");
  const shared = other.getByRole("region", { name: "Views" });
  await expect(shared).toContainText("Shared by the team");
  await shared.getByRole("link", { name: VIEW }).click();
  await expect(other).toHaveURL(/q=missile/);
  await expect(other).toHaveURL(/from=2017-01-01/);
  await expect(other).toHaveURL(/sort=oldest/);
  await expect(other.getByRole("searchbox", { name: "Search" })).toHaveValue("missile");
  await expect(rows(other).first().getByRole("link").first()).toHaveText(firstTitle!);
  // A viewer may not share, and may not change the analyst's view: its menu only offers to watch it.
  await shared.getByRole("button", { name: `Change the view ${VIEW}` }).click();
  await expect(other.getByRole("menuitem", { name: "Watch…" })).toBeVisible();
  await expect(other.getByRole("menuitem")).toHaveCount(1);
  await other.keyboard.press("Escape");
  await viewer.close();
});

test("the timeline narrows the dates by keyboard and by dragging", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStatePath("analyst") });
  const page = await context.newPage();
  await page.goto("/?from=2024-10-01&to=2024-10-31");
  const chart = page.getByRole("group", { name: /Timeline of the result, one bar per day/ });
  await expect(chart).toBeVisible();

  // Bars are days 1..31: the third to the fifth by keyboard.
  await chart.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Shift+ArrowRight");
  await page.keyboard.press("Shift+ArrowRight");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/from=2024-10-03&to=2024-10-05/);
  await expect(page.getByRole("list", { name: "Active filters" })).toContainText("3 Oct 2024 – 5 Oct 2024");

  // Back to the month, then drag across the bars of the 11th to the 20th.
  await page.goto("/?from=2024-10-01&to=2024-10-31");
  const box = (await chart.boundingBox())!;
  const x = (day: number) => box.x + ((day - 0.5) / 31) * box.width;
  await page.mouse.move(x(11), box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(x(15), box.y + box.height / 2, { steps: 4 });
  await page.mouse.move(x(20), box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();
  await expect(page).toHaveURL(/from=2024-10-11&to=2024-10-20/);
  await context.close();
});

test("keyset paging goes older and back newer, and the reading view shows the UTC time on hover", async ({
  browser,
}) => {
  const context = await browser.newContext({ storageState: storageStatePath("viewer") });
  const page = await context.newPage();
  await page.goto("/");
  await expect(rows(page)).toHaveCount(50);
  await page.screenshot({ path: "test-results/screenshots/desk-home.png" });
  const newest = await rows(page).first().getAttribute("data-article-id");
  await page.getByRole("link", { name: "Older" }).click();
  await expect(page).toHaveURL(/cursor=/);
  await expect(rows(page)).toHaveCount(50);
  expect(await rows(page).first().getAttribute("data-article-id")).not.toBe(newest);
  await page.getByRole("link", { name: "Newer" }).click();
  await expect(rows(page).first()).toHaveAttribute("data-article-id", newest!);

  await rows(page).first().getByRole("link").first().click();
  // The article's address carries the list it came from (?list=), for its way back and its neighbours.
  await expect(page).toHaveURL(/\/articles\/\d+(\?list=[^&]+)?$/);
  const time = page.locator("article time").first();
  await expect(time).toHaveAttribute("datetime", /Z$/);
  await expect(time).toHaveAttribute("title", /UTC|the source gives the day only/);
  await expect(page.getByRole("link", { name: /Original/ })).toHaveAttribute("href", /^https?:\/\//);
  await context.close();
});

test("a filter that matches nothing says so and offers to remove each filter", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStatePath("viewer") });
  const page = await context.newPage();
  await page.goto("/?q=zyxqwvb&from=2024-01-01&to=2024-12-31");
  await expect(page.getByText("No articles match.")).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/desk-empty.png" });
  await page
    .getByRole("list", { name: "Filters to remove" })
    .getByRole("link", { name: /Remove filter Search/ })
    .click();
  await expect(page).not.toHaveURL(/q=/);
  await expect(page).toHaveURL(/from=2024-01-01/);
  await expect(rows(page).first()).toBeVisible();
  await context.close();
});
