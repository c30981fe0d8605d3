import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { authorize, type Actor } from "@/lib/data/actor";
import { recordAudit } from "@/lib/data/audit";
import { findLiveSession, revokeUserSessions } from "@/lib/data/sessions";
import { hashPassword } from "@/lib/auth/password";
import { ConflictError, InvalidError, NotFoundError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import type { CreateUserInput } from "@/lib/validation/users";

export function listUsers() {
  return db.user.findMany({
    orderBy: [{ active: "desc" }, { role: "asc" }, { name: "asc" }],
    select: { id: true, email: true, name: true, role: true, active: true, lastLoginAt: true, createdAt: true },
  });
}

/** 16 random bytes, readable aloud in groups: handed to the user once, never stored. */
export function generateTemporaryPassword(): string {
  return (
    randomBytes(12)
      .toString("base64url")
      .match(/.{1,4}/g) ?? []
  ).join("-");
}

export async function createUser(
  actor: Actor,
  input: CreateUserInput,
): Promise<{ id: number; temporaryPassword: string | null }> {
  authorize(actor, "users:manage");
  const temporaryPassword = input.password ? null : generateTemporaryPassword();
  const passwordHash = await hashPassword(input.password || temporaryPassword!);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: input.email, name: input.name, role: input.role, passwordHash },
        select: { id: true },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "user.create",
        targetType: "user",
        targetId: user.id,
        meta: { email: input.email, role: input.role },
        ip: actor.ip,
      });
      return { id: user.id, temporaryPassword };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ConflictError(`A user with the email ${input.email} already exists.`);
    }
    throw error;
  }
}

/** Refuses changes that would leave the team without an active administrator. */
async function assertAdminRemains(tx: Prisma.TransactionClient, userId: number) {
  const others = await tx.user.count({ where: { role: "ADMIN", active: true, id: { not: userId } } });
  if (others === 0) throw new InvalidError("This is the last active admin: make someone else an admin first.");
}

export async function changeUserRole(actor: Actor, userId: number, role: Role): Promise<void> {
  authorize(actor, "users:manage");
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { role: true, email: true } });
    if (!user) throw new NotFoundError("That user does not exist.");
    if (user.role === role) return;
    if (user.role === "ADMIN") await assertAdminRemains(tx, userId);
    await tx.user.update({ where: { id: userId }, data: { role } });
    // Every request re-reads the role, but a role change still ends the person's sessions: they sign in again
    // and see the app as it now is for them.
    await revokeUserSessions(tx, userId);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "user.role_change",
      targetType: "user",
      targetId: userId,
      meta: { email: user.email, from: user.role, to: role },
      ip: actor.ip,
    });
  });
}

export async function setUserActive(actor: Actor, userId: number, active: boolean): Promise<void> {
  authorize(actor, "users:manage");
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { active: true, role: true, email: true } });
    if (!user) throw new NotFoundError("That user does not exist.");
    if (user.active === active) return;
    if (!active && userId === actor.id) throw new InvalidError("You cannot deactivate your own account.");
    if (!active && user.role === "ADMIN") await assertAdminRemains(tx, userId);
    // A new session version ends every session the user has open.
    await tx.user.update({ where: { id: userId }, data: { active, sessionVersion: { increment: 1 } } });
    await revokeUserSessions(tx, userId);
    if (!active) await tx.apiToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: active ? "user.reactivate" : "user.deactivate",
      targetType: "user",
      targetId: userId,
      meta: { email: user.email },
      ip: actor.ip,
    });
  });
}

export async function resetUserPassword(
  actor: Actor,
  userId: number,
): Promise<{ temporaryPassword: string; email: string }> {
  authorize(actor, "users:manage");
  const temporaryPassword = generateTemporaryPassword();
  const passwordHash = await hashPassword(temporaryPassword);
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true } });
    if (!user) throw new NotFoundError("That user does not exist.");
    await tx.user.update({ where: { id: userId }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    await revokeUserSessions(tx, userId);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "user.password_reset",
      targetType: "user",
      targetId: userId,
      meta: { email: user.email },
      ip: actor.ip,
    });
    return { temporaryPassword, email: user.email };
  });
}

/**
 * The signed-in user's current state, re-read on every request (lib/auth/session.ts): null unless the session
 * row the cookie names is live and belongs to this user.
 */
export async function findSessionUser(userId: number, sessionId: string) {
  const session = await findLiveSession(sessionId, userId);
  return session?.user ?? null;
}

/** The account a sign-in names, with its password hash (only here). */
export function findUserForLogin(email: string) {
  return db.user.findUnique({ where: { email }, omit: { passwordHash: false } });
}

export async function markLoggedIn(userId: number, timeZone: string | null): Promise<void> {
  await db.user.update({
    where: { id: userId },
    data: { lastLoginAt: new Date(), ...(timeZone ? { timeZone } : {}) },
  });
}

/**
 * The account of someone the team's identity provider signed in (OIDC): created on their first sign-in, its
 * name and role brought up to date on each one (the provider's groups decide the role). An account made this
 * way has no password (its hash is no argon2 hash, so no password matches). A deactivated account stays
 * deactivated: the caller refuses the sign-in.
 */
export async function upsertIdentityProviderUser(input: {
  email: string;
  name: string;
  role: Role;
  ip: string | null;
}): Promise<{ id: number; active: boolean }> {
  return db.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({
      where: { email: input.email },
      select: { id: true, role: true, name: true, active: true },
    });
    if (!existing) {
      const created = await tx.user.create({
        data: { email: input.email, name: input.name, role: input.role, passwordHash: "!oidc" },
        select: { id: true },
      });
      await recordAudit(tx, {
        actorId: null,
        action: "user.create",
        targetType: "user",
        targetId: created.id,
        meta: { email: input.email, role: input.role, via: "oidc" },
        ip: input.ip,
      });
      return { id: created.id, active: true };
    }
    if (!existing.active) return { id: existing.id, active: false };
    if (existing.role !== input.role || existing.name !== input.name) {
      await tx.user.update({ where: { id: existing.id }, data: { role: input.role, name: input.name } });
    }
    if (existing.role !== input.role) {
      // As with an admin's role change: the person's other sessions end; the one being opened starts fresh.
      await revokeUserSessions(tx, existing.id);
      await recordAudit(tx, {
        actorId: null,
        action: "user.role_change",
        targetType: "user",
        targetId: existing.id,
        meta: { email: input.email, from: existing.role, to: input.role, via: "oidc" },
        ip: input.ip,
      });
    }
    return { id: existing.id, active: true };
  });
}

/** The id of the account with this email, for a sign-in that named the person by email. */
export async function findUserIdByEmail(email: string): Promise<number | null> {
  return (await db.user.findUnique({ where: { email }, select: { id: true } }))?.id ?? null;
}
