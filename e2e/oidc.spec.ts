import http from "node:http";
import { expect, test, type Page } from "@playwright/test";
import Provider from "oidc-provider";
import { queryE2e } from "./support/db";
import { OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_NAME, oidcPort } from "./support/oidc";

// Sign-in through the team's identity provider: a real OpenID Connect provider (oidc-provider) on a local port,
// its own login and consent pages, Auth.js on our side. Groups map to roles; accounts are made on the first
// sign-in and their role follows the provider's groups; a deactivated account is refused.

const RUN = Date.now().toString(36);

type Person = { name: string; groups: string[] };
const people = new Map<string, Person>([
  [`ana-${RUN}`, { name: "Ana Analyst", groups: ["staff", "pw-analysts"] }],
  [`adam-${RUN}`, { name: "Adam Admin", groups: ["pw-admins"] }],
  [`vera-${RUN}`, { name: "Vera Viewer", groups: ["staff"] }],
]);
const emailOf = (login: string) => `${login}@idp.example`;

let server: http.Server;

test.beforeAll(async ({ baseURL }) => {
  const port = oidcPort(Number(new URL(baseURL!).port));
  const provider = new Provider(`http://127.0.0.1:${port}`, {
    clients: [
      {
        client_id: OIDC_CLIENT_ID,
        client_secret: OIDC_CLIENT_SECRET,
        redirect_uris: [`${baseURL}/api/auth/callback/oidc`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"], groups: ["groups"] },
    scopes: ["openid", "email", "profile", "groups"],
    // Claims in the ID token, as most team providers send them.
    conformIdTokenClaims: false,
    async findAccount(_context, id) {
      return {
        accountId: id,
        async claims() {
          const person = people.get(id);
          return {
            sub: id,
            email: emailOf(id),
            email_verified: true,
            name: person?.name ?? id,
            groups: person?.groups ?? [],
          };
        },
      };
    },
  });
  // The provider's reason for refusing a grant, in the test output when a sign-in fails.
  provider.on(
    "grant.error",
    (context: { oidc?: { params?: Record<string, unknown> } }, error: Error & { error_detail?: string }) =>
      console.error(
        `[identity provider] ${error.message}: ${error.error_detail ?? ""} ${JSON.stringify(context.oidc?.params ?? {})}`,
      ),
  );
  server = http.createServer(provider.callback());
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
});

test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function signInThroughProvider(page: Page, login: string): Promise<void> {
  await page.goto("/login");
  await page.getByRole("button", { name: `Continue with ${OIDC_NAME}` }).click();
  // The provider's own login page, then its consent page.
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.locator('button[type="submit"]').click();
  await page.locator('button[type="submit"]').click();
}

async function account(login: string) {
  const rows = await queryE2e<{ id: number; role: string; name: string; active: boolean }>(
    "SELECT id, role, name, active FROM users WHERE email = $1",
    [emailOf(login)],
  );
  return rows[0];
}

test("an analyst signs in through the identity provider; the account is made with the analyst role", async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/login");
  await page.screenshot({ path: "test-results/screenshots/login-oidc.png" });
  await signInThroughProvider(page, `ana-${RUN}`);
  await expect(page.getByRole("heading", { name: "Articles" })).toBeVisible();
  await expect(page.getByText("Ana Analyst")).toBeVisible();
  expect(await account(`ana-${RUN}`)).toMatchObject({ role: "ANALYST", name: "Ana Analyst", active: true });
  // An analyst's page, and not an admin's.
  await page.goto("/ingest");
  await expect(page.getByRole("heading", { name: /Ingest/ })).toBeVisible();
  expect((await page.goto("/admin/users"))?.status()).toBe(403);
  // The session is a server-side one like a password sign-in's.
  await page.goto("/account/sessions");
  await expect(page.getByRole("table", { name: "Your sessions" }).getByText("This browser")).toBeVisible();
  await context.close();
});

test("groups decide the role on every sign-in", async ({ browser }) => {
  const admin = await browser.newContext();
  const adminPage = await admin.newPage();
  await signInThroughProvider(adminPage, `adam-${RUN}`);
  await expect(adminPage.getByRole("heading", { name: "Articles" })).toBeVisible();
  expect((await account(`adam-${RUN}`)).role).toBe("ADMIN");
  await adminPage.goto("/admin/users");
  await expect(adminPage.getByRole("heading", { name: "Users" })).toBeVisible();
  await admin.close();

  const viewer = await browser.newContext();
  const viewerPage = await viewer.newPage();
  await signInThroughProvider(viewerPage, `vera-${RUN}`);
  await expect(viewerPage.getByRole("heading", { name: "Articles" })).toBeVisible();
  expect((await account(`vera-${RUN}`)).role).toBe("VIEWER");

  // The provider moves Vera into the analysts' group: her next sign-in makes her an analyst, and her old
  // session ended with the change.
  people.get(`vera-${RUN}`)!.groups.push("pw-analysts");
  const again = await browser.newContext();
  const againPage = await again.newPage();
  await signInThroughProvider(againPage, `vera-${RUN}`);
  await expect(againPage.getByRole("heading", { name: "Articles" })).toBeVisible();
  expect((await account(`vera-${RUN}`)).role).toBe("ANALYST");
  await viewerPage.goto("/");
  await expect(viewerPage).toHaveURL(/\/login/);
  await viewer.close();
  await again.close();
});

test("a deactivated account is refused after the provider signs the person in", async ({ browser }) => {
  const login = `ana-${RUN}`;
  await queryE2e("UPDATE users SET active = false WHERE email = $1", [emailOf(login)]);
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInThroughProvider(page, login);
  await expect(page).toHaveURL(/\/login\?.*error=AccessDenied/);
  await expect(page.getByRole("alert")).toContainText("may not use Presswatch");
  await context.close();
});
