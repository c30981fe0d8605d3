import { randomBytes } from "node:crypto";
import { expect, test, type Page, type Request } from "@playwright/test";
import { queryE2e as query } from "./support/db";
import { storageStatePath } from "./support/roles";

// The analyst's desk, as the issue tells it: filter to one theme and one month with a phrase, select
// three results, tag them in bulk (and undo a bulk tag), open one, annotate a passage, reload and find
// the tag and the highlighted note; the keys work; a viewer sees no write controls (only a selection to
// export), and replaying the analyst's bulk action as the viewer changes nothing.
//
// The demo's October 2024 articles mentioning "Kim Jong Un" get a theme of this run by hand (in the
// database), so the filtered list is exactly the four newest of them.

const RUN = randomBytes(3).toString("hex");
const THEME = `Desk e2e ${RUN}`;
const TAG = `desk e2e ${RUN}`;
const UNDONE_TAG = `desk undo ${RUN}`;
const PHRASE = '"Kim Jong Un"';
const NOTE = `Worth comparing with the September statement (${RUN}).`;

test.use({ viewport: { width: 1366, height: 768 } });

async function tagLinks(name: string): Promise<number[]> {
  const rows = await query<{ id: number }>(
    "SELECT l.article_id AS id FROM article_tags l JOIN tags t ON t.id = l.tag_id WHERE t.name = $1 ORDER BY l.article_id",
    [name],
  );
  return rows.map((row) => row.id);
}

let themeId: number;
let articleIds: number[];
let listPath: string;
/** The analyst's bulk "add tag" server action call, as the browser sent it: the viewer replays it. */
let captured: { url: string; headers: Record<string, string>; body: string } | null = null;

test.beforeAll(async () => {
  const [theme] = await query<{ id: number }>(
    "INSERT INTO themes (name, slug, color, updated_at) VALUES ($1, $2, '#0f766e', now()) RETURNING id",
    [THEME, THEME.toLowerCase().replace(/\W+/g, "-")],
  );
  themeId = theme.id;
  const matches = await query<{ id: number }>(
    `SELECT id FROM articles
     WHERE published_at >= '2024-10-01' AND published_at < '2024-11-01' AND search @@ phraseto_tsquery('english', 'Kim Jong Un')
     ORDER BY published_at DESC, id DESC LIMIT 4`,
  );
  expect(matches, "the demo seed holds October 2024 articles about Kim Jong Un").toHaveLength(4);
  articleIds = matches.map((row) => row.id);
  await query(
    `INSERT INTO article_themes (article_id, theme_id, origin, published_at)
     SELECT id, $1, 'MANUAL', published_at FROM articles WHERE id = ANY($2::int[])`,
    [themeId, articleIds],
  );
  listPath = `/?q=${encodeURIComponent(PHRASE)}&from=2024-10-01&to=2024-10-31&theme=${themeId}`;
});

function rows(page: Page) {
  return page.getByRole("list", { name: "Articles" }).locator(":scope > li");
}

function captureBulkAction(page: Page, name: string) {
  const onRequest = (request: Request) => {
    const headers = request.headers();
    if (request.method() === "POST" && headers["next-action"] && request.postData()?.includes(name)) {
      captured = { url: request.url(), headers, body: request.postData()! };
    }
  };
  page.on("request", onRequest);
  return () => page.off("request", onRequest);
}

test.describe.serial("the analyst's desk", () => {
  test("an analyst filters, triages with the keyboard, tags in bulk with undo, and annotates", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStatePath("analyst") });
    const page = await context.newPage();
    await page.goto("/");

    // Filter through the bar: a phrase, one month, one theme. The URL holds all of it.
    await page.getByRole("searchbox", { name: "Search" }).fill(PHRASE);
    await page.getByRole("searchbox", { name: "Search" }).press("Enter");
    await expect(page).toHaveURL(/q=%22Kim\+Jong\+Un%22/);
    await page.getByLabel("Dates", { exact: true }).selectOption("custom");
    await page.getByLabel("From", { exact: true }).fill("2024-10-01");
    await expect(page).toHaveURL(/from=2024-10-01/);
    await page.getByLabel("To", { exact: true }).fill("2024-10-31");
    await expect(page).toHaveURL(/to=2024-10-31/);
    await page.getByRole("button", { name: "Themes" }).click();
    await page.getByRole("checkbox", { name: THEME }).check();
    await expect(page).toHaveURL(new RegExp(`theme=${themeId}(&|$)`));
    await page.keyboard.press("Escape");
    await expect(page.getByText("4 articles", { exact: true })).toBeVisible();
    await expect(rows(page)).toHaveCount(4);
    await expect(rows(page).first().locator("mark").first()).toContainText("Kim Jong Un");
    await expect(page.getByRole("list", { name: "Active filters" })).toContainText(`Theme: ${THEME}`);
    await expect(page.getByRole("figure")).toContainText("Articles per day");

    // The same URL restores the same view.
    await page.reload();
    await expect(rows(page)).toHaveCount(4);
    await expect(page.getByRole("searchbox", { name: "Search" })).toHaveValue(PHRASE);

    // Keys: j/k move, x selects, ? shows the keys, / goes to the search box.
    await page.locator("body").click({ position: { x: 5, y: 400 } });
    await page.keyboard.press("j");
    await expect(rows(page).nth(0)).toBeFocused();
    await page.keyboard.press("j");
    await expect(rows(page).nth(1)).toBeFocused();
    await page.keyboard.press("k");
    await expect(rows(page).nth(0)).toBeFocused();
    await page.keyboard.press("x");
    await expect(rows(page).nth(0).getByRole("checkbox")).toBeChecked();
    await expect(page.getByText("1 selected")).toBeVisible();
    await page.keyboard.press("x");
    await expect(rows(page).nth(0).getByRole("checkbox")).not.toBeChecked();
    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await expect(help).toContainText("Next article");
    await expect(help).toContainText("Mark reviewed");
    await page.screenshot({ path: "test-results/screenshots/desk-help.png" });
    await page.keyboard.press("Escape");
    await expect(help).toBeHidden();
    await page.keyboard.press("/");
    await expect(page.getByRole("searchbox", { name: "Search" })).toBeFocused();

    // Select three: a click, then a shift-click two rows down.
    await rows(page).nth(0).getByRole("checkbox").click();
    await rows(page)
      .nth(2)
      .getByRole("checkbox")
      .click({ modifiers: ["Shift"] });
    await expect(page.getByText("3 selected")).toBeVisible();
    const selected = await rows(page).evaluateAll((items) =>
      items.slice(0, 3).map((item) => Number((item as HTMLElement).dataset.articleId)),
    );
    expect(selected.sort()).toEqual([...articleIds.slice(0, 3)].sort());

    // A bulk tag, undone.
    const stopCapture = captureBulkAction(page, UNDONE_TAG);
    await page.getByRole("button", { name: "Tag", exact: true }).click();
    await page.getByRole("combobox", { name: "Tag to add" }).fill(UNDONE_TAG);
    await page.getByRole("option", { name: `Create “${UNDONE_TAG}”` }).click();
    await expect(page.getByText(`Tagged 3 articles with “${UNDONE_TAG}”`)).toBeVisible();
    stopCapture();
    expect(await tagLinks(UNDONE_TAG)).toHaveLength(3);
    await page.getByRole("button", { name: "Undo", exact: true }).click();
    await expect(page.getByText(/^Undid/)).toBeVisible();
    expect(await tagLinks(UNDONE_TAG)).toEqual([]);
    await expect(rows(page).first()).not.toContainText(UNDONE_TAG);

    // The real bulk tag, on the same selection: one action, one audit event, the tag on all three rows.
    await expect(page.getByText("3 selected")).toBeVisible();
    await page.getByRole("button", { name: "Tag", exact: true }).click();
    await page.getByRole("combobox", { name: "Tag to add" }).fill(TAG);
    await page.getByRole("combobox", { name: "Tag to add" }).press("ArrowDown");
    await page.getByRole("option", { name: `Create “${TAG}”` }).click();
    await expect(page.getByText(`Tagged 3 articles with “${TAG}”`)).toBeVisible();
    for (const index of [0, 1, 2]) await expect(rows(page).nth(index)).toContainText(TAG);
    await expect(rows(page).nth(3)).not.toContainText(TAG);
    expect(await tagLinks(TAG)).toEqual([...articleIds.slice(0, 3)].sort((a, b) => a - b));
    const audits = await query<{ n: string }>(
      "SELECT count(*) AS n FROM audit_events WHERE action = 'articles.bulk' AND meta->>'summary' LIKE $1",
      [`%${TAG}%`],
    );
    expect(Number(audits[0].n)).toBe(1);
    await page.screenshot({ path: "test-results/screenshots/desk-list.png" });

    // Open the first one and annotate a passage.
    const articleId = articleIds[0];
    await rows(page).first().getByRole("link").first().click();
    await expect(page).toHaveURL(new RegExp(`/articles/${articleId}(\\?|$)`));
    await expect(page.getByRole("list", { name: "Tags of this article" })).toContainText(TAG);
    const [{ body }] = await query<{ body: string }>("SELECT body_text AS body FROM articles WHERE id = $1", [
      articleId,
    ]);
    const passage = await page.evaluate(() => {
      // A paragraph that opens with plain text: the search's matches are marked in the text too.
      const paragraph = [...document.querySelectorAll<HTMLElement>("[data-start]")].find(
        (p) => p.firstChild?.nodeType === Node.TEXT_NODE && (p.firstChild.textContent ?? "").length > 80,
      )!;
      const node = paragraph.firstChild!;
      const range = document.createRange();
      range.setStart(node, 10);
      range.setEnd(node, 60);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      paragraph.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
      return { start: Number(paragraph.dataset.start) + 10, text: range.toString() };
    });
    await page.getByRole("button", { name: "Annotate" }).click();
    await page.getByRole("dialog", { name: "Note on the selected passage" }).getByLabel("Note").fill(NOTE);
    await page.getByRole("button", { name: "Save note" }).click();
    await expect(page.getByRole("list", { name: "Notes on passages" })).toContainText(NOTE);
    // Edit appears once the server has stored the note (the optimistic copy has none).
    await expect(page.getByRole("button", { name: "Edit this note" })).toBeVisible();
    const [stored] = await query<{ exact: string; start: number; end: number; prefix: string }>(
      "SELECT exact, start_offset AS start, end_offset AS end, prefix FROM annotations WHERE article_id = $1 AND note = $2",
      [articleId, NOTE],
    );
    const exact = passage.text.trim();
    expect(stored.exact).toBe(exact);
    expect(body.slice(stored.start, stored.end)).toBe(exact);
    expect(stored.prefix).toBe(body.slice(Math.max(0, stored.start - 32), stored.start));

    // After a reload: the tag, the highlighted passage and its note are there.
    await page.reload();
    await expect(page.getByRole("list", { name: "Tags of this article" })).toContainText(TAG);
    const mark = page.locator("article mark").filter({ hasText: exact.slice(0, 20) });
    await expect(mark).toBeVisible();
    await expect(page.getByRole("list", { name: "Notes on passages" })).toContainText(NOTE);
    await mark.first().click();
    await expect(page.locator("li[id^='note-']").filter({ hasText: NOTE })).toHaveClass(/border-amber-400/);
    await page.screenshot({ path: "test-results/screenshots/desk-article.png" });
    await context.close();
  });

  test("a viewer may select to export but sees no write controls, and a forged bulk action changes nothing", async ({
    browser,
    playwright,
    baseURL,
  }) => {
    const context = await browser.newContext({ storageState: storageStatePath("viewer") });
    const page = await context.newPage();
    await page.goto(listPath);
    await expect(rows(page)).toHaveCount(4);
    // A checkbox per row and one for the page: a viewer's selection is for exporting it.
    await expect(page.getByRole("checkbox")).toHaveCount(5);
    await expect(page.getByRole("toolbar", { name: "Bulk actions" })).toHaveCount(0);
    await expect(rows(page).first().getByRole("button", { name: "Mark reviewed" })).toHaveCount(0);
    // A key pressed before the list has hydrated goes nowhere: press j until it focuses the first row.
    await expect(async () => {
      await page.keyboard.press("j");
      await expect(rows(page).first()).toBeFocused({ timeout: 500 });
    }).toPass();
    await page.keyboard.press("x");
    await page.keyboard.press("r");
    await expect(page.getByText("1 selected")).toBeVisible();
    await rows(page)
      .nth(2)
      .getByRole("checkbox")
      .click({ modifiers: ["Shift"] });
    await expect(page.getByText("3 selected")).toBeVisible();
    const toolbar = page.getByRole("toolbar", { name: "Bulk actions" });
    await expect(toolbar.getByRole("button", { name: "Export", exact: true })).toBeVisible();
    for (const name of ["Tag", "Untag", "Theme", "Reviewed", "Flagged", "New"]) {
      await expect(toolbar.getByRole("button", { name, exact: true })).toHaveCount(0);
    }
    await page.getByRole("button", { name: "Clear", exact: true }).click();
    await expect(toolbar).toHaveCount(0);
    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await expect(help).toContainText("Select or unselect the article");
    await expect(help).not.toContainText("Mark reviewed");
    await page.keyboard.press("Escape");

    await page.goto(`/articles/${articleIds[0]}`);
    await expect(page.getByRole("list", { name: "Tags of this article" })).toContainText(TAG);
    await expect(page.getByRole("button", { name: "Add tag" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /Remove the tag/ })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Add a note on the whole article" })).toHaveCount(0);
    await expect(page.getByRole("group", { name: "Review status" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Set theme" })).toHaveCount(0);
    await context.close();

    // The analyst's captured "tag 3 articles" call, replayed with the viewer's session.
    expect(captured, "the analyst's bulk action was captured").not.toBeNull();
    const replay = async (role: "viewer" | "analyst") => {
      const request = await playwright.request.newContext({ baseURL, storageState: storageStatePath(role) });
      const { url, headers, body } = captured!;
      const keep = ["next-action", "next-router-state-tree", "content-type", "accept"];
      const response = await request.post(url, {
        headers: Object.fromEntries(keep.filter((key) => headers[key]).map((key) => [key, headers[key]])),
        data: body,
      });
      const text = await response.text();
      await request.dispose();
      return text;
    };
    const auditsBefore = await query<{ n: string }>(
      "SELECT count(*) AS n FROM audit_events WHERE action = 'articles.bulk'",
    );
    const answer = await replay("viewer");
    expect(answer).toContain("You do not have permission");
    expect(await tagLinks(UNDONE_TAG)).toEqual([]);
    const auditsAfter = await query<{ n: string }>(
      "SELECT count(*) AS n FROM audit_events WHERE action = 'articles.bulk'",
    );
    expect(auditsAfter[0].n).toBe(auditsBefore[0].n);

    // The same replay from the analyst does tag them: the viewer's attempt was a real one.
    await replay("analyst");
    expect(await tagLinks(UNDONE_TAG)).toHaveLength(3);
  });
});
