import { expect, test, type Browser, type Page, type Request } from "@playwright/test";
import { queryE2e as query } from "./support/db";
import { storageStatePath, type RoleName } from "./support/roles";

// Themes end to end: only admins reach the theme pages or change themes and rules (a forged post from a
// viewer or analyst changes nothing); the rule editor previews a draft live; saving a rule re-runs the
// theme over every article in the worker with progress on the page; and an analyst's hand decisions on an
// article survive that re-run, each theme saying why it is there.

async function firstThemeId(): Promise<number> {
  return (await query<{ id: number }>("SELECT id FROM themes ORDER BY name LIMIT 1"))[0].id;
}

async function pageAs(browser: Browser, role: RoleName): Promise<Page> {
  const context = await browser.newContext({ storageState: storageStatePath(role) });
  return context.newPage();
}

/** Saves the rule form and waits for the worker to finish the re-run the save started. */
async function saveRuleAndWait(page: Page, form: ReturnType<Page["getByRole"]>, button: string) {
  const themeId = Number(new URL(page.url()).pathname.split("/").pop());
  const reruns = async () =>
    (
      await query<{ id: number; finished: boolean }>(
        "SELECT id, finished_at IS NOT NULL AS finished FROM theme_reruns WHERE theme_id = $1 ORDER BY id DESC LIMIT 1",
        [themeId],
      )
    )[0];
  const before = (await reruns())?.id ?? 0;
  await form.getByRole("button", { name: button }).click();
  // The page shows the newest re-run (waiting, running or done) from the save's answer on.
  await expect.poll(async () => ((await reruns())?.id ?? 0) > before, { timeout: 15_000 }).toBe(true);
  await expect(page.getByRole("status").filter({ hasText: /Re-applying|Rules applied/ })).toBeVisible();
  await expect.poll(async () => (await reruns())!.finished, { timeout: 30_000 }).toBe(true);
  await expect(page.getByText(/Rules applied to [\d,]+ articles/)).toBeVisible({ timeout: 15_000 });
}

for (const role of ["viewer", "analyst"] as const) {
  test.describe(`${role}s`, () => {
    test.use({ storageState: storageStatePath(role) });

    test("get 403 from the theme admin pages", async ({ page }) => {
      for (const path of ["/admin/themes", `/admin/themes/${await firstThemeId()}`]) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(403);
        await expect(page.getByText("You do not have access to this page")).toBeVisible();
        await expect(page.getByRole("table")).toHaveCount(0);
        await expect(page.getByRole("textbox", { name: "Query" })).toHaveCount(0);
      }
    });
  });
}

test.describe("admins", () => {
  test.use({ storageState: storageStatePath("admin") });

  test("see the themes with their counts, and preview a draft rule while typing, before saving it", async ({
    page,
  }) => {
    const response = await page.goto("/admin/themes");
    expect(response?.status()).toBe(200);
    const table = page.getByRole("table", { name: "Themes" });
    await expect(table).toContainText("Nuclear and missile programmes");
    await page.screenshot({ path: "test-results/screenshots/admin-themes.png", fullPage: true });

    await table.getByRole("link", { name: "Nuclear and missile programmes" }).click();
    await expect(page.getByRole("heading", { name: "Nuclear and missile programmes" })).toBeVisible();
    // The starter rules say where they look: the strongest in the title and opening.
    await expect(page.getByText(/^Rule \d+, looks in the title and opening$/).first()).toBeVisible();
    const editor = page.getByRole("form", { name: "New rule" });
    const preview = page.getByRole("region", { name: "New rule preview" });
    await editor.getByRole("textbox", { name: "Query" }).pressSequentially('"Kim Jong Un" missile', { delay: 20 });
    await expect(preview).toContainText(/Would add: [1-9]/);
    await expect(preview).toContainText("Would remove: 0");
    await expect(preview.getByRole("link").first()).toBeVisible();
    await page.screenshot({ path: "test-results/screenshots/admin-theme-rules.png", fullPage: true });
    // Looking in the title only: KCNA names the leader and missiles deep in many articles, in few titles.
    const added = async () => Number((await preview.getByText(/^Would add: /).textContent())!.replace(/\D/g, ""));
    const anywhere = await added();
    await editor.getByRole("combobox", { name: "Looks in" }).selectOption({ label: "Title only" });
    await expect.poll(added).toBeLessThan(anywhere);
    await expect(preview).toContainText("Would remove: 0");
    await page.screenshot({ path: "test-results/screenshots/admin-theme-rule-scope.png", fullPage: true });
    await editor.getByRole("combobox", { name: "Looks in" }).selectOption({ label: "Anywhere" });
    await expect.poll(added).toBe(anywhere);
    // Excluding the word it looks for leaves the draft matching nothing: the counts follow the typing.
    await editor.getByRole("textbox", { name: "Query" }).pressSequentially(" -missile", { delay: 20 });
    await expect(preview).toContainText("Would add: 0");
    await expect(preview.getByRole("link")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Add rule" })).toBeEnabled();
    expect(await query("SELECT 1 FROM theme_rules WHERE query LIKE '%-missile%'")).toHaveLength(0);
  });

  test("add a theme, edit its name, description, colour and parent, add a rule, watch the re-run, and delete it", async ({
    page,
  }) => {
    const name = `E2E theme ${Date.now()}`;
    await page.goto("/admin/themes");
    const form = page.getByRole("form", { name: "Add a theme" });
    await form.getByRole("textbox", { name: "Name" }).fill(name);
    await form.getByRole("button", { name: "Add theme" }).click();
    await expect(page.getByRole("heading", { name })).toBeVisible();

    const edit = page.getByRole("form", { name: "Edit theme" });
    await edit.getByRole("textbox", { name: "Name" }).fill(`${name} renamed`);
    await edit.getByRole("textbox", { name: "Description" }).fill("Missiles named in passing.");
    await edit.getByLabel("Colour").fill("#be185d");
    await edit
      .getByRole("combobox", { name: "Parent (optional)" })
      .selectOption({ label: "Nuclear and missile programmes" });
    await edit.getByRole("button", { name: "Save theme" }).click();
    await expect(edit.getByText("Theme saved.")).toBeVisible();
    const [saved] = await query<{ name: string; description: string; color: string; parent: string }>(
      "SELECT t.name, t.description, t.color, p.name AS parent FROM themes t JOIN themes p ON p.id = t.parent_id WHERE t.name = $1",
      [`${name} renamed`],
    );
    expect(saved).toEqual({
      name: `${name} renamed`,
      description: "Missiles named in passing.",
      color: "#be185d",
      parent: "Nuclear and missile programmes",
    });

    const editor = page.getByRole("form", { name: "New rule" });
    await editor.getByRole("textbox", { name: "Query" }).fill('"ballistic missile"');
    await expect(page.getByRole("region", { name: "New rule preview" })).toContainText(/Would add: [1-9]/);
    await saveRuleAndWait(page, editor, "Add rule");
    await expect(page.getByText(/Rules applied to [\d,]+ articles: [1-9][\d,]* added/)).toBeVisible();
    await expect(page.getByText(/^[1-9][\d,]* articles by rule, 0 by hand\.$/)).toBeVisible();
    await page.screenshot({ path: "test-results/screenshots/admin-theme-rerun.png", fullPage: true });

    page.once("dialog", (dialog) => dialog.accept());
    await page.getByRole("button", { name: "Delete theme" }).click();
    await expect(page).toHaveURL(/\/admin\/themes$/);
    await expect(page.getByRole("table", { name: "Themes" })).not.toContainText(name);
    expect(await query("SELECT 1 FROM themes WHERE name LIKE $1", [`${name}%`])).toHaveLength(0);
    const audits = await query<{ action: string }>(
      "SELECT action FROM audit_events WHERE action LIKE 'theme%' AND meta::text LIKE $1 ORDER BY id",
      [`%${name}%`],
    );
    expect(audits.map((audit) => audit.action)).toEqual(["theme.create", "theme.update", "theme.delete"]);
  });
});

test.describe.serial("hand decisions and rules", () => {
  const name = `E2E hand theme ${Date.now()}`;
  let themeId: number;
  const handRow = (page: Page) =>
    page.getByRole("list", { name: "Themes of this article" }).getByRole("listitem").filter({ hasText: name });

  test("an analyst's hand removal and assignment on the article page survive a re-run of the rules", async ({
    browser,
  }) => {
    const admin = await pageAs(browser, "admin");
    await admin.goto("/admin/themes");
    await admin.getByRole("form", { name: "Add a theme" }).getByRole("textbox", { name: "Name" }).fill(name);
    await admin.getByRole("form", { name: "Add a theme" }).getByRole("button", { name: "Add theme" }).click();
    await expect(admin.getByRole("heading", { name })).toBeVisible();
    themeId = Number(admin.url().split("/").pop());
    const editor = admin.getByRole("form", { name: "New rule" });
    await editor.getByRole("textbox", { name: "Query" }).fill('"ballistic missile"');
    await saveRuleAndWait(admin, editor, "Add rule");

    const [ruled] = await query<{ id: number }>(
      "SELECT article_id AS id FROM article_themes WHERE theme_id = $1 AND origin = 'RULE' ORDER BY article_id LIMIT 1",
      [themeId],
    );
    const [unruled] = await query<{ id: number }>(
      "SELECT id FROM articles a WHERE NOT EXISTS (SELECT 1 FROM article_themes l WHERE l.article_id = a.id AND l.theme_id = $1) ORDER BY id LIMIT 1",
      [themeId],
    );
    expect(ruled, "the rule themed some article").toBeDefined();

    // The analyst removes the rule's theme from one article and sets it by hand on another.
    const analyst = await pageAs(browser, "analyst");
    await analyst.goto(`/articles/${ruled.id}`);
    const themes = analyst.getByRole("list", { name: "Themes of this article" });
    await expect(themes).toContainText(name);
    const ruledRow = themes.getByRole("listitem").filter({ hasText: name });
    await expect(ruledRow).toContainText("matched ballistic missile");
    await expect(ruledRow).toContainText('rule "ballistic missile"');
    await analyst.getByRole("button", { name: `Clear the theme ${name}` }).click();
    await expect(analyst.getByText(/Removed by hand:/)).toContainText(`${name} (Alex Analyst`);
    await analyst.goto(`/articles/${unruled.id}`);
    await analyst.getByRole("combobox", { name: "Theme to set" }).selectOption({ label: name });
    await analyst.getByRole("button", { name: "Set theme" }).click();
    await expect(handRow(analyst)).toContainText("set by Alex Analyst");

    // The admin changes the rule: the re-run goes over every article again.
    await admin.reload();
    const rule = admin.getByRole("form", { name: /^Rule \d+$/ });
    await rule.getByRole("spinbutton", { name: "Weight" }).fill("2");
    await saveRuleAndWait(admin, rule, "Save rule");

    await analyst.goto(`/articles/${ruled.id}`);
    await expect(analyst.getByText(/Removed by hand:/)).toContainText(name);
    await expect(analyst.getByRole("list", { name: "Themes of this article" })).not.toContainText(name);
    await analyst
      .getByRole("region", { name: "Themes" })
      .screenshot({ path: "test-results/screenshots/article-themes-removed.png" });
    await analyst.goto(`/articles/${unruled.id}`);
    await expect(handRow(analyst)).toContainText("set by Alex Analyst");
    await analyst.screenshot({ path: "test-results/screenshots/article-themes.png", fullPage: true });
    const rows = await query<{ article_id: number; origin: string; excluded: boolean }>(
      "SELECT article_id, origin, excluded FROM article_themes WHERE theme_id = $1 AND article_id = ANY($2::int[]) ORDER BY article_id",
      [themeId, [ruled.id, unruled.id]],
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        { article_id: ruled.id, origin: "MANUAL", excluded: true },
        { article_id: unruled.id, origin: "MANUAL", excluded: false },
      ]),
    );
    await admin.context().close();
    await analyst.context().close();
  });

  test("a viewer or analyst replaying the admin's theme and rule posts changes nothing; the admin's replay works", async ({
    browser,
    playwright,
    baseURL,
  }) => {
    const admin = await pageAs(browser, "admin");
    const captured: { url: string; headers: Record<string, string>; body: string }[] = [];
    admin.on("request", (request: Request) => {
      const headers = request.headers();
      if (request.method() === "POST" && headers["next-action"] && request.postData())
        captured.push({ url: request.url(), headers, body: request.postData()! });
    });
    await admin.goto(`/admin/themes/${themeId}`);
    const edit = admin.getByRole("form", { name: "Edit theme" });
    await edit.getByRole("textbox", { name: "Description" }).fill("Forged description");
    await edit.getByRole("button", { name: "Save theme" }).click();
    await expect(edit.getByText("Theme saved.")).toBeVisible();
    const rule = admin.getByRole("form", { name: /^Rule \d+$/ });
    await rule.getByRole("textbox", { name: "Query" }).fill('"forged rule"');
    await saveRuleAndWait(admin, rule, "Save rule");
    // Form posts only: the editor's live preview posts the draft too.
    const formPost = (field: string, text: string) =>
      captured.find((post) => new RegExp(`name="(_\\d+_)?${field}"`).test(post.body) && post.body.includes(text))!;
    const themePost = formPost("description", "Forged description");
    const rulePost = formPost("query", "forged rule");
    expect(themePost, "the admin's theme save was captured").toBeDefined();
    expect(rulePost, "the admin's rule save was captured").toBeDefined();

    // Put the theme and rule back, then replay the admin's posts with other sessions.
    await query("UPDATE themes SET description = 'Before' WHERE id = $1", [themeId]);
    await query(`UPDATE theme_rules SET query = '"ballistic missile"' WHERE theme_id = $1`, [themeId]);
    const state = async () => ({
      description: (await query<{ description: string }>("SELECT description FROM themes WHERE id = $1", [themeId]))[0]
        .description,
      rules: (await query<{ query: string }>("SELECT query FROM theme_rules WHERE theme_id = $1", [themeId])).map(
        (row) => row.query,
      ),
      reruns: Number(
        (await query<{ n: string }>("SELECT count(*) AS n FROM theme_reruns WHERE theme_id = $1", [themeId]))[0].n,
      ),
    });
    const before = await state();
    const replay = async (role: RoleName, post: (typeof captured)[number]) => {
      const request = await playwright.request.newContext({ baseURL, storageState: storageStatePath(role) });
      const keep = ["next-action", "next-router-state-tree", "content-type", "accept"];
      const response = await request.post(post.url, {
        headers: Object.fromEntries(keep.filter((key) => post.headers[key]).map((key) => [key, post.headers[key]])),
        data: post.body,
      });
      const text = await response.text();
      await request.dispose();
      return text;
    };
    for (const role of ["viewer", "analyst"] as const) {
      expect(await replay(role, themePost), role).toContain("You do not have permission");
      expect(await replay(role, rulePost), role).toContain("You do not have permission");
      expect(await state(), `after the ${role}'s forged posts`).toEqual(before);
    }
    await replay("admin", themePost);
    await replay("admin", rulePost);
    expect(await state()).toEqual({
      description: "Forged description",
      rules: ['"forged rule"'],
      reruns: before.reruns + 1,
    });
    await admin.context().close();
  });
});
