// The demo accounts lib/ingest/seed.ts creates, one per role; the setup project signs each in once.
export type RoleName = "admin" | "analyst" | "viewer";

export type Credentials = { email: string; password: string };

const password = process.env.SEED_PASSWORD ?? "presswatch";

export const ROLES: Record<RoleName, Credentials> = {
  admin: { email: "admin@example.com", password },
  analyst: { email: "analyst@example.com", password },
  viewer: { email: "viewer@example.com", password },
};

/** Where the setup project saves a role's signed-in browser state, for `test.use({ storageState })`. */
export function storageStatePath(role: RoleName): string {
  return `e2e/.auth/${role}.json`;
}
