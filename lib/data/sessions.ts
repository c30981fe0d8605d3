import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { SESSION_MAX_AGE_SECONDS } from "@/lib/constants";
import type { Actor } from "@/lib/data/actor";
import { recordAudit } from "@/lib/data/audit";
import { NotFoundError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";

// Server-side sessions: the cookie names a row here, and a request counts as signed in only while that row is
// neither revoked nor older than the session's lifetime. Ending a session is setting revoked_at.

/** A session's last-seen time is written at most once a minute, not on every request. */
const TOUCH_EVERY_MS = 60_000;
const USER_AGENT_MAX = 400;

type SessionWriter = Pick<typeof db, "userSession"> | Prisma.TransactionClient;

function oldestLiveCreatedAt(now: Date): Date {
  return new Date(now.getTime() - SESSION_MAX_AGE_SECONDS * 1000);
}

export async function createSession(
  userId: number,
  client: { userAgent?: string | null; ip?: string | null },
): Promise<string> {
  // 256 random bits: the id travels only inside the signed, encrypted session cookie, but guessing it must
  // still be hopeless.
  const id = randomBytes(32).toString("base64url");
  await db.userSession.create({
    data: { id, userId, userAgent: client.userAgent?.slice(0, USER_AGENT_MAX) || null, ip: client.ip || null },
  });
  return id;
}

/** The session's user when the session is live (not revoked, not expired, its user's own), else null. */
export async function findLiveSession(sessionId: string, userId: number, now = new Date()) {
  // One round trip, the session and its user joined: this runs before every page, action and API call, and
  // Prisma's nested select would read the user with a second query.
  const [row] = await db.$queryRaw<LiveSessionRow[]>`
    SELECT s.id, s.user_id AS "userId", s.created_at AS "createdAt", s.last_seen_at AS "lastSeenAt",
           s.revoked_at AS "revokedAt", u.email, u.name, u.role::text AS role, u.active, u.time_zone AS "timeZone"
    FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.id = ${sessionId}`;
  if (!row || row.userId !== userId || row.revokedAt) return null;
  if (row.createdAt.getTime() <= oldestLiveCreatedAt(now).getTime()) return null;
  if (now.getTime() - row.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    await db.userSession.update({ where: { id: sessionId }, data: { lastSeenAt: now } });
  }
  const { email, name, role, active, timeZone } = row;
  return {
    id: row.id,
    userId: row.userId,
    createdAt: row.createdAt,
    lastSeenAt: row.lastSeenAt,
    revokedAt: row.revokedAt,
    user: { id: row.userId, email, name, role, active, timeZone },
  };
}

type LiveSessionRow = {
  id: string;
  userId: number;
  createdAt: Date;
  lastSeenAt: Date;
  revokedAt: Date | null;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  timeZone: string | null;
};

/** Ends one session (signing out). Ending an already ended one is fine. */
export async function revokeSession(sessionId: string): Promise<void> {
  await db.userSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
}

/** Ends every session of a user, inside the transaction of the change that calls for it. */
export async function revokeUserSessions(writer: SessionWriter, userId: number, except?: string): Promise<number> {
  const { count } = await writer.userSession.updateMany({
    where: { userId, revokedAt: null, ...(except ? { id: { not: except } } : {}) },
    data: { revokedAt: new Date() },
  });
  return count;
}

export type SessionListing = {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  userAgent: string | null;
  ip: string | null;
  current: boolean;
};

/** The signed-in user's live sessions, newest first, the current one marked. */
export async function listOwnSessions(actor: Actor, currentSessionId: string | null): Promise<SessionListing[]> {
  const rows = await db.userSession.findMany({
    where: { userId: actor.id, revokedAt: null, createdAt: { gt: oldestLiveCreatedAt(new Date()) } },
    orderBy: { lastSeenAt: "desc" },
    select: { id: true, createdAt: true, lastSeenAt: true, userAgent: true, ip: true },
  });
  return rows.map((row) => ({ ...row, current: row.id === currentSessionId }));
}

/** Ends one of the actor's own sessions; another user's session id is "not found", not a way in. */
export async function endOwnSession(actor: Actor, sessionId: string): Promise<void> {
  const { count } = await db.userSession.updateMany({
    where: { id: sessionId, userId: actor.id, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw new NotFoundError("That session has already ended.");
  await recordAudit(db, { actorId: actor.id, action: "auth.session_end", ip: actor.ip });
}

/** Ends all of the actor's sessions but the current one. */
export async function endOtherSessions(actor: Actor, currentSessionId: string): Promise<number> {
  const count = await revokeUserSessions(db, actor.id, currentSessionId);
  if (count > 0)
    await recordAudit(db, { actorId: actor.id, action: "auth.session_end_others", meta: { count }, ip: actor.ip });
  return count;
}
