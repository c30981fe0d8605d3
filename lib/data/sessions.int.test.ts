import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { SESSION_MAX_AGE_SECONDS } from "@/lib/constants";
import { createSession, endOtherSessions, endOwnSession, listOwnSessions, revokeSession } from "@/lib/data/sessions";
import { changeUserRole, findSessionUser, resetUserPassword, setUserActive } from "@/lib/data/users";
import { NotFoundError } from "@/lib/errors";
import { createTestUser, deleteTestUsers, randomTag } from "@/test/factories";

const USERS = randomTag("sessions-int-");
const PREFIX = `${USERS}-`;
let admin: { id: number; role: "ADMIN" };
let userId: number;
let otherId: number;

const client = { userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0", ip: "192.0.2.7" };

describe("server-side sessions", () => {
  beforeAll(async () => {
    admin = { id: (await createTestUser(USERS, "admin", { role: "ADMIN" })).id, role: "ADMIN" };
    userId = (await createTestUser(USERS, "analyst", { role: "ANALYST" })).id;
    otherId = (await createTestUser(USERS, "other", { role: "VIEWER" })).id;
  });
  afterAll(async () => {
    await db.auditEvent.deleteMany({ where: { actor: { email: { startsWith: PREFIX } } } });
    await deleteTestUsers(USERS);
  });

  it("a new session reads its user; a signed-out one, an unknown one or another user's does not", async () => {
    const id = await createSession(userId, client);
    expect((await findSessionUser(userId, id))?.id).toBe(userId);
    expect(await findSessionUser(otherId, id)).toBeNull();
    expect(await findSessionUser(userId, "x".repeat(43))).toBeNull();
    await revokeSession(id);
    expect(await findSessionUser(userId, id)).toBeNull();
  });

  it("a session older than its lifetime no longer reads, even unrevoked", async () => {
    const id = await createSession(userId, client);
    const old = new Date(Date.now() - SESSION_MAX_AGE_SECONDS * 1000 - 1000);
    await db.userSession.update({ where: { id }, data: { createdAt: old } });
    expect(await findSessionUser(userId, id)).toBeNull();
  });

  it.each([
    ["a password reset", () => resetUserPassword(admin, userId)],
    ["a role change", () => changeUserRole(admin, userId, "VIEWER")],
    ["a deactivation", () => setUserActive(admin, userId, false)],
  ])("%s ends every session of the user at once", async (_, change) => {
    await setUserActive(admin, userId, true);
    await changeUserRole(admin, userId, "ANALYST");
    const sessions = [await createSession(userId, client), await createSession(userId, client)];
    const bystander = await createSession(otherId, client);
    for (const id of sessions) expect(await findSessionUser(userId, id)).not.toBeNull();
    await change();
    for (const id of sessions) expect(await findSessionUser(userId, id)).toBeNull();
    expect(await findSessionUser(otherId, bystander)).not.toBeNull();
  });

  it("a user lists their live sessions and ends others, never someone else's", async () => {
    await setUserActive(admin, userId, true);
    const actor = { id: userId, role: "ANALYST" as const };
    const current = await createSession(userId, client);
    const laptop = await createSession(userId, { userAgent: "Firefox", ip: "198.51.100.1" });
    const phone = await createSession(userId, { userAgent: "Safari", ip: "198.51.100.2" });
    const theirs = await createSession(otherId, client);

    const listed = await listOwnSessions(actor, current);
    expect(listed.map((session) => session.id).sort()).toEqual([current, laptop, phone].sort());
    expect(listed.find((session) => session.current)?.id).toBe(current);

    await expect(endOwnSession(actor, theirs)).rejects.toBeInstanceOf(NotFoundError);
    expect(await findSessionUser(otherId, theirs)).not.toBeNull();

    await endOwnSession(actor, laptop);
    expect(await findSessionUser(userId, laptop)).toBeNull();
    expect(await endOtherSessions(actor, current)).toBe(1);
    expect(await findSessionUser(userId, phone)).toBeNull();
    expect(await findSessionUser(userId, current)).not.toBeNull();
    expect((await listOwnSessions(actor, current)).map((session) => session.id)).toEqual([current]);
  });
});
