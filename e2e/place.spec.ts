import { expect, test, type Page } from "@playwright/test";
import { queryE2e as query } from "./support/db";
import { storageStatePath } from "./support/roles";

// Never losing one's place: j twelve times, o, j on the article page, Back, j lands on the expected rows;
// opened articles stop being bold for their reader (not for the team's review status), u makes one unread
// again; the article page's way back keeps the filter.

test.use({ storageState: storageStatePath("analyst"), viewport: { width: 1280, height: 900 } });

function rows(page: Page) {
  return page.getByRole("list", { name: "Articles" }).locator(":scope > li");
}

async function focusedId(page: Page): Promise<number | null> {
  return page.evaluate(() => {
    const id = document.activeElement?.closest("li[data-article-id]")?.getAttribute("data-article-id");
    return id ? Number(id) : null;
  });
}

function titleOf(page: Page, id: number) {
  return page.locator(`li[data-article-id="${id}"] a[id="article-${id}-title"]`);
}

test("the triage round trip lands on the expected rows, and reads are the reader's own", async ({ page }) => {
  const [analyst] = await query<{ id: number }>("SELECT id FROM users WHERE email = 'analyst@example.com'");
  await query("DELETE FROM article_reads WHERE user_id = $1", [analyst.id]);

  await page.goto("/");
  await expect(rows(page).first()).toBeVisible();
  const ids = (
    await rows(page).evaluateAll((items) => items.map((item) => Number(item.getAttribute("data-article-id"))))
  ).slice(0, 14);
  expect(ids).toHaveLength(14);
  await expect(titleOf(page, ids[11])).toHaveAttribute("data-read", "false");
  const [before] = await query<{ review_status: string }>("SELECT review_status FROM articles WHERE id = $1", [
    ids[11],
  ]);

  // The timeline's chart is drawn in the browser only: once it shows, the page answers to keys.
  await expect(page.getByRole("group", { name: /Timeline of the result/ })).toBeVisible();
  await page.keyboard.press("j");
  await expect.poll(() => focusedId(page)).toBe(ids[0]);
  for (let i = 0; i < 11; i++) await page.keyboard.press("j");
  await expect.poll(() => focusedId(page)).toBe(ids[11]);

  await page.keyboard.press("o");
  await page.waitForURL((url) => url.pathname === `/articles/${ids[11]}`);
  await expect(page.getByRole("link", { name: "Next" })).toBeVisible();
  await page.keyboard.press("j");
  await page.waitForURL((url) => url.pathname === `/articles/${ids[12]}`);
  await expect(page.getByRole("link", { name: "Previous" })).toBeVisible();

  await page.goBack();
  await page.waitForURL((url) => url.pathname === "/");
  await expect.poll(() => focusedId(page)).toBe(ids[12]);
  await page.keyboard.press("j");
  await expect.poll(() => focusedId(page)).toBe(ids[13]);

  // Read for this analyst: not bold any more, stored, and the team's review status untouched.
  await expect(titleOf(page, ids[11])).toHaveAttribute("data-read", "true");
  await expect(titleOf(page, ids[12])).toHaveAttribute("data-read", "true");
  await expect(titleOf(page, ids[13])).toHaveAttribute("data-read", "false");
  const reads = await query<{ article_id: number }>(
    "SELECT article_id FROM article_reads WHERE user_id = $1 ORDER BY article_id",
    [analyst.id],
  );
  expect(reads.map((row) => row.article_id).sort()).toEqual([ids[11], ids[12]].sort());
  const [after] = await query<{ review_status: string }>("SELECT review_status FROM articles WHERE id = $1", [ids[11]]);
  expect(after.review_status).toBe(before.review_status);

  // u on the focused row: unread again, also after a reload.
  await page.keyboard.press("k");
  await expect.poll(() => focusedId(page)).toBe(ids[12]);
  await page.keyboard.press("u");
  await expect(titleOf(page, ids[12])).toHaveAttribute("data-read", "false");
  await expect
    .poll(
      async () =>
        (await query("SELECT 1 FROM article_reads WHERE user_id = $1 AND article_id = $2", [analyst.id, ids[12]]))
          .length,
    )
    .toBe(0);
  await page.reload();
  await expect(titleOf(page, ids[12])).toHaveAttribute("data-read", "false");
  await expect(titleOf(page, ids[11])).toHaveAttribute("data-read", "true");

  // "Unread by me" leaves out what this analyst opened, and keeps what was marked unread again.
  await page.getByRole("combobox", { name: "Read" }).selectOption("unread");
  await page.waitForURL((url) => url.searchParams.get("read") === "unread");
  await expect(titleOf(page, ids[12])).toBeVisible();
  await expect(titleOf(page, ids[11])).toHaveCount(0);
});

test("the article page steps within the filter and its way back keeps the filter", async ({ page }) => {
  const [source] = await query<{ id: number }>("SELECT id FROM sources WHERE name = 'Rodong Sinmun'");
  const listUrl = `/?source=${source.id}&sort=oldest`;
  await page.goto(listUrl);
  const ids = await rows(page).evaluateAll((items) =>
    items.slice(0, 3).map((item) => Number(item.getAttribute("data-article-id"))),
  );
  await titleOf(page, ids[0]).click();
  await page.waitForURL((url) => url.pathname === `/articles/${ids[0]}`);
  await page.getByRole("link", { name: "Next" }).click();
  await page.waitForURL((url) => url.pathname === `/articles/${ids[1]}`);
  await page.keyboard.press("j");
  await page.waitForURL((url) => url.pathname === `/articles/${ids[2]}`);
  await page.keyboard.press("k");
  await page.waitForURL((url) => url.pathname === `/articles/${ids[1]}`);

  await page.getByRole("navigation", { name: "Article list" }).getByRole("link", { name: "Articles" }).click();
  await page.waitForURL((url) => url.pathname === "/");
  const url = new URL(page.url());
  expect(url.searchParams.get("source")).toBe(String(source.id));
  expect(url.searchParams.get("sort")).toBe("oldest");
  await expect.poll(() => focusedId(page)).toBe(ids[1]);
});
