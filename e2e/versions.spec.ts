import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { queryE2e as query } from "./support/db";
import { storageStatePath } from "./support/roles";

// Every version of the record, as an analyst meets it: a script posts a story through the API, then posts it
// again under the same address with a sentence removed and a new title; the API says `updated`, the desk's
// "Edited at source" filter finds the article with its badge, and the article's History shows both versions
// with a word diff, inline and side by side (screenshots under test-results/screenshots). Dated 2096 and
// removed afterwards, so it heads the newest-first list only while this spec runs.

const RUN = randomBytes(3).toString("hex");
const SOURCE = `Versions e2e ${RUN}`;
const URL_OF_STORY = `https://versions-e2e.example/${RUN}/greetings`;
const TITLE = `Kim Jong Un receives greetings from senior officials ${RUN}`;
const NEW_TITLE = `Kim Jong Un receives greetings ${RUN}`;
const SENTENCE = "Jang Song Thaek, vice-chairman of the National Defence Commission, sent a message of loyalty.";
const BODY = [
  "Pyongyang, December 3 (KCNA) -- Kim Jong Un received greetings on the anniversary of his leadership.",
  `Choe Ryong Hae, director of the General Political Bureau of the Korean People's Army, sent greetings. ${SENTENCE}`,
  "The greetings wished him good health and expressed the resolve to carry out the tasks of the year.",
].join("\n");
const EDITED_BODY = BODY.replace(` ${SENTENCE}`, "");
const SCREENSHOTS = "test-results/screenshots";

test.use({ storageState: storageStatePath("analyst"), viewport: { width: 1366, height: 900 } });

test.afterAll(async () => {
  await query("DELETE FROM articles WHERE source_id IN (SELECT id FROM sources WHERE name = $1)", [SOURCE]);
  await query("DELETE FROM sources WHERE name = $1", [SOURCE]);
});

test("an edit at the source becomes a version: the desk filter finds it and the History shows the diff", async ({
  page,
}) => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const post = (title: string, body: string) =>
    page.request.post("/api/v1/articles", {
      data: { articles: [{ title, body, source: SOURCE, url: URL_OF_STORY, published: "2096-12-03T06:00:00Z" }] },
    });
  const first = await (await post(TITLE, BODY)).json();
  expect(first.results[0]).toMatchObject({ status: "created" });
  const articleId: number = first.results[0].id;
  const second = await (await post(NEW_TITLE, EDITED_BODY)).json();
  expect(second.results[0]).toEqual({ index: 0, status: "updated", id: articleId, version: 2 });
  expect(second).toMatchObject({ created: 0, updated: 1, duplicates: 0 });
  const again = await (await post(NEW_TITLE, EDITED_BODY)).json();
  expect(again.results[0]).toMatchObject({ status: "duplicate", id: articleId });

  // The desk: "Changed at source" → "Edited at source".
  await page.goto("/");
  await page.getByRole("button", { name: "Changed at source" }).click();
  await page.getByRole("checkbox", { name: "Edited at source" }).check();
  await expect(page).toHaveURL(/changed=edited/);
  await page.keyboard.press("Escape");
  const row = page.getByRole("list", { name: "Articles" }).getByRole("listitem", { name: NEW_TITLE, exact: true });
  await expect(row).toBeVisible();
  await expect(row.getByText("Edited at source")).toBeVisible();
  await expect(page.getByRole("link", { name: "Remove filter Edited at source" })).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/versions-desk-edited-filter.png` });

  // The earlier title still finds it.
  await page.goto(`/?q=${encodeURIComponent(`"senior officials" ${RUN}`)}`);
  await expect(
    page.getByRole("list", { name: "Articles" }).getByRole("listitem", { name: NEW_TITLE, exact: true }),
  ).toBeVisible();

  await page.goto(`/articles/${articleId}`);
  await expect(page.getByRole("heading", { name: NEW_TITLE })).toBeVisible();
  await expect(page.getByText("Edited at source · 2 versions")).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/versions-article.png`, fullPage: true });
  const history = page.getByRole("region", { name: /History/ });
  await expect(history.getByText("seen by API")).toHaveCount(2);
  const diff = history.getByTestId("version-diff");
  await expect(diff.locator("del")).toContainText(["Jang Song Thaek"]);
  await expect(diff.getByLabel("Title changes").locator("del")).toContainText("from senior officials");
  await expect(history.getByText(/^0 words added, 1[4-9] removed$/)).toBeVisible();
  await history.scrollIntoViewIfNeeded();
  await history.screenshot({ path: `${SCREENSHOTS}/versions-diff-inline.png` });

  await history.getByRole("radio", { name: "Side by side" }).click();
  await expect(diff.getByLabel("Text, v1").locator("del")).toContainText("Jang Song Thaek");
  await expect(diff.getByLabel("Text, v2")).not.toContainText("Jang Song Thaek");
  await history.screenshot({ path: `${SCREENSHOTS}/versions-diff-side.png` });

  // The versions route answers the same, for scripts.
  const versions = await (await page.request.get(`/api/v1/articles/${articleId}/versions`)).json();
  expect(versions.versions.map((v: { version: number; title: string }) => [v.version, v.title])).toEqual([
    [1, TITLE],
    [2, NEW_TITLE],
  ]);
});
