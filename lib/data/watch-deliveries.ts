import "server-only";
import { db } from "@/lib/db";
import { authorizeAdmin, type Actor } from "@/lib/data/actor";
import { Prisma } from "@/lib/generated/prisma/client";
import type { WatchChannel, WatchDeliveryKind, WatchFrequency } from "@/lib/generated/prisma/enums";

// The outbox of watches, as the delivery job works it (lib/watches/deliver.ts):
//
//  - claimDeliveries takes due rows under a lease (FOR UPDATE SKIP LOCKED: several workers never take the same
//    row; a lease that lapses, because its worker died, lets the next claim take the row again). A due row of
//    matches brings along the watch's other pending match rows of that channel, so they go as one message.
//  - completeDeliveries marks them sent, or failed with a retry time, and logs the try.
//  - gatherDigest turns a watch's digest-pending matches into one outbox row for the period, once.
//
// Who receives what is settled at sending time too: the recipient must still be active and still see the view.

export type ClaimedDelivery = {
  ids: bigint[];
  watchId: number;
  channel: WatchChannel;
  kind: WatchDeliveryKind;
  articleIds: number[];
  payload: Prisma.JsonValue | null;
  attempts: number;
  user: { id: number; email: string; name: string; active: boolean; timeZone: string | null };
  view: { id: number; name: string; query: string; visible: boolean };
  webhookUrl: string | null;
  webhookSecret: string | null;
  email: boolean;
};

type ClaimRow = {
  id: bigint;
  watch_id: number;
  channel: WatchChannel;
  kind: WatchDeliveryKind;
  article_ids: number[];
  payload: Prisma.JsonValue | null;
  attempts: number;
};

export async function claimDeliveries(options: {
  owner: string;
  leaseMs: number;
  limit?: number;
}): Promise<ClaimedDelivery[]> {
  const limit = options.limit ?? 20;
  const rows = await db.$queryRaw<ClaimRow[]>(Prisma.sql`
    WITH due AS (
      SELECT id, watch_id, channel, kind FROM watch_deliveries
      WHERE status = 'PENDING' AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())
      ORDER BY next_attempt_at, id
      LIMIT ${limit}
    ),
    picked AS (
      SELECT d.id FROM watch_deliveries d
      WHERE d.status = 'PENDING' AND (d.lease_until IS NULL OR d.lease_until < now())
        AND (d.id IN (SELECT id FROM due)
          OR (d.kind = 'MATCHES' AND (d.watch_id, d.channel) IN (SELECT watch_id, channel FROM due WHERE kind = 'MATCHES')))
      FOR UPDATE OF d SKIP LOCKED
    )
    UPDATE watch_deliveries w
    SET lease_until = now() + make_interval(secs => ${options.leaseMs / 1000}), lease_owner = ${options.owner},
      attempts = w.attempts + 1
    FROM picked WHERE w.id = picked.id
    RETURNING w.id, w.watch_id, w.channel, w.kind, w.article_ids, w.payload, w.attempts`);
  if (!rows.length) return [];

  const groups = new Map<string, ClaimRow[]>();
  for (const row of rows) {
    const key = row.kind === "MATCHES" ? `${row.watch_id}:${row.channel}` : `one:${row.id}`;
    const list = groups.get(key);
    if (list) list.push(row);
    else groups.set(key, [row]);
  }
  const watches = await db.watch.findMany({
    where: { id: { in: [...new Set(rows.map((row) => row.watch_id))] } },
    select: {
      id: true,
      userId: true,
      email: true,
      webhookUrl: true,
      webhookSecret: true,
      user: { select: { id: true, email: true, name: true, active: true, timeZone: true } },
      view: { select: { id: true, name: true, query: true, ownerId: true, shared: true } },
    },
  });
  const byId = new Map(watches.map((watch) => [watch.id, watch]));
  const claimed: ClaimedDelivery[] = [];
  for (const group of groups.values()) {
    const first = group[0];
    const watch = byId.get(first.watch_id);
    if (!watch) continue; // deleted since: its rows went with it
    const { view } = watch;
    claimed.push({
      ids: group.map((row) => row.id),
      watchId: watch.id,
      channel: first.channel,
      kind: first.kind,
      articleIds: [...new Set(group.flatMap((row) => row.article_ids))].sort((a, b) => a - b),
      payload: first.payload,
      attempts: Math.max(...group.map((row) => row.attempts)),
      user: watch.user,
      view: {
        id: view.id,
        name: view.name,
        query: view.query,
        visible: view.ownerId === watch.userId || view.shared,
      },
      webhookUrl: watch.webhookUrl,
      webhookSecret: watch.webhookSecret,
      email: watch.email,
    });
  }
  return claimed;
}

export type DeliveryOutcome =
  | { status: "SENT"; statusCode?: number | null; durationMs: number }
  | { status: "SKIPPED"; reason: string }
  | { status: "RETRY"; statusCode?: number | null; error: string; retryAt: Date; durationMs: number }
  | { status: "FAILED"; statusCode?: number | null; error: string; durationMs: number };

/** Records the outcome of a claimed delivery, only while this worker still holds the lease. */
export async function completeDeliveries(ids: bigint[], owner: string, outcome: DeliveryOutcome): Promise<void> {
  const statusCode = "statusCode" in outcome ? (outcome.statusCode ?? null) : null;
  const error = outcome.status === "SENT" ? null : "error" in outcome ? outcome.error : outcome.reason;
  await db.$transaction(async (tx) => {
    if (outcome.status !== "SKIPPED") {
      await tx.watchDeliveryAttempt.createMany({
        data: ids.map((deliveryId) => ({
          deliveryId,
          ok: outcome.status === "SENT",
          statusCode,
          error,
          durationMs: Math.round(outcome.durationMs),
        })),
      });
    }
    await tx.watchDelivery.updateMany({
      where: { id: { in: ids }, leaseOwner: owner },
      data: {
        status: outcome.status === "RETRY" ? "PENDING" : outcome.status,
        leaseUntil: null,
        leaseOwner: null,
        lastStatusCode: statusCode,
        lastError: error,
        ...(outcome.status === "SENT" ? { sentAt: new Date() } : {}),
        ...(outcome.status === "RETRY" ? { nextAttemptAt: outcome.retryAt } : {}),
      },
    });
  });
}

export type DigestWatch = {
  id: number;
  emailFrequency: WatchFrequency;
  digestHour: number;
  digestWeekday: number;
  digestedUntil: Date | null;
  timeZone: string | null;
};

/** Watches with email digests, for the tick to find the ones whose period has ended. */
export async function listDigestWatches(): Promise<DigestWatch[]> {
  const rows = await db.watch.findMany({
    where: { email: true, emailFrequency: { not: "IMMEDIATE" }, user: { active: true } },
    select: {
      id: true,
      emailFrequency: true,
      digestHour: true,
      digestWeekday: true,
      digestedUntil: true,
      user: { select: { timeZone: true } },
    },
  });
  return rows.map(({ user, ...watch }) => ({ ...watch, timeZone: user.timeZone }));
}

/**
 * Gathers a watch's digest-pending matches into one outbox row for the period ending at `periodStart`, and
 * moves the watch's digest mark there. The watch row is locked, and the period's batch key is unique, so two
 * ticks never make the same digest twice; a period with nothing new sends nothing.
 */
export async function gatherDigest(watchId: number, periodStart: Date): Promise<{ articles: number }> {
  return db.$transaction(async (tx) => {
    const [watch] = await tx.$queryRaw<{ digested_until: Date | null }[]>`
      SELECT digested_until FROM watches WHERE id = ${watchId} FOR UPDATE SKIP LOCKED`;
    if (!watch || (watch.digested_until && watch.digested_until >= periodStart)) return { articles: 0 };
    const matches = await tx.$queryRaw<{ article_id: number }[]>`
      UPDATE watch_matches SET digest_pending = false
      WHERE watch_id = ${watchId} AND digest_pending AND matched_at < ${periodStart}
      RETURNING article_id`;
    if (matches.length) {
      await tx.watchDelivery.createMany({
        data: [
          {
            watchId,
            channel: "EMAIL",
            kind: "MATCHES",
            batchKey: `digest:${periodStart.toISOString()}`,
            articleIds: matches.map((m) => m.article_id).sort((a, b) => a - b),
          },
        ],
        skipDuplicates: true,
      });
    }
    await tx.watch.update({ where: { id: watchId }, data: { digestedUntil: periodStart } });
    return { articles: matches.length };
  });
}

/** The signed unsubscribe link's effect: that channel of that watch is off. */
export async function unsubscribeWatch(watchId: number, channel: WatchChannel): Promise<{ viewName: string } | null> {
  const watch = await db.watch.findUnique({ where: { id: watchId }, select: { view: { select: { name: true } } } });
  if (!watch) return null;
  await db.watch.update({
    where: { id: watchId },
    data: channel === "EMAIL" ? { email: false } : { webhookUrl: null, webhookSecret: null },
  });
  // What was waiting for that channel will not be sent.
  await db.watchDelivery.updateMany({
    where: { watchId, channel, status: "PENDING" },
    data: { status: "SKIPPED", lastError: "Unsubscribed." },
  });
  if (channel === "EMAIL")
    await db.watchMatch.updateMany({ where: { watchId, digestPending: true }, data: { digestPending: false } });
  return { viewName: watch.view.name };
}

export async function recordMailMessage(input: {
  deliveryId: bigint;
  to: string;
  subject: string;
  fileName: string;
}): Promise<void> {
  await db.mailMessage.create({ data: input });
}

export type MailMessageItem = { id: number; to: string; subject: string; fileName: string; createdAt: Date };

export async function listMailMessages(actor: Actor, limit = 200): Promise<MailMessageItem[]> {
  authorizeAdmin(actor);
  return db.mailMessage.findMany({
    orderBy: { id: "desc" },
    take: limit,
    select: { id: true, to: true, subject: true, fileName: true, createdAt: true },
  });
}

export async function getMailMessage(id: number, actor: Actor): Promise<MailMessageItem | null> {
  authorizeAdmin(actor);
  return db.mailMessage.findUnique({
    where: { id },
    select: { id: true, to: true, subject: true, fileName: true, createdAt: true },
  });
}
