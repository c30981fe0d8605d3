import { expect, test as setup } from "@playwright/test";
import { ROLES, storageStatePath, type RoleName } from "./support/roles";

// Signs in once per role through the real form and keeps the session for the specs.
for (const [role, { email, password }] of Object.entries(ROLES) as [RoleName, (typeof ROLES)[RoleName]][]) {
  setup(`sign in as ${role}`, async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname === "/");
    await expect(page.getByRole("heading", { name: "Articles" })).toBeVisible();
    await page.context().storageState({ path: storageStatePath(role) });
  });
}
