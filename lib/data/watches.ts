import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { authorize, type Actor } from "@/lib/data/actor";
import { InvalidError, NotFoundError } from "@/lib/errors";
import type { WatchChannel, WatchDeliveryStatus, WatchFrequency } from "@/lib/generated/prisma/enums";
import { matchingArticleIds } from "@/lib/search/matching-ids";
import { parseArticleFilter } from "@/lib/validation/article-filter";
import { watchSettingsSchema, type WatchSettingsInput } from "@/lib/validation/watches";

// A user's watches on saved views: their settings, the in-app "new since last seen" counts and marks, and the
// delivery log. Anyone may watch their own views and the ones shared with the team; a view that stops being
// visible to a watcher (unshared) stops their watch from matching (lib/search/watch-match.ts), and a deleted
// view or user deletes the watch (foreign keys, cascading).
//
//   getWatch(viewId, actor)              the actor's watch of the view, or null
//   saveWatch(viewId, settings, actor)   creates or updates it
//   unwatch(viewId, actor)               deletes it (its matches and pending messages go with it)
//   listWatchCounts(actor)               per watched view: matches not yet seen
//   unseenArticleIds(viewId, actor, ids) which of these articles are new to the actor in that view
//   markWatchSeen(viewId, actor)         "mark all seen"
//   listWatchDeliveries(viewId, actor)   the last messages sent for the watch, with each try's answer

export type WatchItem = {
  id: number;
  viewId: number;
  email: boolean;
  emailFrequency: WatchFrequency;
  digestHour: number;
  digestWeekday: number;
  webhookUrl: string | null;
  webhookSecret: string | null;
  spike: boolean;
  spikeK: number;
  spikeMinCount: number;
  silenceDays: number | null;
  lastSeenAt: Date | null;
};

const SELECT = {
  id: true,
  viewId: true,
  email: true,
  emailFrequency: true,
  digestHour: true,
  digestWeekday: true,
  webhookUrl: true,
  webhookSecret: true,
  spike: true,
  spikeK: true,
  spikeMinCount: true,
  silenceDays: true,
  lastSeenAt: true,
} as const;

/** The view, if the actor may see it (their own, or shared); someone else's private view does not exist. */
async function visibleView(viewId: number, actor: Actor) {
  const view = await db.savedView.findUnique({
    where: { id: viewId },
    select: { id: true, ownerId: true, shared: true },
  });
  if (!view || (view.ownerId !== actor.id && !view.shared)) throw new NotFoundError("That view no longer exists.");
  return view;
}

export async function getWatch(viewId: number, actor: Actor): Promise<WatchItem | null> {
  authorize(actor, "views:watch");
  return db.watch.findUnique({ where: { userId_viewId: { userId: actor.id, viewId } }, select: SELECT });
}

export async function saveWatch(
  viewId: number,
  settings: Partial<WatchSettingsInput>,
  actor: Actor,
): Promise<WatchItem> {
  authorize(actor, "views:watch");
  await visibleView(viewId, actor);
  const parsed = watchSettingsSchema.safeParse(settings);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    throw new InvalidError(issue.message, { [String(issue.path[0] ?? "form")]: [issue.message] });
  }
  const input = parsed.data;
  const existing = await db.watch.findUnique({
    where: { userId_viewId: { userId: actor.id, viewId } },
    select: { webhookSecret: true },
  });
  // A webhook needs a secret to sign with: keep the one the receiver knows, or make one.
  const webhookSecret = input.webhookUrl
    ? (input.webhookSecret ?? existing?.webhookSecret ?? randomBytes(24).toString("hex"))
    : null;
  const data = { ...input, webhookSecret };
  return db.watch.upsert({
    where: { userId_viewId: { userId: actor.id, viewId } },
    // A new watch starts with nothing new: what matched before it was made was never "new" to its user.
    create: { ...data, userId: actor.id, viewId, lastSeenAt: new Date() },
    update: data,
    select: SELECT,
  });
}

export async function unwatch(viewId: number, actor: Actor): Promise<boolean> {
  authorize(actor, "views:watch");
  const { count } = await db.watch.deleteMany({ where: { userId: actor.id, viewId } });
  return count > 0;
}

export type WatchCount = { viewId: number; watchId: number; unseen: number };

export async function listWatchCounts(actor: Actor): Promise<WatchCount[]> {
  return db.$queryRaw<WatchCount[]>`
    SELECT w.view_id AS "viewId", w.id AS "watchId",
      (SELECT count(*)::int FROM watch_matches m WHERE m.watch_id = w.id AND NOT m.seen) AS unseen
    FROM watches w JOIN saved_views v ON v.id = w.view_id
    WHERE w.user_id = ${actor.id} AND (v.owner_id = ${actor.id} OR v.shared)`;
}

export async function unseenArticleIds(viewId: number, actor: Actor, articleIds: number[]): Promise<Set<number>> {
  if (!articleIds.length) return new Set();
  const rows = await db.watchMatch.findMany({
    where: { watch: { userId: actor.id, viewId }, articleId: { in: articleIds }, seen: false },
    select: { articleId: true },
  });
  return new Set(rows.map((row) => row.articleId));
}

export async function markWatchSeen(viewId: number, actor: Actor): Promise<{ marked: number }> {
  authorize(actor, "views:watch");
  const watch = await db.watch.findUnique({
    where: { userId_viewId: { userId: actor.id, viewId } },
    select: { id: true },
  });
  if (!watch) throw new NotFoundError("You do not watch that view.");
  return db.$transaction(async (tx) => {
    const last = await tx.watchMatch.findFirst({
      where: { watchId: watch.id, seen: false },
      orderBy: { id: "desc" },
      select: { articleId: true },
    });
    const { count } = await tx.watchMatch.updateMany({
      where: { watchId: watch.id, seen: false },
      data: { seen: true },
    });
    await tx.watch.update({
      where: { id: watch.id },
      data: { lastSeenAt: new Date(), ...(last ? { lastSeenArticleId: last.articleId } : {}) },
    });
    return { marked: count };
  });
}

export type WatchDeliveryItem = {
  id: bigint;
  channel: WatchChannel;
  kind: string;
  status: WatchDeliveryStatus;
  articles: number;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
  tries: { at: Date; ok: boolean; statusCode: number | null; error: string | null }[];
};

export async function listWatchDeliveries(viewId: number, actor: Actor, limit = 20): Promise<WatchDeliveryItem[]> {
  authorize(actor, "views:watch");
  const rows = await db.watchDelivery.findMany({
    where: { watch: { userId: actor.id, viewId } },
    orderBy: { id: "desc" },
    take: limit,
    select: {
      id: true,
      channel: true,
      kind: true,
      status: true,
      articleIds: true,
      attempts: true,
      lastStatusCode: true,
      lastError: true,
      createdAt: true,
      sentAt: true,
      attemptsLog: { orderBy: { at: "desc" }, take: 5, select: { at: true, ok: true, statusCode: true, error: true } },
    },
  });
  return rows.map(({ articleIds, attemptsLog, ...row }) => ({
    ...row,
    articles: articleIds.length,
    tries: attemptsLog,
  }));
}

export type WatchWithCount = WatchItem & { unseen: number };

/** The actor's watches of views they may still see, each with its count of new matches, by view id. */
export async function listMyWatches(actor: Actor): Promise<Record<number, WatchWithCount>> {
  // The unseen count comes in the same query (a counted subquery), not a second round trip: every desk page asks.
  const watches = await db.watch.findMany({
    where: { userId: actor.id, view: { OR: [{ ownerId: actor.id }, { shared: true }] } },
    select: { ...SELECT, _count: { select: { matches: { where: { seen: false } } } } },
  });
  return Object.fromEntries(
    watches.map(({ _count, ...watch }) => [watch.viewId, { ...watch, unseen: _count.matches }]),
  );
}

/** A view the actor may read (their own, or shared), for its feed; NotFoundError otherwise. */
export async function getReadableView(viewId: number, actor: Actor) {
  authorize(actor, "articles:read");
  const view = await db.savedView.findUnique({
    where: { id: viewId },
    select: { id: true, name: true, query: true, ownerId: true, shared: true, updatedAt: true },
  });
  if (!view || (view.ownerId !== actor.id && !view.shared)) throw new NotFoundError("That view no longer exists.");
  return view;
}

/** The newest `limit` article ids of a readable view's filter, for its feed. */
export async function listViewArticleIds(viewId: number, actor: Actor, limit: number) {
  const view = await getReadableView(viewId, actor);
  const { filter } = parseArticleFilter(view.query);
  const { ids } = await matchingArticleIds(db, filter, limit);
  return { view, ids };
}
