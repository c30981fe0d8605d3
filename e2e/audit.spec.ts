import { expect, test } from "@playwright/test";
import { storageStatePath } from "./support/roles";

// The audit log reads as sentences, not raw JSON, and narrows by person, action and day.

test.use({ storageState: storageStatePath("admin") });

test("the audit log filters by action and person and shows details in words", async ({ page }) => {
  await page.goto("/admin/audit");
  const table = page.getByRole("table", { name: "Audit events" });
  await expect(table).toBeVisible();
  // Sign-ins of the setup project are recorded for each demo account.
  const form = page.getByRole("form", { name: "Filter the audit log" });
  const actions = await form.getByRole("combobox", { name: "Action" }).locator("option").allTextContents();
  const signIn = actions.find((name) => /login|sign/.test(name));
  expect(signIn, `a sign-in action among ${actions.join(", ")}`).toBeTruthy();
  await form.getByRole("combobox", { name: "Action" }).selectOption(signIn!);
  await form.getByRole("combobox", { name: "Who" }).selectOption({ label: "analyst@example.com" });
  await form.getByRole("button", { name: "Filter" }).click();
  await page.waitForURL((url) => url.searchParams.get("action") === signIn);
  const rows = table.getByRole("row");
  await expect(rows.nth(1)).toBeVisible();
  const whoCells = await table.locator("tbody tr td:nth-child(2)").allTextContents();
  expect(new Set(whoCells)).toEqual(new Set(["analyst@example.com"]));
  const actionCells = await table.locator("tbody tr td:nth-child(3)").allTextContents();
  expect(new Set(actionCells)).toEqual(new Set([signIn]));
  expect(await table.locator("tbody").textContent()).not.toContain("{");

  // A day with nothing in it says so.
  await page.goto("/admin/audit?from=1990-01-01&to=1990-01-02");
  await expect(page.getByText("No events match these filters")).toBeVisible();
});
