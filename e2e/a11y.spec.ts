import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { queryE2e as query } from "./support/db";
import { storageStatePath } from "./support/roles";

// axe-core on every main page, in light and in dark mode: no serious or critical violation of WCAG 2.2 A/AA
// (contrast, target sizes, names, roles). Keyboard focus stays visible, Esc in the search box drops the search,
// the theme toggle switches to dark and back without a reload, and a favicon is served.

const PAGES = ["/", "ARTICLE", "/ingest", "/tags", "/admin/themes", "/admin/sources", "/admin/users", "/admin/audit"];
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return result.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({
      rule: violation.id,
      nodes: violation.nodes.slice(0, 5).map((node) => `${node.target.join(" ")}: ${node.failureSummary ?? ""}`),
    }));
}

let articlePath: string;
test.beforeAll(async () => {
  const [article] = await query<{ id: number }>("SELECT id FROM articles ORDER BY published_at DESC, id DESC LIMIT 1");
  articlePath = `/articles/${article.id}`;
});

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`axe in ${colorScheme} mode`, () => {
    test.use({ colorScheme });

    test("the sign-in page", async ({ browser }) => {
      const context = await browser.newContext({ colorScheme });
      const page = await context.newPage();
      await page.goto("/login");
      expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(
        colorScheme === "dark",
      );
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    });

    for (const entry of PAGES) {
      test(`${entry === "ARTICLE" ? "an article" : entry} as an admin`, async ({ browser }) => {
        // axe on a long page is slow on a busy two-core machine.
        test.setTimeout(120_000);
        const context = await browser.newContext({ colorScheme, storageState: storageStatePath("admin") });
        const page = await context.newPage();
        const path = entry === "ARTICLE" ? articlePath : entry;
        await page.goto(path);
        await page.waitForLoadState("networkidle");
        expect(await seriousViolations(page), `${path} in ${colorScheme} mode`).toEqual([]);
        await context.close();
      });
    }
  });
}

test.describe("look and keys", () => {
  test.use({ storageState: storageStatePath("analyst") });

  test("Esc in the search box clears the text and the search; focus is visible", async ({ page }) => {
    await page.goto("/?q=missile");
    const box = page.getByRole("searchbox", { name: "Search" });
    await expect(box).toHaveValue("missile");
    await box.focus();
    await page.keyboard.press("Escape");
    await expect(box).toHaveValue("");
    await page.waitForURL((url) => !url.searchParams.has("q"));

    // Tabbing to the Search button draws the focus ring (an outline of the accent colour).
    await box.focus();
    await page.keyboard.press("Tab");
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe("none");
  });

  test("the theme toggle switches to dark and back, and is remembered", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "light" });
    await page.goto("/");
    const isDark = () => page.evaluate(() => document.documentElement.classList.contains("dark"));
    expect(await isDark()).toBe(false);
    const toggle = page.getByRole("button", { name: /^Theme:/ });
    await expect(toggle).toHaveText(/system/);
    await toggle.click();
    await expect(toggle).toHaveText(/light/);
    await toggle.click();
    await expect(toggle).toHaveText(/dark/);
    expect(await isDark()).toBe(true);
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.reload();
    expect(await isDark()).toBe(true);
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(background);
    await page.screenshot({ path: "test-results/a11y/desk-dark.png" });
    await page.getByRole("button", { name: /^Theme:/ }).click();
    expect(await isDark()).toBe(false);
  });

  test("a favicon is served", async ({ request }) => {
    const response = await request.get("/icon.svg");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("image/svg+xml");
  });
});
