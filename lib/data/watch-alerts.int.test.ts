import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createDailyAlerts } from "@/lib/data/watch-alerts";
import { createTestSource, createTestUsers, deleteTestUsers, insertTestArticles, randomTag } from "@/test/factories";

// The daily spike and silence check on generated volume with known answers: 28 days alternating 4 and 6
// matches (mean 5, sd 1, threshold 8 with k = 3), then a day of 9 for one watch (a spike) and 8 for another
// (none); one watch silent for 22 days (alert, linking its last match), one for 20 (none).

const TAG = randomTag("alerts-");
const NOW = new Date("2096-03-01T12:00:00Z");
const DAY = 86_400_000;
let sourceId = 0;
const watchIds: Record<"spike" | "calm" | "silent" | "recent", number> = { spike: 0, calm: 0, silent: 0, recent: 0 };
let lastSilentArticle = 0;

describe("daily watch alerts", () => {
  beforeAll(async () => {
    const { analyst } = await createTestUsers(TAG, { analyst: "ANALYST" });
    sourceId = (await createTestSource(TAG, "Alert wire")).id;
    const yesterday = Date.UTC(2096, 1, 29); // the day before NOW (2096 is a leap year)
    const days = Array.from({ length: 28 }, (_, i) => ({ day: yesterday - (i + 1) * DAY, n: i % 2 ? 6 : 4 }));
    days.push({ day: yesterday, n: 9 });
    const articles = days.flatMap(({ day, n }) =>
      Array.from({ length: n }, (_, k) => ({ key: `${day}-${k}`, publishedAt: new Date(day + (k + 1) * 60_000) })),
    );
    const rows = await insertTestArticles(TAG, sourceId, articles);
    for (const key of Object.keys(watchIds) as (keyof typeof watchIds)[]) {
      const view = await db.savedView.create({ data: { ownerId: analyst.id, name: `${key} ${TAG}`, query: "q=x" } });
      const watch = await db.watch.create({
        data: {
          userId: analyst.id,
          viewId: view.id,
          email: true,
          spike: key === "spike" || key === "calm",
          silenceDays: key === "silent" || key === "recent" ? 21 : null,
          createdAt: new Date(NOW.getTime() - 90 * DAY),
        },
      });
      watchIds[key] = watch.id;
    }
    const yesterdays = rows.filter((row) => row.publishedAt.getTime() >= yesterday);
    const before = rows.filter((row) => row.publishedAt.getTime() < yesterday);
    const match = (watchId: number, ids: number[], matchedAt = NOW) =>
      db.watchMatch.createMany({ data: ids.map((articleId) => ({ watchId, articleId, matchedAt })) });
    await match(
      watchIds.spike,
      rows.map((row) => row.id),
    );
    await match(
      watchIds.calm,
      [...before, ...yesterdays.slice(0, 8)].map((row) => row.id),
    );
    await match(watchIds.silent, [rows[0].id], new Date(NOW.getTime() - 23 * DAY));
    await match(watchIds.silent, [rows[1].id], new Date(NOW.getTime() - 22 * DAY));
    lastSilentArticle = rows[1].id;
    await match(watchIds.recent, [rows[2].id], new Date(NOW.getTime() - 20 * DAY));
  });
  afterAll(async () => {
    await db.article.deleteMany({ where: { sourceId } });
    await deleteTestUsers(TAG);
    await db.source.delete({ where: { id: sourceId } });
  });

  it("writes one spike and one silence alert with their numbers, once", async () => {
    await createDailyAlerts(NOW);
    await createDailyAlerts(NOW);
    const rows = await db.watchDelivery.findMany({
      where: { watchId: { in: Object.values(watchIds) } },
      orderBy: { watchId: "asc" },
    });
    expect(rows.map((row) => [row.watchId, row.kind, row.channel, row.batchKey])).toEqual([
      [watchIds.spike, "SPIKE", "EMAIL", "spike:2096-02-29"],
      [watchIds.silent, "SILENCE", "EMAIL", `silence:${lastSilentArticle}`],
    ]);
    expect(rows[0].payload).toEqual({ day: "2096-02-29", count: 9, mean: 5, sd: 1, threshold: 8, k: 3 });
    expect(rows[0].articleIds).toHaveLength(9);
    expect(rows[1].payload).toMatchObject({ days: 22, lastArticleId: lastSilentArticle });
    expect(rows[1].articleIds).toEqual([lastSilentArticle]);
  });
});
