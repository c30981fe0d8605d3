import { expect, test, type Browser } from "@playwright/test";
import { queryE2e as query } from "./support/db";
import { storageStatePath } from "./support/roles";

// The names register at work: an admin adds a spelling and the desk finds it at once, without a restart; an
// analyst proposes a spelling seen in an article and an admin accepts it. The spellings added are removed after.

const NEW_SPELLING = "Choe Sonhee";
const PROPOSED = "Choe Sun Hui";

async function pageAs(browser: Browser, role: "admin" | "analyst") {
  const context = await browser.newContext({ storageState: storageStatePath(role) });
  return context.newPage();
}

function total(page: import("@playwright/test").Page) {
  return page.getByText(/^\d[\d,]* articles?$/);
}

test.afterAll(async () => {
  await query("DELETE FROM name_aliases WHERE alias = ANY($1::text[])", [[NEW_SPELLING, PROPOSED]]);
});

test("an admin adds a spelling and the desk finds it without a restart", async ({ browser }) => {
  const [{ count }] = await query<{ count: number }>(
    "SELECT count(*)::int AS count FROM articles WHERE search @@ phraseto_tsquery('english', 'Choe Son Hui')",
  );
  expect(count, "the demo names Choe Son Hui").toBeGreaterThan(0);
  const desk = await pageAs(browser, "analyst");
  await desk.goto(`/?q=${encodeURIComponent(NEW_SPELLING)}`);
  await expect(desk.getByText("No articles match.")).toBeVisible();

  const admin = await pageAs(browser, "admin");
  await admin.goto(`/admin/names?q=${encodeURIComponent("Choe Son-hui")}`);
  await admin.getByRole("link", { name: "Choe Son-hui" }).click();
  await expect(admin).toHaveURL(/\/admin\/names\/\d+$/);
  await admin.getByLabel("Spelling", { exact: true }).fill(NEW_SPELLING);
  await admin.getByRole("button", { name: "Add spelling" }).click();
  await expect(admin.getByRole("status")).toContainText(`Added “${NEW_SPELLING}”`);
  await expect(admin.getByRole("list", { name: "Spellings" })).toContainText(NEW_SPELLING);
  const [audit] = await query<{ meta: { alias: string } }>(
    "SELECT meta FROM audit_events WHERE action = 'names.alias_add' ORDER BY id DESC LIMIT 1",
  );
  expect(audit.meta.alias).toBe(NEW_SPELLING);

  await desk.reload();
  await expect(desk.getByRole("region", { name: "Spellings searched" })).toContainText(
    `“${NEW_SPELLING}” is Choe Son-hui; also searched:`,
  );
  await expect(total(desk)).toHaveText(`${count} ${count === 1 ? "article" : "articles"}`);
});

test("an analyst proposes a spelling seen in an article, an admin accepts it", async ({ browser }) => {
  const [article] = await query<{ id: number }>(
    `SELECT id FROM articles WHERE body_text LIKE '%Choe Son Hui%' ORDER BY published_at DESC, id DESC LIMIT 1`,
  );
  const analyst = await pageAs(browser, "analyst");
  await analyst.goto(`/articles/${article.id}`);
  await analyst.evaluate(() => {
    const walker = document.createTreeWalker(
      document.querySelector("[data-start]")!.parentElement!,
      NodeFilter.SHOW_TEXT,
    );
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf("Choe Son Hui");
      if (at === -1) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + "Choe Son Hui".length);
      window.getSelection()!.removeAllRanges();
      window.getSelection()!.addRange(range);
      node.parentElement!.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
      return;
    }
  });
  await analyst.getByRole("button", { name: "Propose spelling" }).click();
  const form = analyst.getByRole("dialog", { name: "Propose a spelling for the names register" });
  await form.getByLabel("Spelling", { exact: true }).fill(PROPOSED);
  await form.getByLabel("A spelling of").fill("Choe Son");
  await form.getByRole("radio", { name: /Choe Son-hui/ }).check();
  await form.getByRole("button", { name: "Propose" }).click();
  await expect(form.getByRole("status")).toContainText("Proposed");

  const admin = await pageAs(browser, "admin");
  await admin.goto("/admin/names");
  const proposals = admin.getByRole("region", { name: /Proposed spellings/ });
  await expect(proposals).toContainText(`“${PROPOSED}” for Choe Son-hui`);
  await proposals.getByRole("button", { name: `Accept ${PROPOSED}` }).click();
  await expect(proposals).toContainText("None waiting");
  const [stored] = await query<{ status: string; article_id: number }>(
    "SELECT status::text, article_id FROM name_aliases WHERE alias = $1",
    [PROPOSED],
  );
  expect(stored).toEqual({ status: "ACCEPTED", article_id: article.id });
});
