import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, test, type Browser } from "@playwright/test";
import { FeedFixtureServer } from "../test/support/feed-fixture-server";
import { queryE2e as query } from "./support/db";
import { storageStatePath } from "./support/roles";

// The analyst's Ingest page: the real seed page pasted, previewed and saved once; an article page fetched
// from a local server; a JSONL file uploaded with a progress bar; and the roles that may not do any of it.

const TAG = randomBytes(3).toString("hex");
const PASTE = readFileSync("test/fixtures/paste/kcna-watch-page.txt", "utf8");
const MAIN_TITLE = "Conference of DPRK Red Cross Society Held";
const BBC_TITLE = "Obama admits US gun laws are his 'biggest frustration'";

async function countArticles(where: string, params: unknown[]): Promise<number> {
  const [{ n }] = await query<{ n: string }>(
    `SELECT count(*) AS n FROM articles a JOIN sources s ON s.id = a.source_id WHERE ${where}`,
    params,
  );
  return Number(n);
}

const FORGED_TITLE = `Forged Paste Test ${TAG}`;

/** A page in the aggregator's format with a story of its own: the seed page's text would be a near duplicate. */
function forgedPaste(): string {
  const paragraphs = Array.from(
    { length: 4 },
    (_, i) => `Paragraph ${i + 1} of the forged-save test ${TAG}: ${randomBytes(24).toString("hex")}.`,
  );
  return [
    "January 22, 2026Jan 22, 2026",
    "KCNA KCNA.kp (En)",
    "",
    FORGED_TITLE,
    "",
    "Date: 05/01/2026 | Source: KCNA.kp (En) | Read original version at source",
    "",
    `Pyongyang, January 5 (KCNA) -- ${paragraphs.join("\n\n")} -0-`,
  ].join("\n");
}

function jsonl(lines: (Record<string, unknown> | string)[]): Buffer {
  return Buffer.from(lines.map((line) => (typeof line === "string" ? line : JSON.stringify(line))).join("\n") + "\n");
}

function story(n: number) {
  return {
    title: `Upload e2e story ${n} [${TAG}]`,
    published: `2026-01-0${n}`,
    source: "KCNA",
    url: `https://upload-e2e.example/${TAG}/${n}`,
    body: `Pyongyang, January ${n} (KCNA) -- Story ${n} of the upload test ${TAG}, uploaded through the Ingest page.`,
  };
}

test.describe("analysts", () => {
  test.use({ storageState: storageStatePath("analyst") });

  test("paste the seed page, check the preview, save it once, and read it", async ({ page }) => {
    await page.goto("/ingest");
    await expect(page.getByRole("heading", { name: "Ingest", level: 1 })).toBeVisible();
    await expect(page.getByRole("tab", { name: "Paste" })).toHaveAttribute("aria-selected", "true");

    await page.getByLabel("Pasted page").fill(PASTE);
    await page.getByRole("button", { name: "Preview" }).click();
    const preview = page.getByRole("region", { name: "Preview: what will be saved" });
    const main = preview.getByRole("list", { name: "Full articles" }).getByRole("article", { name: MAIN_TITLE });
    await expect(main.getByRole("heading", { name: MAIN_TITLE })).toBeVisible();
    await expect(main.locator("time")).toHaveText("10 Jun 2021");
    await expect(main).toContainText("KCNA.kp (En)");
    await expect(main).toContainText("9 paragraphs");
    await expect(main).toContainText("Pyongyang, June 10 (KCNA) -- A video conference");
    const more = preview.getByRole("list", { name: "Teasers" });
    await expect(more.getByRole("listitem")).toHaveCount(18);
    await expect(more.getByRole("listitem").first()).toContainText(
      "Korean Toffee Making - Part of DPRK's Intangible Cultural Heritage",
    );
    await expect(more.getByRole("listitem").first()).toContainText("22 Jan 2026");
    await expect(more.getByText("Teaser", { exact: true })).toHaveCount(18);
    await page.screenshot({ path: "test-results/screenshots/ingest-paste.png", fullPage: true });

    await page.getByRole("button", { name: "Save 1 full article and 18 teasers" }).click();
    await expect(page.getByText("Saved: 1 new article, 18 teasers.")).toBeVisible();
    // React resets a form after its action; the paste must still be there.
    await expect(page.getByLabel("Pasted page")).toHaveValue(PASTE);
    const mainWhere = "a.title = $1 AND s.name = 'KCNA' AND a.published_at = '2021-06-10T00:00:00Z' AND a.complete";
    expect(await countArticles(mainWhere, [MAIN_TITLE])).toBe(1);
    const teaserWhere =
      "s.name = 'KCNA' AND NOT a.complete AND a.published_at >= '2026-01-20' AND a.published_at < '2026-01-23'";
    expect(await countArticles(teaserWhere, [])).toBe(18);

    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Nothing new: 19 items already known.")).toBeVisible();
    expect(await countArticles(mainWhere, [MAIN_TITLE])).toBe(1);
    expect(await countArticles(teaserWhere, [])).toBe(18);
    await expect(
      page
        .getByRole("table", { name: "Recent ingest runs, newest first" })
        .getByRole("row")
        .filter({ hasText: MAIN_TITLE }),
    ).toHaveCount(2);

    await page.getByRole("link", { name: "Open the article" }).click();
    await expect(page.getByRole("heading", { name: MAIN_TITLE, level: 1 })).toBeVisible();
    await expect(page.locator("article time").first()).toHaveText("10 Jun 2021");
    await expect(page.getByText("Present there were members of the Central Committee")).toBeVisible();

    // The teasers are the newest KCNA items of the demo data: hidden from the desk until their full text
    // arrives, they head the list once "Teasers: shown" is chosen.
    await page.goto("/");
    const toffee = page
      .getByRole("listitem")
      .filter({ hasText: "Korean Toffee Making - Part of DPRK's Intangible Cultural Heritage" });
    await expect(page.getByRole("list", { name: "Articles" })).toBeVisible();
    await expect(toffee).toHaveCount(0);
    await page.getByRole("combobox", { name: "Teasers" }).selectOption("show");
    await page.waitForURL((url) => url.searchParams.get("teasers") === "show");
    await expect(toffee).toHaveCount(1);
    await expect(toffee.getByText("Teaser", { exact: true })).toBeVisible();
  });

  test("fetch an article page from a local server, check the extraction, and save it", async ({ page }) => {
    const server = await new FeedFixtureServer().start();
    try {
      const url = server.serve("/news/bbc-1.html", {
        contentType: "text/html; charset=utf-8",
        body: readFileSync("test/fixtures/pages/readability/bbc-1/source.html"),
      });
      await page.goto("/ingest");
      // Arrow keys move between the tabs.
      await page.getByRole("tab", { name: "Paste" }).focus();
      await page.keyboard.press("ArrowRight");
      await expect(page.getByRole("tab", { name: "URL" })).toBeFocused();
      await expect(page.getByRole("tab", { name: "URL" })).toHaveAttribute("aria-selected", "true");
      await expect(page).toHaveURL(/\?tab=url$/);

      await page.getByLabel("Article address").fill(url);
      await page.getByRole("button", { name: "Fetch" }).click();
      const form = page.getByRole("form", { name: "Save the article" });
      await expect(form.getByRole("heading", { name: BBC_TITLE })).toBeVisible({ timeout: 30_000 });
      await expect(form).toContainText("President Barack Obama has admitted");
      await expect(form.locator("time")).toHaveText(/^24 Jul 2015/);
      await expect(form.getByLabel("Source")).toHaveValue("BBC News");
      await page.screenshot({ path: "test-results/screenshots/ingest-url.png", fullPage: true });

      await form.getByRole("button", { name: "Save" }).click();
      await expect(form.getByText("Saved: 1 new article.")).toBeVisible({ timeout: 30_000 });
      expect(await countArticles("a.title = $1 AND a.url = $2 AND s.name = 'BBC News'", [BBC_TITLE, url])).toBe(1);
      await form.getByRole("button", { name: "Save" }).click();
      await expect(form.getByText("Nothing new: this article is already stored.")).toBeVisible({ timeout: 30_000 });
      expect(await countArticles("a.title = $1", [BBC_TITLE])).toBe(1);

      await page.getByLabel("Article address").fill(`${server.origin}/nothing-here`);
      await page.getByRole("button", { name: "Fetch" }).click();
      await expect(
        page.getByRole("alert").filter({ hasText: "The site answered HTTP 404 (not found)." }),
      ).toBeVisible();
    } finally {
      await server.stop();
    }
  });

  test("upload a JSONL file with a bad line, follow its progress to the end, and upload it again", async ({ page }) => {
    const fileName = `stories-${TAG}.jsonl`;
    const file = {
      name: fileName,
      mimeType: "application/x-ndjson",
      buffer: jsonl([story(1), story(2), story(3), { ...story(4), published: "yesterday" }, story(5), story(6)]),
    };
    await page.goto("/ingest?tab=file");
    await expect(page.getByRole("tab", { name: "File" })).toHaveAttribute("aria-selected", "true");

    await page.getByLabel("Article file", { exact: true }).setInputFiles(file);
    await page.getByRole("button", { name: "Upload and import" }).click();
    const progress = page.getByRole("region", { name: "Import progress" });
    await expect(progress.getByRole("progressbar", { name: "Import" })).toHaveAttribute("aria-valuenow", "100");
    await expect(progress.getByRole("progressbar", { name: "Upload" })).toHaveAttribute("aria-valuenow", "100");
    await expect(progress.getByText("Imported: 5 new, 0 duplicates, 1 failed")).toBeVisible();
    const failed = progress.getByRole("list", { name: "Failed lines" }).getByRole("listitem");
    await expect(failed).toHaveCount(1);
    await expect(failed).toContainText("Line 4");
    await expect(failed).toContainText('published: expected a date like 2024-08-04, got "yesterday"');
    await expect(
      page
        .getByRole("table", { name: "Recent ingest runs, newest first" })
        .getByRole("row")
        .filter({ hasText: fileName }),
    ).toHaveCount(1);
    await page.screenshot({ path: "test-results/screenshots/ingest-file.png", fullPage: true });
    expect(await countArticles("a.title LIKE $1", [`Upload e2e story % [${TAG}]`])).toBe(5);

    await page.getByLabel("Article file", { exact: true }).setInputFiles(file);
    await page.getByRole("button", { name: "Upload and import" }).click();
    await expect(progress.getByText("Imported: 0 new, 5 duplicates, 1 failed")).toBeVisible();
    expect(await countArticles("a.title LIKE $1", [`Upload e2e story % [${TAG}]`])).toBe(5);

    await progress.getByRole("link", { name: /^Run #\d+$/ }).click();
    await expect(page.getByRole("heading", { name: /^Run #\d+: File$/, level: 1 })).toBeVisible();
    await expect(page.getByText("Partly failed")).toBeVisible();
    const errors = page.getByRole("table", { name: /^Failed items of run/ });
    await expect(errors.getByRole("row")).toHaveCount(2);
    await expect(errors).toContainText("line 4");
    await page.screenshot({ path: "test-results/screenshots/ingest-run.png", fullPage: true });
  });
});

/**
 * The fields the analyst's browser posts for "Save" on the paste form (the server action's reference
 * included), as a no-JavaScript submission of that button would send them.
 */
async function capturePasteSave(browser: Browser, text: string): Promise<[string, string][]> {
  const context = await browser.newContext({ storageState: storageStatePath("analyst") });
  const page = await context.newPage();
  await page.goto("/ingest");
  await page.getByLabel("Pasted page").fill(text);
  await page.getByRole("button", { name: "Preview" }).click();
  const save = page.getByRole("button", { name: "Save" });
  await expect(save).toBeEnabled();
  const fields = await save.evaluate((button) => {
    const form = (button as HTMLButtonElement).form!;
    return [...new FormData(form, button as HTMLButtonElement).entries()].map(
      ([k, v]) => [k, String(v)] as [string, string],
    );
  });
  await context.close();
  return fields;
}

test.describe("viewers", () => {
  test.use({ storageState: storageStatePath("viewer") });

  test("get 403 from the Ingest page, a run's page and the upload routes", async ({ page }) => {
    const response = await page.goto("/ingest");
    expect(response?.status()).toBe(403);
    await expect(page.getByText("You do not have access to this page")).toBeVisible();
    await expect(page.getByRole("tab")).toHaveCount(0);
    const [{ id }] = await query<{ id: number }>("SELECT id FROM ingest_runs ORDER BY id LIMIT 1");
    expect((await page.goto(`/ingest/runs/${id}`))?.status()).toBe(403);

    const upload = await page.request.post("/api/ingest/file", {
      headers: { "X-File-Name": "viewer.jsonl" },
      data: jsonl([story(7)]),
    });
    expect(upload.status()).toBe(403);
    expect(await countArticles("a.title = $1", [story(7).title])).toBe(0);
    expect((await page.request.get(`/api/ingest/runs/${id}`)).status()).toBe(403);
  });
});

test.describe("forged requests", () => {
  test("a viewer or an anonymous visitor replaying the analyst's paste-save stores nothing; the analyst's replay stores it", async ({
    browser,
    playwright,
    baseURL,
  }) => {
    const fields = await capturePasteSave(browser, forgedPaste());
    expect(fields.some(([key]) => key.startsWith("$ACTION"))).toBe(true);
    const multipart = Object.fromEntries(fields);
    const stored = () => countArticles("a.title = $1", [FORGED_TITLE]);

    for (const storageState of [storageStatePath("viewer"), undefined]) {
      const request = await playwright.request.newContext({ baseURL, storageState });
      await request.post("/ingest", { multipart, maxRedirects: 0 });
      await request.dispose();
      expect(await stored(), `after a forged post as ${storageState ?? "anonymous"}`).toBe(0);
    }
    const anonymousUpload = await playwright.request.newContext({ baseURL });
    expect(
      (
        await anonymousUpload.post("/api/ingest/file", {
          headers: { "X-File-Name": "a.jsonl" },
          data: jsonl([story(8)]),
        })
      ).status(),
    ).toBe(401);
    await anonymousUpload.dispose();

    const analyst = await playwright.request.newContext({ baseURL, storageState: storageStatePath("analyst") });
    await analyst.post("/ingest", { multipart, maxRedirects: 0 });
    await analyst.dispose();
    expect(await stored()).toBe(1);
  });
});
