import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/data/audit";
import { InvalidError, NotFoundError } from "@/lib/errors";
import { createTokenSchema, type CreateTokenInput } from "@/lib/validation/tokens";
import { authorize, type Actor, type SystemActor } from "@/lib/data/actor";

// API tokens let scripts and other systems act as a user without a browser session. The secret is
// shown once and only its sha256 is stored: the database alone never yields a usable token.

/** Who created or revoked a token: an admin in the UI, or the system (id null) from the command line. */
/** An admin in the UI, or the system itself from the command line (`npm run token`). */
export type TokenActor = Actor | SystemActor;

export const TOKEN_PREFIX_LENGTH = 10;
/** `pw_` and 32 random bytes in base64url. */
export const TOKEN_PATTERN = /^pw_[A-Za-z0-9_-]{43}$/;

const RECORD = {
  id: true,
  userId: true,
  name: true,
  prefix: true,
  scope: true,
  createdAt: true,
  expiresAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

export function generateApiTokenSecret(): string {
  return `pw_${randomBytes(32).toString("base64url")}`;
}

export function hashApiToken(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export type TokenStatus = "active" | "revoked" | "expired";

export function tokenStatus(token: { revokedAt: Date | null; expiresAt: Date | null }, now = new Date()): TokenStatus {
  if (token.revokedAt) return "revoked";
  if (token.expiresAt && token.expiresAt.getTime() <= now.getTime()) return "expired";
  return "active";
}

export async function createApiToken(input: CreateTokenInput, actor: TokenActor) {
  if (actor.id !== null) authorize(actor, "tokens:manage");
  const parsed = createTokenSchema.safeParse(input);
  if (!parsed.success) throw new InvalidError(parsed.error.issues[0]?.message ?? "Check the token's details.");
  const { userId, name, scope, expiresAt } = parsed.data;
  const token = generateApiTokenSecret();
  return db.$transaction(async (tx) => {
    const owner = await tx.user.findUnique({ where: { id: userId }, select: { email: true, active: true } });
    if (!owner) throw new NotFoundError("That user does not exist.");
    if (!owner.active)
      throw new InvalidError(`${owner.email} is deactivated: reactivate the account before giving it a token.`);
    const record = await tx.apiToken.create({
      data: {
        userId,
        name,
        scope,
        expiresAt: expiresAt ?? null,
        tokenHash: hashApiToken(token),
        prefix: token.slice(0, TOKEN_PREFIX_LENGTH),
      },
      select: RECORD,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "token.create",
      targetType: "api_token",
      targetId: record.id,
      meta: {
        name,
        scope,
        owner: owner.email,
        prefix: record.prefix,
        expiresAt: record.expiresAt?.toISOString() ?? null,
        via: actor.id === null ? "cli" : "ui",
      },
      ip: actor.ip,
    });
    return { token, record };
  });
}

/** Revoking twice is harmless and records one event. */
export async function revokeApiToken(id: number, actor: TokenActor): Promise<void> {
  if (actor.id !== null) authorize(actor, "tokens:manage");
  await db.$transaction(async (tx) => {
    const token = await tx.apiToken.findUnique({
      where: { id },
      select: { name: true, prefix: true, revokedAt: true, user: { select: { email: true } } },
    });
    if (!token) throw new NotFoundError("That token does not exist.");
    if (token.revokedAt) return;
    await tx.apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "token.revoke",
      targetType: "api_token",
      targetId: id,
      meta: {
        name: token.name,
        prefix: token.prefix,
        owner: token.user.email,
        via: actor.id === null ? "cli" : "ui",
      },
      ip: actor.ip,
    });
  });
}

/** Every token with its owner, newest first; never the hash. */
export function listApiTokens() {
  return db.apiToken.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { ...RECORD, user: { select: { id: true, email: true, name: true, role: true, active: true } } },
  });
}

/** The token a request presents, with what authentication needs of its owner. */
export function findApiTokenByHash(tokenHash: string) {
  return db.apiToken.findUnique({
    where: { tokenHash },
    select: {
      id: true,
      name: true,
      scope: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
      user: { select: { id: true, email: true, name: true, role: true, active: true, timeZone: true } },
    },
  });
}

/**
 * Records use at most once per `intervalMs`: a busy client would otherwise write the row on every request.
 * The condition sits in the UPDATE, so concurrent requests write it once.
 */
export async function markApiTokenUsed(id: number, now = new Date(), intervalMs = 60_000): Promise<boolean> {
  const stale = new Date(now.getTime() - intervalMs);
  const { count } = await db.apiToken.updateMany({
    where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: stale } }] },
    data: { lastUsedAt: now },
  });
  return count === 1;
}

/** For the command line, which names the owner by email. */
export function findTokenOwner(email: string) {
  return db.user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { id: true, email: true, active: true, role: true },
  });
}
