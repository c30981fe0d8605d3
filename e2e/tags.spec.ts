import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { queryE2e as query } from "./support/db";
import { storageStatePath } from "./support/roles";

// The team's tags page: everyone sees each tag's use and opens its articles; only admins rename,
// recolour and delete.

const RUN = randomBytes(3).toString("hex");
const NAME = `tags e2e ${RUN}`;

let tagId: number;

test.beforeAll(async () => {
  const [tag] = await query<{ id: number }>("INSERT INTO tags (name, color) VALUES ($1, '#475569') RETURNING id", [
    NAME,
  ]);
  tagId = tag.id;
  await query(
    `INSERT INTO article_tags (article_id, tag_id, published_at)
     SELECT id, $1, published_at FROM articles ORDER BY published_at DESC, id DESC LIMIT 2`,
    [tagId],
  );
});

test("an analyst sees the tags with their use and opens a tag's articles, without admin controls", async ({
  browser,
}) => {
  const context = await browser.newContext({ storageState: storageStatePath("analyst") });
  const page = await context.newPage();
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Tags" }).click();
  const row = page.getByRole("row").filter({ hasText: NAME });
  await expect(row).toContainText("2");
  await expect(row.getByRole("textbox")).toHaveCount(0);
  await expect(row.getByRole("button", { name: /Delete/ })).toHaveCount(0);
  await row.getByRole("link", { name: `2 articles tagged ${NAME}` }).click();
  await expect(page).toHaveURL(new RegExp(`tag=${tagId}`));
  await expect(page.getByRole("list", { name: "Articles" }).locator(":scope > li")).toHaveCount(2);
  await context.close();
});

test("an admin renames, recolours and deletes a tag, each audited", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStatePath("admin") });
  const page = await context.newPage();
  await page.goto("/tags");
  const renamed = `${NAME} renamed`;
  await page.getByLabel(`Name of the tag ${NAME}`).fill(renamed);
  await page.getByLabel(`Colour of the tag ${NAME}`).selectOption({ label: "Violet" });
  await page
    .getByRole("row")
    .filter({ has: page.getByLabel(`Name of the tag ${NAME}`) })
    .getByRole("button", { name: "Save" })
    .click();
  await expect(page.getByText(`Saved the tag “${renamed}”.`)).toBeVisible();
  expect(await query("SELECT name, color FROM tags WHERE id = $1", [tagId])).toEqual([
    { name: renamed, color: "#7c3aed" },
  ]);
  await expect(page.getByLabel(`Colour of the tag ${renamed}`)).toHaveValue("#7c3aed");
  await page.screenshot({ path: "test-results/screenshots/tags.png" });

  await page.getByRole("button", { name: `Delete the tag ${renamed}`, exact: true }).click();
  await expect(page.getByText("Remove from 2 articles?")).toBeVisible();
  await page.getByRole("button", { name: `Delete the tag ${renamed} for good` }).click();
  // The row goes with the tag.
  await expect(page.getByRole("row").filter({ hasText: renamed })).toHaveCount(0);
  expect(await query("SELECT 1 FROM tags WHERE id = $1", [tagId])).toEqual([]);
  expect(await query("SELECT 1 FROM article_tags WHERE tag_id = $1", [tagId])).toEqual([]);
  const audits = await query<{ action: string }>(
    "SELECT action FROM audit_events WHERE target_type = 'tag' AND target_id = $1 ORDER BY id",
    [String(tagId)],
  );
  expect(audits.map((audit) => audit.action)).toEqual(["tag.update", "tag.delete"]);
  await context.close();
});
