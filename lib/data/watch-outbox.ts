import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { matchNewArticles, type LiveWatch } from "@/lib/search/watch-match";
import type { SqlClient } from "@/lib/search/text-strategy";

// The write side of watches in the ingest transaction: the new articles' matches, and the outbox rows of the
// messages they cause (an immediate email, a webhook call). One outbox row per watch and channel per chunk,
// however many of the chunk's articles matched: the delivery job sends a watch's pending rows of a channel as
// one message. Digest matches wait on the match row (digest_pending) for the digest tick.

export type WatchOutboxClient = SqlClient & { $executeRaw(query: Prisma.Sql): PromiseLike<number> };

export type RecordedMatches = { matches: number; deliveries: number };

export async function recordWatchMatches(
  tx: WatchOutboxClient,
  articleIds: number[],
  options: { now?: Date; watches?: LiveWatch[] } = {},
): Promise<RecordedMatches> {
  const { matches, watches } = await matchNewArticles(tx, articleIds, options);
  if (!matches.length) return { matches: 0, deliveries: 0 };
  const byWatch = new Map<number, number[]>();
  for (const { watchId, articleId } of matches) {
    const list = byWatch.get(watchId);
    if (list) list.push(articleId);
    else byWatch.set(watchId, [articleId]);
  }
  const rows: {
    watch_id: number;
    channel: "EMAIL" | "WEBHOOK";
    batch_key: string;
    article_ids: number[];
    delay: number;
  }[] = [];
  const batchSeconds = env().WATCH_BATCH_SECONDS;
  for (const watch of watches) {
    const ids = byWatch.get(watch.id);
    if (!ids) continue;
    ids.sort((a, b) => a - b);
    // Each article matches a watch once, so the batch's first article names the batch uniquely.
    const batchKey = `matches:${ids[0]}`;
    // Immediate email waits out the batch window, so a minute's chunks become one message.
    if (watch.immediateEmail)
      rows.push({ watch_id: watch.id, channel: "EMAIL", batch_key: batchKey, article_ids: ids, delay: batchSeconds });
    if (watch.webhook)
      rows.push({ watch_id: watch.id, channel: "WEBHOOK", batch_key: batchKey, article_ids: ids, delay: 0 });
  }
  if (rows.length) {
    await tx.$executeRaw(Prisma.sql`
      INSERT INTO watch_deliveries (watch_id, channel, kind, batch_key, article_ids, next_attempt_at)
      SELECT r.watch_id, r.channel, 'MATCHES', r.batch_key, r.article_ids, now() + make_interval(secs => r.delay)
      FROM json_to_recordset(${JSON.stringify(rows)}::json)
        AS r(watch_id int, channel "WatchChannel", batch_key text, article_ids int[], delay int)
      ON CONFLICT (watch_id, channel, batch_key) DO NOTHING`);
  }
  return { matches: matches.length, deliveries: rows.length };
}
