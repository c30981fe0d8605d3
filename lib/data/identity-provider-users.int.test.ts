import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createSession } from "@/lib/data/sessions";
import { findSessionUser, upsertIdentityProviderUser } from "@/lib/data/users";
import { verifyPassword } from "@/lib/auth/password";
import { randomTag } from "@/test/factories";

// Accounts of people the team's identity provider signs in: made on the first sign-in, their role following
// the provider's groups afterwards (ending their other sessions when it changes), never usable with a password,
// and a deactivated one stays out.

const TAG = randomTag("idp-int-");
const email = `${TAG}@idp.example`;

describe("identity provider accounts", () => {
  afterAll(async () => {
    await db.auditEvent.deleteMany({ where: { meta: { path: ["email"], equals: email } } });
    await db.user.deleteMany({ where: { email } });
  });

  it("creates the account on the first sign-in, with no usable password", async () => {
    const first = await upsertIdentityProviderUser({ email, name: "Ida Provider", role: "ANALYST", ip: "192.0.2.1" });
    expect(first.active).toBe(true);
    const stored = await db.user.findUniqueOrThrow({ where: { id: first.id }, omit: { passwordHash: false } });
    expect(stored).toMatchObject({ email, name: "Ida Provider", role: "ANALYST" });
    expect(await verifyPassword(stored.passwordHash, "")).toBe(false);
    expect(await verifyPassword(stored.passwordHash, "!oidc")).toBe(false);
    const created = await db.auditEvent.findFirst({ where: { action: "user.create", targetId: String(first.id) } });
    expect(created?.meta).toMatchObject({ via: "oidc", role: "ANALYST" });
  });

  it("follows the provider's groups on the next sign-in, ending the old sessions when the role changes", async () => {
    const { id } = await db.user.findUniqueOrThrow({ where: { email } });
    const old = await createSession(id, { userAgent: "test", ip: null });
    await upsertIdentityProviderUser({ email, name: "Ida Provider", role: "ANALYST", ip: null });
    expect(await findSessionUser(id, old)).not.toBeNull();
    await upsertIdentityProviderUser({ email, name: "Ida P.", role: "ADMIN", ip: null });
    expect(await db.user.findUniqueOrThrow({ where: { id } })).toMatchObject({ role: "ADMIN", name: "Ida P." });
    expect(await findSessionUser(id, old)).toBeNull();
  });

  it("keeps a deactivated account out", async () => {
    await db.user.update({ where: { email }, data: { active: false } });
    const again = await upsertIdentityProviderUser({ email, name: "Ida Provider", role: "VIEWER", ip: null });
    expect(again.active).toBe(false);
    expect((await db.user.findUniqueOrThrow({ where: { email } })).role).toBe("ADMIN");
  });
});
