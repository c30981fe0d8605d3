import { expect, test, type Page } from "@playwright/test";
import { queryE2e as query } from "./support/db";
import { storageStatePath } from "./support/roles";

// Searching as an analyst of North Korea: a name typed the world's way (Kim Jong-un) finds KCNA's spelling, the
// Korean one and the others the names register holds; the desk says which it added, each removable; the count
// follows. Two days of the demo hold 8 English articles naming Kim Jong Un and the Korean New Year editorial of
// 2012, which names him only in Hangul (김정은동지께서, 김정은동지의...).

test.use({ storageState: storageStatePath("analyst") });

const DAYS = "from=2012-01-01&to=2012-01-02";

function total(page: Page) {
  return page.getByText(/^\d[\d,]* articles?$/);
}

test("a search for Kim Jong-un finds every spelling, says so, and drops the one removed", async ({ page }) => {
  const [{ english, korean }] = await query<{ english: number; korean: number }>(
    `SELECT count(*) FILTER (WHERE language = 'en' AND search @@ phraseto_tsquery('english', 'Kim Jong Un'))::int AS english,
            count(*) FILTER (WHERE language = 'ko' AND body_text LIKE '%김정은%')::int AS korean
     FROM articles WHERE published_at >= '2012-01-01' AND published_at < '2012-01-03'`,
  );
  expect(korean, "the demo holds the 2012 Korean editorial").toBe(1);

  await page.goto(`/?q=${encodeURIComponent("Kim Jong-un")}&${DAYS}`);
  const spellings = page.getByRole("region", { name: "Spellings searched" });
  await expect(spellings).toContainText("“Kim Jong-un” is Kim Jong-un; also searched:");
  await expect(total(page)).toHaveText(`${english + korean} articles`);
  const articles = page.getByRole("list", { name: "Articles" });
  await expect(articles).toContainText("위대한 김정일동지의 유훈을 받들어");
  // The Korean article's snippet marks the name as it is written there.
  await expect(articles.locator("mark", { hasText: "김정은" }).first()).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/search-spellings.png" });

  await spellings.getByRole("link", { name: "Stop searching 김정은" }).click();
  await expect(page).toHaveURL(/noalias=\d+/);
  await expect(total(page)).toHaveText(`${english} articles`);
  await expect(articles).not.toContainText("위대한 김정일동지의 유훈을 받들어");
  await expect(spellings.getByRole("list", { name: "Spellings of Kim Jong-un not searched" })).toContainText("김정은");

  await spellings.getByRole("link", { name: "Search 김정은 again" }).click();
  await expect(page).not.toHaveURL(/noalias=/);
  await expect(total(page)).toHaveText(`${english + korean} articles`);
});

test("the article marks the search's matches, n and p step through them", async ({ page }) => {
  await page.goto(`/?q=${encodeURIComponent("김정은")}&${DAYS}&lang=ko`);
  await page.getByRole("list", { name: "Articles" }).getByRole("link").first().click();
  const matches = page.getByRole("region", { name: "Search matches" });
  const [{ count }] = await query<{ count: number }>(
    `SELECT (length(body_text) - length(replace(body_text, '김정은', ''))) / 3 AS count
     FROM articles WHERE language = 'ko' AND published_at = '2012-01-01'`,
  );
  await expect(matches).toContainText(`${count} matches for “김정은”`);
  const marks = page.locator("mark[data-match-index]");
  await expect(marks).toHaveCount(count);
  await expect(marks.first()).toHaveText("김정은");
  await page.keyboard.press("n");
  await expect(matches).toContainText(`Match 1 of ${count}`);
  await page.keyboard.press("n");
  await expect(matches).toContainText(`Match 2 of ${count}`);
  await page.keyboard.press("p");
  await page.keyboard.press("p");
  await expect(matches).toContainText(`Match ${count} of ${count}`);
});

test("a search of stop words only says why it finds nothing", async ({ page }) => {
  await page.goto(`/?q=${encodeURIComponent("the of")}`);
  await expect(page.getByText("Nothing to search for: “the”, “of” are words too common to search.")).toBeVisible();
  await page.goto(`/?q=${encodeURIComponent("?!")}`);
  await expect(page.getByText('Ignored the search "?!": it has no letters or digits to look for.')).toBeVisible();
});

test("best match explains a rank on its score, and on the row the keys focus", async ({ page }) => {
  await page.goto(`/?q=${encodeURIComponent("missile launch")}&sort=relevance`);
  const rows = page.getByRole("list", { name: "Articles" }).getByRole("listitem");
  const first = rows.first();
  const score = first.getByRole("button", { name: /^Relevance \d+\.\d\d: why$/ });
  await expect(score).toBeVisible();
  // Screen readers have the parts at once; the drawn table only once the score is pointed at.
  const described = await score.getAttribute("aria-describedby");
  await expect(page.locator(`[id="${described}"]`)).toContainText(/Title has \d+% of the search terms .*; score \d/);
  await expect(page.getByRole("tooltip", { includeHidden: true })).toHaveCount(0);

  // A hover elsewhere on the row is not a hover on the score.
  await first.getByRole("link").first().hover();
  await expect(page.getByText("Why this rank")).toHaveCount(0);
  await score.hover();
  const why = first.getByText("Why this rank");
  await expect(why).toBeVisible();
  await expect(first.getByRole("tooltip", { includeHidden: true })).toContainText(
    /Published .* ago \(half-life 10\.0 years\)/,
  );
  await page.screenshot({ path: "test-results/screenshots/rank-explanation.png" });
  await page.mouse.move(0, 0);
  await expect(why).toBeHidden();

  // j focuses the second row: its explanation shows without a pointer.
  await expect(async () => {
    await page.keyboard.press("j");
    await expect(rows.first()).toBeFocused({ timeout: 500 });
  }).toPass();
  await page.keyboard.press("j");
  await expect(rows.nth(1)).toBeFocused();
  await expect(rows.nth(1).getByText("Why this rank")).toBeVisible();
  await expect(why).toBeHidden();

  // On a phone the score sits at the row's left: the explanation opens across the row, inside the screen.
  await page.setViewportSize({ width: 360, height: 740 });
  await page.mouse.move(0, 0);
  await rows
    .nth(2)
    .getByRole("button", { name: /^Relevance/ })
    .click();
  const tooltip = rows.nth(2).getByRole("tooltip", { includeHidden: true });
  await expect(tooltip).toBeVisible();
  const box = (await tooltip.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(360);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.screenshot({ path: "test-results/screenshots/rank-explanation-phone.png" });
});
