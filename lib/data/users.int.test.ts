import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { verifyPassword } from "@/lib/auth/password";
import { changeUserRole, createUser, resetUserPassword, setUserActive } from "@/lib/data/users";
import { ConflictError, InvalidError } from "@/lib/errors";
import { createTestToken, createTestUser, deleteTestUsers, randomTag } from "@/test/factories";

const USERS = randomTag("users-int-");
const PREFIX = `${USERS}-`;
let adminId: number;

async function cleanup() {
  await db.auditEvent.deleteMany({ where: { actor: { email: { startsWith: PREFIX } } } });
  await deleteTestUsers(USERS);
}

describe("user management", () => {
  beforeAll(async () => {
    adminId = (await createTestUser(USERS, "admin", { role: "ADMIN", name: "Int Admin" })).id;
  });
  afterAll(cleanup);

  it("creates a user with a temporary password and audits it", async () => {
    const created = await createUser(
      { id: adminId, role: "ADMIN" },
      { email: `${PREFIX}new@example.com`, name: "New", role: "ANALYST", password: "" },
    );
    expect(created.temporaryPassword).toMatch(/^[\w-]{16,}$/);
    const stored = await db.user.findUniqueOrThrow({ where: { id: created.id }, omit: { passwordHash: false } });
    expect(await verifyPassword(stored.passwordHash, created.temporaryPassword!)).toBe(true);
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    const audit = await db.auditEvent.findFirst({ where: { action: "user.create", targetId: String(created.id) } });
    expect(audit?.actorId).toBe(adminId);
  });

  it("refuses a second account with the same email", async () => {
    await expect(
      createUser(
        { id: adminId, role: "ADMIN" },
        { email: `${PREFIX}new@example.com`, name: "Again", role: "VIEWER", password: "" },
      ),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it("deactivating ends sessions, revokes tokens and is audited", async () => {
    const user = await db.user.findUniqueOrThrow({ where: { email: `${PREFIX}new@example.com` } });
    await createTestToken(user, `${PREFIX}t`, "READ");
    await setUserActive({ id: adminId, role: "ADMIN" }, user.id, false);
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.active).toBe(false);
    expect(after.sessionVersion).toBe(user.sessionVersion + 1);
    expect((await db.apiToken.findFirstOrThrow({ where: { userId: user.id } })).revokedAt).not.toBeNull();
    expect(await db.auditEvent.count({ where: { action: "user.deactivate", targetId: String(user.id) } })).toBe(1);
  });

  it("never leaves the team without an active admin, nor lets an admin lock themselves out", async () => {
    await expect(setUserActive({ id: adminId, role: "ADMIN" }, adminId, false)).rejects.toBeInstanceOf(InvalidError);
    const otherAdmins = await db.user.count({ where: { role: "ADMIN", active: true, id: { not: adminId } } });
    if (otherAdmins === 0) {
      await expect(changeUserRole({ id: adminId, role: "ADMIN" }, adminId, "VIEWER")).rejects.toBeInstanceOf(
        InvalidError,
      );
    }
  });

  it("changes a role and resets a password, ending old sessions", async () => {
    const user = await db.user.findUniqueOrThrow({ where: { email: `${PREFIX}new@example.com` } });
    await changeUserRole({ id: adminId, role: "ADMIN" }, user.id, "VIEWER");
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe("VIEWER");
    const { temporaryPassword } = await resetUserPassword({ id: adminId, role: "ADMIN" }, user.id);
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id }, omit: { passwordHash: false } });
    expect(await verifyPassword(after.passwordHash, temporaryPassword)).toBe(true);
    expect(after.sessionVersion).toBeGreaterThan(user.sessionVersion);
    expect(
      await db.auditEvent.count({
        where: { action: { in: ["user.role_change", "user.password_reset"] }, targetId: String(user.id) },
      }),
    ).toBe(2);
  });
});
