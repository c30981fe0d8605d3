import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { BASELINE_DAYS, detectSilence, detectSpike } from "@/lib/watches/alerts";

// The daily spike and silence check (lib/watches/alerts.ts decides; this reads the counts and writes the outbox
// rows). A day is a UTC day of the matched articles' publication. Each alert's batch key (the day of a spike,
// the last match of a silence) makes it once, however often the check runs.

type AlertWatch = {
  id: number;
  spike: boolean;
  spikeK: number;
  spikeMinCount: number;
  silenceDays: number | null;
  email: boolean;
  webhookUrl: string | null;
  createdAt: Date;
};

const DAY_MS = 86_400_000;

export async function createDailyAlerts(now = new Date()): Promise<{ spikes: number; silences: number }> {
  const watches: AlertWatch[] = await db.watch.findMany({
    where: {
      OR: [{ spike: true }, { silenceDays: { not: null } }],
      AND: [{ OR: [{ email: true }, { webhookUrl: { not: null } }] }],
      user: { active: true },
    },
    select: {
      id: true,
      spike: true,
      spikeK: true,
      spikeMinCount: true,
      silenceDays: true,
      email: true,
      webhookUrl: true,
      createdAt: true,
    },
  });
  if (!watches.length) return { spikes: 0, silences: 0 };
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  const from = new Date(today - (BASELINE_DAYS + 1) * DAY_MS);
  const ids = watches.map((watch) => watch.id);
  const counts = await db.$queryRaw<{ watch_id: number; day: Date; n: number; ids: number[] }[]>(Prisma.sql`
    SELECT m.watch_id, date_trunc('day', a.published_at, 'UTC') AS day, count(*)::int AS n,
      (array_agg(a.id ORDER BY a.published_at DESC))[1:50] AS ids
    FROM watch_matches m JOIN articles a ON a.id = m.article_id
    WHERE m.watch_id = ANY(${ids}::int[]) AND a.published_at >= ${from} AND a.published_at < ${new Date(today)}
    GROUP BY 1, 2`);
  const last = await db.$queryRaw<
    { watch_id: number; article_id: number; title: string; matched_at: Date }[]
  >(Prisma.sql`
    SELECT DISTINCT ON (m.watch_id) m.watch_id, m.article_id, a.title, m.matched_at
    FROM watch_matches m JOIN articles a ON a.id = m.article_id
    WHERE m.watch_id = ANY(${ids}::int[])
    ORDER BY m.watch_id, m.matched_at DESC, m.id DESC`);
  const lastOf = new Map(last.map((row) => [row.watch_id, row]));
  const perDay = new Map<string, { n: number; ids: number[] }>();
  for (const row of counts) perDay.set(`${row.watch_id}:${row.day.getTime()}`, { n: row.n, ids: row.ids });

  const rows: Prisma.WatchDeliveryCreateManyInput[] = [];
  let spikes = 0;
  let silences = 0;
  const yesterday = today - DAY_MS;
  for (const watch of watches) {
    const channels = [
      ...(watch.email ? (["EMAIL"] as const) : []),
      ...(watch.webhookUrl ? (["WEBHOOK"] as const) : []),
    ];
    if (watch.spike) {
      const baseline = Array.from(
        { length: BASELINE_DAYS },
        (_, i) => perDay.get(`${watch.id}:${yesterday - (i + 1) * DAY_MS}`)?.n ?? 0,
      );
      const day = perDay.get(`${watch.id}:${yesterday}`);
      const result = detectSpike(day?.n ?? 0, baseline, { k: watch.spikeK, minCount: watch.spikeMinCount });
      if (result.spike) {
        spikes++;
        const dayText = new Date(yesterday).toISOString().slice(0, 10);
        const payload = {
          day: dayText,
          count: result.count,
          mean: result.mean,
          sd: result.sd,
          threshold: result.threshold,
          k: watch.spikeK,
        };
        for (const channel of channels)
          rows.push({
            watchId: watch.id,
            channel,
            kind: "SPIKE",
            batchKey: `spike:${dayText}`,
            articleIds: day?.ids ?? [],
            payload,
          });
      }
    }
    if (watch.silenceDays) {
      const lastMatch = lastOf.get(watch.id);
      const result = detectSilence(lastMatch?.matched_at ?? watch.createdAt, now, watch.silenceDays);
      if (result.silent) {
        silences++;
        const payload = {
          days: result.days,
          lastArticleId: lastMatch?.article_id ?? null,
          lastTitle: lastMatch?.title ?? null,
          lastMatchAt: lastMatch?.matched_at.toISOString() ?? null,
        };
        for (const channel of channels)
          rows.push({
            watchId: watch.id,
            channel,
            kind: "SILENCE",
            batchKey: `silence:${lastMatch?.article_id ?? "never"}`,
            articleIds: lastMatch ? [lastMatch.article_id] : [],
            payload,
          });
      }
    }
  }
  if (rows.length) await db.watchDelivery.createMany({ data: rows, skipDuplicates: true });
  return { spikes, silences };
}
