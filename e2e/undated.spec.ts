import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { queryE2e as query } from "./support/db";
import { storageStatePath } from "./support/roles";

// An item whose feed gave no date is stored with the time it was first seen: the desk row and the
// article page say so, and "Undated: hidden" leaves it out of the list (and the URL keeps that). The two
// articles are removed afterwards: the undated one is the newest in the shared database.

const RUN = randomBytes(3).toString("hex");
const SOURCE = `Undated e2e ${RUN}`;

test.use({ storageState: storageStatePath("viewer") });

let sourceId: number;
let undatedId: number;

test.beforeAll(async () => {
  const [source] = await query<{ id: number }>(
    "INSERT INTO sources (name, updated_at) VALUES ($1, now()) RETURNING id",
    [SOURCE],
  );
  sourceId = source.id;
  const rows = await query<{ id: number; undated: boolean }>(
    `INSERT INTO articles (source_id, title, body_text, excerpt, published_at, published_at_estimated, fingerprint, updated_at)
     VALUES ($1, $2, 'A report that came with a date.', 'A report that came with a date.', '2024-05-01T06:00:00Z', false, $3, now()),
            ($1, $4, 'A report that came without one.', 'A report that came without one.', now(), true, $5, now())
     RETURNING id, published_at_estimated AS undated`,
    [sourceId, `Dated report ${RUN}`, `undated-e2e-a-${RUN}`, `Undated report ${RUN}`, `undated-e2e-b-${RUN}`],
  );
  undatedId = rows.find((row) => row.undated)!.id;
});

test.afterAll(async () => {
  await query("DELETE FROM articles WHERE source_id = $1", [sourceId]);
  await query("DELETE FROM sources WHERE id = $1", [sourceId]);
});

test("an undated item is marked on the desk and its page, and can be hidden", async ({ page }) => {
  await page.goto(`/?source=${sourceId}`);
  const list = page.getByRole("list", { name: "Articles" });
  const undatedRow = list.getByRole("listitem", { name: `Undated report ${RUN}`, exact: true });
  const datedRow = list.getByRole("listitem", { name: `Dated report ${RUN}`, exact: true });
  await expect(undatedRow.getByText("no date: first seen")).toBeVisible();
  await expect(datedRow).toBeVisible();
  await expect(datedRow.getByText("no date: first seen")).toHaveCount(0);

  await page.getByRole("combobox", { name: "Undated items" }).selectOption("hide");
  await expect(page).toHaveURL(/undated=hide/);
  await expect(undatedRow).toHaveCount(0);
  await expect(datedRow).toBeVisible();
  await expect(page.getByRole("link", { name: "Remove filter Dated items only" })).toBeVisible();

  await page.reload();
  await expect(page.getByRole("combobox", { name: "Undated items" })).toHaveValue("hide");
  await expect(undatedRow).toHaveCount(0);

  await page.goto(`/articles/${undatedId}`);
  await expect(page.getByRole("heading", { name: `Undated report ${RUN}` })).toBeVisible();
  await expect(page.getByText("no date: first seen")).toBeVisible();
});
