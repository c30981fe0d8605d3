import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { FeedFixtureServer, rssFeed } from "../test/support/feed-fixture-server";
import { queryE2e } from "./support/db";
import { storageStatePath } from "./support/roles";

// An admin registers a feed served by a local fixture server, asks for a poll, and the worker (started by
// the e2e server) brings its items in; the other roles cannot open the page.

const TAG = randomBytes(3).toString("hex");
const STORIES = 5;
let server: FeedFixtureServer;

test.beforeAll(async () => {
  server = await new FeedFixtureServer().start();
  server.serve("/feeds/e2e.rss", {
    contentType: "application/rss+xml; charset=utf-8",
    body: rssFeed(
      Array.from({ length: STORIES }, (_, i) => ({
        title: `E2E ${TAG} story ${i + 1}`,
        link: `${server.origin}/pages/e2e-${TAG}/${i + 1}`,
        content: `<p>Story ${i + 1} of the e2e feed ${TAG}, in full.</p><p>${`Its own words, story ${i + 1}. `.repeat(25)}</p>`,
        published: new Date(Date.now() - i * 60_000),
      })),
    ),
  });
});

test.afterAll(async () => {
  await server?.stop();
});

async function auditActions(sourceName: string): Promise<string[]> {
  const rows = await queryE2e<{ action: string }>(
    "SELECT action FROM audit_events WHERE meta->>'name' = $1 ORDER BY id",
    [sourceName],
  );
  return rows.map((row) => row.action);
}

/** The add form, unfolded when sources already exist. */
async function openAddForm(page: Page) {
  const form = page.getByRole("form", { name: "Add a feed source" });
  if (!(await form.isVisible())) await page.locator("summary", { hasText: "Add a feed source" }).click();
  await expect(form).toBeVisible();
  return form;
}

test.describe("admins", () => {
  test.use({ storageState: storageStatePath("admin") });

  test("add a feed, test it, poll it now, and read its articles", async ({ page }) => {
    const name = `E2E feed ${TAG}`;
    await page.goto("/admin/sources");
    await expect(page.getByRole("heading", { name: "Sources", level: 1 })).toBeVisible();
    // The worker the e2e server started completes a tick when it starts, then every minute.
    await expect(page.getByText("Worker: running")).toBeVisible({ timeout: 30_000 });

    const form = await openAddForm(page);
    await form.getByLabel("Name").fill(name);
    await form.getByLabel("Feed URL").fill(`${server.origin}/feeds/missing.rss`);
    await form.getByRole("button", { name: "Test feed" }).click();
    await expect(form.getByText(/Feed test failed: .*answered HTTP 404/)).toBeVisible();

    await form.getByLabel("Feed URL").fill(`${server.origin}/feeds/e2e.rss`);
    await form.getByRole("button", { name: "Test feed" }).click();
    await expect(form.getByText(`OK: ${STORIES} items, newest: E2E ${TAG} story 1`)).toBeVisible();

    // The browser refuses an interval under 5 minutes; the server refuses a made-up language code.
    await form.getByLabel("Poll every (minutes)").fill("4");
    expect(
      await form
        .getByLabel("Poll every (minutes)")
        .evaluate((input: HTMLInputElement) => input.validity.rangeUnderflow),
    ).toBe(true);
    await form.getByLabel("Poll every (minutes)").fill("60");
    await form.getByLabel("Language").fill("english");
    await form.getByRole("button", { name: "Add source" }).click();
    await expect(form.getByText("Use a language code such as en, ko or zh-hans.").first()).toBeVisible();
    // The refused form keeps what was typed.
    await expect(form.getByLabel("Name")).toHaveValue(name);
    await expect(form.getByLabel("Poll every (minutes)")).toHaveValue("60");

    await form.getByLabel("Language").fill("en");
    // Paused, so the scheduled tick leaves it alone and the poll below is the one we asked for.
    await form.getByLabel("Active (polled on schedule)").uncheck();
    await form.getByRole("button", { name: "Add source" }).click();
    await expect(form.getByText(`Added ${name}.`)).toBeVisible();
    // A new feed is fetched and parsed at once, and the result is said.
    await expect(form.getByText(new RegExp(`Tested: ${STORIES} items, newest: `))).toBeVisible();
    await expect(form.getByLabel("Name")).toHaveValue("");

    const table = page.getByRole("table", { name: "Feed sources" });
    const row = table.getByRole("row").filter({ hasText: name });
    await expect(row).toContainText("Paused");
    await expect(row).toContainText("Last: never");

    await row.getByRole("button", { name: `Poll ${name} now` }).click();
    await expect(row.getByText("Poll queued.")).toBeVisible();
    // The page refreshes itself while a poll waits or runs.
    await expect(row).toContainText(`${STORIES} created · 0 dup · 0 failed`, { timeout: 30_000 });
    await expect(row.getByRole("cell").nth(3)).toHaveText(String(STORIES));
    const runs = page.getByRole("table", { name: "Recent feed runs" });
    await expect(runs.getByRole("row").filter({ hasText: name }).first()).toContainText("Succeeded");
    await page.screenshot({ path: "test-results/screenshots/admin-sources.png", fullPage: true });

    expect(await auditActions(name)).toEqual(["source.create", "source.poll_now"]);

    await page.goto("/");
    for (let i = 1; i <= STORIES; i++)
      await expect(page.getByText(`E2E ${TAG} story ${i}`, { exact: true })).toBeVisible();
  });

  test("edit a source and delete one that never brought anything in", async ({ page }) => {
    const name = `E2E empty ${TAG}`;
    await page.goto("/admin/sources");
    const form = await openAddForm(page);
    await form.getByLabel("Name").fill(name);
    await form.getByLabel("Feed URL").fill(`${server.origin}/feeds/nothing-here.rss`);
    await form.getByLabel("Active (polled on schedule)").uncheck();
    await form.getByRole("button", { name: "Add source" }).click();
    await expect(form.getByText(`Added ${name}.`)).toBeVisible();

    const row = page.getByRole("table", { name: "Feed sources" }).getByRole("row").filter({ hasText: name });
    await row.getByRole("link", { name: `Edit ${name}` }).click();
    const edit = page.getByRole("form", { name: `Edit ${name}` });
    await expect(edit.getByLabel("Feed URL")).toHaveValue(`${server.origin}/feeds/nothing-here.rss`);
    await edit.getByLabel("Language").fill("ko");
    await edit.getByRole("button", { name: "Save changes" }).click();
    await expect(edit.getByText(`Saved ${name}.`)).toBeVisible();
    await expect(row).toContainText("ko · every 30 min");

    // Its feed does not exist: the poll fails, the row says why, and the source backs off.
    await row.getByRole("button", { name: `Poll ${name} now` }).click();
    await expect(row).toContainText("1 failure in a row", { timeout: 30_000 });
    await expect(row).toContainText("/feeds/nothing-here.rss answered HTTP 404.");
    await expect(
      page.getByRole("table", { name: "Recent feed runs" }).getByRole("row").filter({ hasText: name }).first(),
    ).toContainText("Failed");
    await page.screenshot({ path: "test-results/screenshots/admin-sources-failure.png", fullPage: true });

    page.once("dialog", (dialog) => void dialog.accept());
    await row.getByRole("button", { name: `Delete ${name}` }).click();
    await expect(
      page.getByRole("table", { name: "Feed sources" }).getByRole("row").filter({ hasText: name }),
    ).toHaveCount(0);
    expect(await auditActions(name)).toEqual(["source.create", "source.update", "source.poll_now", "source.delete"]);
  });
});

for (const role of ["viewer", "analyst"] as const) {
  test.describe(`${role}s`, () => {
    test.use({ storageState: storageStatePath(role) });

    test("get 403 from the sources page", async ({ page }) => {
      const response = await page.goto("/admin/sources");
      expect(response?.status()).toBe(403);
      await expect(page.getByText("You do not have access to this page")).toBeVisible();
      await expect(page.getByRole("table", { name: "Feed sources" })).toHaveCount(0);
    });
  });
}
