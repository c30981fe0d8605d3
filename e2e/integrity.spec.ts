import { expect, test, type Page } from "@playwright/test";
import { queryE2e } from "./support/db";
import { storageStatePath } from "./support/roles";

// Two ways a bulk action used to touch what the analyst did not mean: the tag picker applying a stale
// suggestion when Enter came before the search answered, and "select all ~N matching" acting on another
// number than the label said. Both as an analyst would meet them, in the browser.

test.use({ storageState: storageStatePath("analyst"), viewport: { width: 1366, height: 768 } });

const RUN = Date.now().toString(36);
const HOT = `rel-hot-${RUN}`;
const FAST = `rel-fast-${RUN}`;

function rows(page: Page) {
  return page.getByRole("list", { name: "Articles" }).locator(":scope > li");
}

async function tagged(name: string): Promise<number[]> {
  const found = await queryE2e<{ id: number }>(
    "SELECT l.article_id AS id FROM article_tags l JOIN tags t ON t.id = l.tag_id WHERE t.name = $1 ORDER BY 1",
    [name],
  );
  return found.map((row) => row.id);
}

test.afterAll(async () => {
  await queryE2e("DELETE FROM tags WHERE name LIKE $1", [`%${RUN}%`]);
});

test("Enter right after typing a new tag name applies that name, not a suggestion for what was typed before", async ({
  page,
}) => {
  // A popular tag whose name starts like the new one: the first suggestion for "rel-".
  const [{ id: hotId }] = await queryE2e<{ id: number }>("INSERT INTO tags (name) VALUES ($1) RETURNING id", [HOT]);
  await queryE2e(
    `INSERT INTO article_tags (article_id, tag_id, published_at)
     SELECT id, $1, published_at FROM articles ORDER BY id LIMIT 40`,
    [hotId],
  );
  await page.goto("/");
  await rows(page).first().getByRole("checkbox").check();
  const articleId = Number(await rows(page).first().getAttribute("data-article-id"));
  await page.getByRole("button", { name: "Tag", exact: true }).click();
  const box = page.getByRole("combobox", { name: "Tag to add" });
  await box.pressSequentially("rel-");
  await expect(page.getByRole("option", { name: new RegExp(HOT) })).toBeVisible();
  // The rest of the name and Enter at typing speed: the search for the full name has not answered yet.
  await box.pressSequentially(`fast-${RUN}`, { delay: 5 });
  await box.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: FAST })).toBeVisible();
  expect(await tagged(FAST)).toContain(articleId);
  expect(await tagged(HOT)).not.toContain(articleId);
});

test("select all matching shows the exact count first, and the action touches exactly that many", async ({ page }) => {
  const [{ id: sourceId }] = await queryE2e<{ id: number }>("SELECT id FROM sources WHERE name = 'KCNA'");
  const [{ count }] = await queryE2e<{ count: number }>(
    // Teasers are off the desk by default, so out of the selection too.
    "SELECT count(*)::int AS count FROM articles WHERE source_id = $1 AND complete",
    [sourceId],
  );
  await page.goto(`/?source=${sourceId}`);
  await rows(page).first().getByRole("checkbox").check();
  await page.getByRole("button", { name: /Select all .* matching this filter/ }).click();
  await expect(page.getByText(`All ${count.toLocaleString("en-US")} matching articles selected`)).toBeVisible();

  const name = `all-matching-${RUN}`;
  await page.getByRole("button", { name: "Tag", exact: true }).click();
  await page.getByRole("combobox", { name: "Tag to add" }).fill(name);
  await page.getByRole("option", { name: `Create “${name}”` }).click();
  await expect(page.getByRole("status").filter({ hasText: name })).toContainText(
    `Tagged ${count.toLocaleString("en-US")} articles`,
  );
  expect(await tagged(name)).toHaveLength(count);
});
