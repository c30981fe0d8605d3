import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { queryE2e as query } from "./support/db";
import { storageStatePath } from "./support/roles";

// A rule's "only sources" is a searchable list of checkboxes, not a native multi-select.

test.use({ storageState: storageStatePath("admin") });

test("a rule's sources are picked from a searchable checkbox list and saved", async ({ page }) => {
  const name = `Picker e2e ${randomBytes(3).toString("hex")}`;
  const [theme] = await query<{ id: number }>(
    "INSERT INTO themes (name, slug, color, updated_at) VALUES ($1, $2, '#0f766e', now()) RETURNING id",
    [name, name.toLowerCase().replace(/\W+/g, "-")],
  );
  const [rodong] = await query<{ id: number }>("SELECT id FROM sources WHERE name = 'Rodong Sinmun'");
  await page.goto(`/admin/themes/${theme.id}`);
  const editor = page.getByRole("form", { name: "New rule" });
  await editor.getByRole("textbox", { name: "Query" }).fill('"rice transplanting"');
  const picker = editor.getByLabel("Only sources (none: all)");
  await expect(picker).toHaveText("All sources");
  await picker.click();
  const list = page.getByRole("dialog", { name: "Only sources" });
  await list.getByRole("searchbox", { name: "Find a source" }).fill("rodong");
  await expect(list.getByRole("checkbox", { name: "KCNA" })).toHaveCount(0);
  await list.getByRole("checkbox", { name: "Rodong Sinmun" }).check();
  await page.keyboard.press("Escape");
  await expect(picker).toHaveText("Rodong Sinmun");
  await page.screenshot({ path: "test-results/screenshots/rule-source-picker.png" });
  await editor.getByRole("button", { name: "Add rule" }).click();
  await expect
    .poll(
      async () =>
        (await query<{ source_ids: number[] }>("SELECT source_ids FROM theme_rules WHERE theme_id = $1", [theme.id]))[0]
          ?.source_ids,
    )
    .toEqual([rodong.id]);
});

test("a failing feed says why and when it is tried next", async ({ page }) => {
  const name = `Failing e2e ${randomBytes(3).toString("hex")}`;
  await query(
    `INSERT INTO sources (name, kind, url, active, consecutive_failures, last_error, last_polled_at, next_poll_at, updated_at)
     VALUES ($1, 'FEED', 'https://feeds.invalid/rss', true, 2, 'HTTP 404 Not Found from feeds.invalid', now(), now() + interval '2 hours', now())`,
    [name],
  );
  await page.goto("/admin/sources");
  const row = page.getByRole("table", { name: "Feed sources" }).getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("2 failures in a row");
  await expect(row).toContainText("HTTP 404 Not Found from feeds.invalid");
  await expect(row).toContainText("Held back after 2 failed polls");
  await expect(row).toContainText(/Next: \d/);
});
