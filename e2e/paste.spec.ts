import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { queryE2e as query } from "./support/db";
import { storageStatePath } from "./support/roles";

// Pasting several articles at once: two KCNA pages copied one after the other with the second one's
// More From list, then a More From list alone. The stories are real corpus articles of 11-12 September
// 2024, days the demo data does not hold, so each one is new to the desk.

const PASTE = readFileSync("test/fixtures/paste/unseeded-two-articles-and-more-from.txt", "utf8");
const FULL = [
  "New Houses Built in Nampho Municipality of DPRK",
  "Intellectual Property Development Exhibition Prepared in DPRK",
];
const TEASERS = [
  "Mass Technical Innovation Movement in DPRK",
  "Press Review",
  "Increased Coal Production in DPRK",
  "Work to Ensure Accuracy of Forecast of Fishing Conditions Brisk in DPRK",
];
const TAG = randomBytes(3).toString("hex");

async function stored(titles: string[]): Promise<{ title: string; complete: boolean; day: string }[]> {
  return query(
    `SELECT a.title, a.complete, to_char(a.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day
       FROM articles a JOIN sources s ON s.id = a.source_id
      WHERE s.name = 'KCNA' AND a.title = ANY($1) AND a.published_at >= '2024-09-11' AND a.published_at < '2024-09-13'
      ORDER BY a.title`,
    [titles],
  );
}

test.use({ storageState: storageStatePath("analyst") });

test("an analyst pastes two articles and a More From list, checks every one in the preview, saves, and finds them on the desk", async ({
  page,
}) => {
  await page.goto("/ingest");
  await page.getByLabel("Pasted page").fill(PASTE);
  await page.getByRole("button", { name: "Preview" }).click();

  const preview = page.getByRole("region", { name: "Preview: what will be saved" });
  await expect(preview.getByText("Found 2 full articles and 4 teasers.")).toBeVisible();
  const full = preview.getByRole("list", { name: "Full articles" }).getByRole("listitem");
  await expect(full).toHaveCount(2);
  for (const [index, title] of FULL.entries()) {
    const article = full.nth(index);
    await expect(article.getByRole("heading", { name: title })).toBeVisible();
    await expect(article.locator("time")).toHaveText("11 Sept 2024");
    await expect(article).toContainText("KCNA.kp (En)");
    await expect(article.getByText("Full article", { exact: true })).toBeVisible();
  }
  await expect(full.first()).toContainText("Pyongyang, September 11 (KCNA) -- New houses have appeared at Jisa");
  const teasers = preview.getByRole("list", { name: "Teasers" }).getByRole("listitem");
  await expect(teasers).toHaveCount(4);
  for (const [index, title] of TEASERS.entries()) {
    await expect(teasers.nth(index)).toContainText(title);
    await expect(teasers.nth(index).getByText("Teaser", { exact: true })).toBeVisible();
  }
  await expect(teasers.nth(2).locator("time")).toHaveText("12 Sept 2024");
  await expect(preview.getByRole("alert")).toHaveCount(0);
  await page.screenshot({ path: "test-results/screenshots/paste-preview.png", fullPage: true });
  expect(await stored([...FULL, ...TEASERS])).toEqual([]);

  await page.getByRole("button", { name: "Save 2 full articles and 4 teasers" }).click();
  const result = page.getByRole("status").filter({ hasText: "Saved: 2 new articles, 4 teasers." });
  await expect(result).toBeVisible();
  await expect(result.getByRole("link", { name: FULL[1] })).toBeVisible();
  expect(await stored([...FULL, ...TEASERS])).toEqual([
    { title: "Increased Coal Production in DPRK", complete: false, day: "2024-09-12" },
    { title: FULL[1], complete: true, day: "2024-09-11" },
    { title: "Mass Technical Innovation Movement in DPRK", complete: false, day: "2024-09-11" },
    { title: FULL[0], complete: true, day: "2024-09-11" },
    { title: "Press Review", complete: false, day: "2024-09-11" },
    { title: TEASERS[3], complete: false, day: "2024-09-12" },
  ]);

  // The desk, narrowed to those two days and showing teasers (hidden by default): the two articles in full
  // and the four teasers, marked as such.
  await page.goto("/?from=2024-09-11&to=2024-09-12&sort=oldest&teasers=show");
  for (const title of [...FULL, ...TEASERS]) {
    const row = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: title, exact: true }) });
    await expect(row).toHaveCount(1);
    await expect(row.getByText("Teaser", { exact: true })).toHaveCount(TEASERS.includes(title) ? 1 : 0);
  }
  await page.getByRole("link", { name: FULL[0], exact: true }).click();
  await expect(page.getByRole("heading", { name: FULL[0], level: 1 })).toBeVisible();
  await expect(page.getByText("Those cozy houses of various styles")).toBeVisible();
});

test("a More From list pasted alone is stored as teasers only once the analyst confirms", async ({ page }) => {
  const list = PASTE.slice(PASTE.indexOf("More From KCNA.kp (En)")).replace(
    new RegExp(`^(${TEASERS.map((title) => title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})$`, "gm"),
    `$1 ${TAG}`,
  );
  await page.goto("/ingest");
  await page.getByLabel("Pasted page").fill(list);
  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByRole("region", { name: "Preview: what will be saved" });
  await expect(preview.getByText("Found 4 teasers.")).toBeVisible();
  await expect(preview.getByRole("list", { name: "Teasers" }).getByRole("listitem")).toHaveCount(4);
  await expect(preview.getByRole("list", { name: "Full articles" })).toHaveCount(0);

  const save = page.getByRole("button", { name: "Save 4 teasers" });
  await expect(page.getByText("This paste has no full article, only 4 teasers")).toBeVisible();
  await expect(save).toBeDisabled();
  await page.getByRole("checkbox", { name: "Store the 4 teasers" }).check();
  await expect(save).toBeEnabled();
  await page.screenshot({ path: "test-results/screenshots/paste-teasers-only.png", fullPage: true });
  await save.click();
  await expect(page.getByText("Saved: 4 teasers.")).toBeVisible();
  const rows = await stored(TEASERS.map((title) => `${title} ${TAG}`));
  expect(rows.map((row) => row.complete)).toEqual([false, false, false, false]);
});

test("a paste with a broken article names the line, lists what it could read, and cannot be saved", async ({
  page,
}) => {
  await page.goto("/ingest");
  await page.getByLabel("Pasted page").fill(PASTE.replace("Date: 11/09/2024", "Date: 31/09/2024"));
  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByRole("region", { name: "Preview: what will be saved" });
  await expect(preview.getByRole("alert")).toContainText(
    `Line 6: the Date line of "${FULL[0]}" cannot be read: "31/09/2024" is not a real day.`,
  );
  await expect(preview.getByRole("list", { name: "Full articles" }).getByRole("listitem")).toHaveCount(1);
  await expect(page.getByRole("button", { name: /^Save/ })).toBeDisabled();
});
