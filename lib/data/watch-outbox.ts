import "server-only";
import { db } from "@/lib/db";
import { sqlState } from "@/lib/db/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { listLiveWatches, matchesCte, planWatchMatching } from "@/lib/search/watch-match";
import type { SqlClient } from "@/lib/search/text-strategy";

// The write side of watches. The ingest chunk's transaction queues the ids of the articles it created, completed
// or changed (watch_match_queue) and nothing more: matching 2,025 articles against 1,000 watches writes ~98,000
// match rows, which alone took longer than storing the articles (2.9-3.3 s against 2.9 s on 2 busy cores), so
// matching in that transaction more than halved the ingest rate. The worker takes queued ids (lib/watches/tick.ts)
// and, in one transaction, deletes them, writes their matches and the outbox rows of the messages they cause (an
// immediate email, a webhook call): a crash before its commit leaves the ids queued and nothing written, so every
// stored article is matched, and once (the unique (watch, article) pair; only new matches make messages).
//
// One outbox row per watch and channel per batch, however many of the batch's articles matched: the delivery job
// sends a watch's pending rows of a channel as one message. Digest matches wait on the match row
// (digest_pending) for the digest tick.

export type WatchOutboxClient = SqlClient & { $executeRaw(query: Prisma.Sql): PromiseLike<number> };
type QueueDb = Pick<typeof db, "$transaction">;

export type RecordedMatches = { matches: number; deliveries: number };
export type MatchRun = RecordedMatches & { articles: number; batches: number };

/** Ids taken from the queue per transaction: the ingest's chunk size. */
const BATCH = 500;
/** Deadlock and serialization failures: another transaction got in the way; the batch is tried again. */
const RETRYABLE = new Set(["40P01", "40001"]);
const ATTEMPTS = 3;

/**
 * In the ingest chunk's transaction: queues the articles for matching, when any watch is live (a watch sees only
 * what arrives after it exists, so with none there is nothing to match now or later).
 */
export async function queueWatchMatching(tx: WatchOutboxClient, articleIds: number[]): Promise<void> {
  if (!articleIds.length) return;
  await tx.$executeRaw(Prisma.sql`
    INSERT INTO watch_match_queue (article_id)
    SELECT unnest(${articleIds}::int[])
    WHERE EXISTS (
      SELECT 1 FROM watches w
      JOIN saved_views v ON v.id = w.view_id
      JOIN users u ON u.id = w.user_id
      WHERE u.active AND (v.owner_id = w.user_id OR v.shared)
    )`);
}

/**
 * Writes the matches of these (stored) articles for every live watch, and the outbox rows of the new ones, in one
 * statement: an article already matched to a watch is not matched again, and makes no message.
 */
export async function recordWatchMatches(
  tx: WatchOutboxClient,
  articleIds: number[],
  options: { now?: Date } = {},
): Promise<RecordedMatches> {
  if (!articleIds.length) return { matches: 0, deliveries: 0 };
  const watches = await listLiveWatches(tx);
  if (!watches.length) return { matches: 0, deliveries: 0 };
  const plan = await planWatchMatching(tx, watches, options.now);
  const batchSeconds = env().WATCH_BATCH_SECONDS;
  // Immediate email waits out the batch window, so a minute's batches become one message.
  const channels = watches.flatMap((watch) => [
    ...(watch.immediateEmail ? [{ watch: watch.id, channel: "EMAIL", delay: batchSeconds }] : []),
    ...(watch.webhook ? [{ watch: watch.id, channel: "WEBHOOK", delay: 0 }] : []),
  ]);
  const [row] = await tx.$queryRaw<RecordedMatches[]>(Prisma.sql`
    ${matchesCte(plan, articleIds)},
    w AS (
      SELECT * FROM unnest(${plan.watches.map((w) => w.key)}::int[], ${plan.watches.map((w) => w.watch.id)}::int[],
        ${plan.watches.map((w) => w.watch.digest)}::bool[]) AS w(k, watch_id, digest)
    ),
    added AS (
      INSERT INTO watch_matches (watch_id, article_id, digest_pending)
      SELECT w.watch_id, m.id, w.digest FROM m JOIN w ON w.k = m.k
      ORDER BY w.watch_id, m.id
      ON CONFLICT (watch_id, article_id) DO NOTHING
      RETURNING watch_id, article_id
    ),
    batches AS (
      SELECT watch_id, array_agg(article_id ORDER BY article_id) AS ids FROM added GROUP BY watch_id
    ),
    queued AS (
      -- Each article matches a watch once, so the batch's first article names the batch uniquely.
      INSERT INTO watch_deliveries (watch_id, channel, kind, batch_key, article_ids, next_attempt_at)
      SELECT b.watch_id, o.channel, 'MATCHES', 'matches:' || b.ids[1], b.ids, now() + make_interval(secs => o.delay)
      FROM batches b
      JOIN unnest(${channels.map((c) => c.watch)}::int[], ${channels.map((c) => c.channel)}::"WatchChannel"[],
        ${channels.map((c) => c.delay)}::int[]) AS o(watch_id, channel, delay) ON o.watch_id = b.watch_id
      ON CONFLICT (watch_id, channel, batch_key) DO NOTHING
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM added)::int AS matches, (SELECT count(*) FROM queued)::int AS deliveries`);
  return row;
}

/**
 * Matches what the queue holds, a batch per transaction, until it is empty or `budgetMs` has passed (the tick
 * then sends what is due and comes back). Several workers share the queue: a batch's rows are locked until its
 * transaction ends, and others skip them.
 */
export async function matchQueuedArticles(
  options: { db?: QueueDb; budgetMs?: number; batch?: number; now?: Date } = {},
): Promise<MatchRun> {
  const client = options.db ?? db;
  const started = performance.now();
  const run: MatchRun = { articles: 0, matches: 0, deliveries: 0, batches: 0 };
  while (options.budgetMs === undefined || performance.now() - started < options.budgetMs) {
    const done = await matchOneBatch(client, options.batch ?? BATCH, options.now);
    if (!done) break;
    run.articles += done.articles;
    run.matches += done.matches;
    run.deliveries += done.deliveries;
    run.batches++;
  }
  return run;
}

async function matchOneBatch(
  client: QueueDb,
  batch: number,
  now?: Date,
): Promise<(RecordedMatches & { articles: number }) | null> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await client.$transaction(
        async (tx) => {
          // Taken off the queue first, matched after: the deletion commits with the matches, or neither does.
          const taken = await tx.$queryRaw<{ article_id: number }[]>`
            DELETE FROM watch_match_queue
            WHERE id IN (SELECT id FROM watch_match_queue ORDER BY id LIMIT ${batch} FOR UPDATE SKIP LOCKED)
            RETURNING article_id`;
          if (!taken.length) return null;
          const articleIds = [...new Set(taken.map((row) => row.article_id))].sort((a, b) => a - b);
          return { articles: articleIds.length, ...(await recordWatchMatches(tx, articleIds, { now })) };
        },
        { maxWait: 20_000, timeout: 120_000 },
      );
    } catch (error) {
      if (attempt >= ATTEMPTS || !RETRYABLE.has(sqlState(error) ?? "")) throw error;
    }
  }
}
