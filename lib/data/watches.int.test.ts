import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createView, deleteView, setViewShared } from "@/lib/data/views";
import { matchQueuedArticles } from "@/lib/data/watch-outbox";
import {
  getWatch,
  listMyWatches,
  listWatchCounts,
  markWatchSeen,
  saveWatch,
  unseenArticleIds,
  unwatch,
} from "@/lib/data/watches";
import type { Actor } from "@/lib/data/actor";
import { NotFoundError } from "@/lib/errors";
import { storeArticles, type IngestItem } from "@/lib/ingest/store";
import { matchingArticleIds } from "@/lib/search/matching-ids";
import { parseArticleFilter } from "@/lib/validation/article-filter";
import { createTestSource, createTestUsers, deleteTestUsers, randomTag } from "@/test/factories";

// Watches against the real ingest store and the worker's matching of what it queued: matches exactly for what the
// desk's own filter SQL selects, once per watch and article; outbox rows appear per watch, channel and batch.

const TAG = randomTag("watch-");
const WORD = randomTag("", "letters");
const OTHER = randomTag("", "letters");

let users: Record<"analyst" | "analyst2" | "viewer", Actor>;
let source: { id: number; name: string };
let seq = 0;

function item(text: string, day = 1): IngestItem {
  seq += 1;
  return {
    title: `${text} report ${seq} ${TAG}`,
    body: `Pyongyang (KCNA) -- ${text} was discussed at length on day ${day}, story ${seq} of ${TAG}.`,
    publishedAt: new Date(Date.UTC(2093, 2, day, 9)),
    source: source.name,
    url: `https://watch-test.example/${TAG}/${seq}`,
  };
}

/** Stored, then matched as the worker's next tick matches them. */
async function store(items: IngestItem[]): Promise<number[]> {
  const outcomes = await storeArticles(items);
  await matchQueuedArticles();
  return outcomes.filter((o) => o.status === "created").map((o) => o.articleId!);
}

async function matchesOf(watchId: number): Promise<number[]> {
  const rows = await db.watchMatch.findMany({
    where: { watchId },
    select: { articleId: true },
    orderBy: { articleId: "asc" },
  });
  return rows.map((row) => row.articleId);
}

describe("watches", () => {
  beforeAll(async () => {
    const made = await createTestUsers(TAG, { analyst: "ANALYST", analyst2: "ANALYST", viewer: "VIEWER" });
    users = {
      analyst: { id: made.analyst.id, role: "ANALYST" },
      analyst2: { id: made.analyst2.id, role: "ANALYST" },
      viewer: { id: made.viewer.id, role: "VIEWER" },
    };
    source = await createTestSource(TAG, "Watch wire");
  });
  afterAll(async () => {
    await db.article.deleteMany({ where: { sourceId: source.id } });
    await deleteTestUsers(TAG);
    await db.source.delete({ where: { id: source.id } });
  });

  it("matches new articles as the desk's filter does, once each", async () => {
    const view = await createView({ name: `Word ${TAG}`, query: `q=${WORD}` }, users.analyst);
    const watch = await saveWatch(view.id, { email: true, webhookUrl: "https://hooks.example/x" }, users.analyst);
    expect(watch.webhookSecret).toMatch(/^[0-9a-f]{48}$/);
    const created = await store([item(WORD), item(OTHER), item(`${WORD} and ${OTHER}`), item("nothing")]);
    expect(created).toHaveLength(4);

    const { filter } = parseArticleFilter(view.query);
    const desk = await matchingArticleIds(db, { ...filter, sources: [source.id] }, 100);
    expect(desk.ids.length).toBe(2);
    expect(await matchesOf(watch.id)).toEqual([...desk.ids].sort((a, b) => a - b));

    // One outbox row per channel for the batch, holding both articles.
    const deliveries = await db.watchDelivery.findMany({ where: { watchId: watch.id }, orderBy: { channel: "asc" } });
    expect(deliveries.map((d) => [d.channel, d.kind, d.status, [...d.articleIds].sort()])).toEqual([
      ["EMAIL", "MATCHES", "PENDING", [...desk.ids].sort()],
      ["WEBHOOK", "MATCHES", "PENDING", [...desk.ids].sort()],
    ]);

    // The same stories again are duplicates: no new match, no new message.
    await store([item(WORD)].map((i) => ({ ...i, url: `https://watch-test.example/${TAG}/1` })));
    expect((await matchesOf(watch.id)).length).toBe(2);
    expect(await db.watchDelivery.count({ where: { watchId: watch.id } })).toBe(2);
  });

  it("counts new matches per watched view until marked seen, and marks the new rows", async () => {
    const view = await createView({ name: `Source ${TAG}`, query: `source=${source.id}&q=${OTHER}` }, users.analyst);
    await saveWatch(view.id, {}, users.analyst);
    const created = await store([item(OTHER), item(OTHER), item(WORD)]);
    const counts = await listWatchCounts(users.analyst);
    expect(counts.find((c) => c.viewId === view.id)?.unseen).toBe(2);
    // The desk's rail reads the same count with the watch itself.
    expect((await listMyWatches(users.analyst))[view.id]?.unseen).toBe(2);
    const unseen = await unseenArticleIds(view.id, users.analyst, created);
    expect([...unseen].sort()).toEqual(created.slice(0, 2).sort());
    // Nothing by email or webhook was asked for: no outbox rows.
    expect(await db.watchDelivery.count({ where: { watch: { viewId: view.id } } })).toBe(0);

    expect(await markWatchSeen(view.id, users.analyst)).toEqual({ marked: 2 });
    expect((await listWatchCounts(users.analyst)).find((c) => c.viewId === view.id)?.unseen).toBe(0);
    expect((await listMyWatches(users.analyst))[view.id]?.unseen).toBe(0);
    const watch = await getWatch(view.id, users.analyst);
    expect(watch?.lastSeenAt).toBeInstanceOf(Date);
    expect((await db.watch.findUniqueOrThrow({ where: { id: watch!.id } })).lastSeenArticleId).toBe(
      Math.max(...created.slice(0, 2)),
    );
  });

  it("watches only views the user may see, and stops with the view, the sharing or the account", async () => {
    const shared = await createView({ name: `Team ${TAG}`, query: `q=${WORD}`, shared: true }, users.analyst2);
    const privateView = await createView({ name: `Mine ${TAG}`, query: `q=${WORD}` }, users.analyst2);
    await expect(saveWatch(privateView.id, {}, users.viewer)).rejects.toBeInstanceOf(NotFoundError);
    const viewerWatch = await saveWatch(shared.id, {}, users.viewer);
    const ownerWatch = await saveWatch(shared.id, { email: true, emailFrequency: "DAILY" }, users.analyst2);

    await store([item(WORD)]);
    expect((await matchesOf(viewerWatch.id)).length).toBe(1);
    // A digest watch's matches wait on the match row, not in the outbox.
    expect(await db.watchMatch.count({ where: { watchId: ownerWatch.id, digestPending: true } })).toBe(1);
    expect(await db.watchDelivery.count({ where: { watchId: ownerWatch.id } })).toBe(0);

    await setViewShared(shared.id, false, users.analyst2);
    await store([item(WORD)]);
    expect((await matchesOf(viewerWatch.id)).length).toBe(1);
    expect((await matchesOf(ownerWatch.id)).length).toBe(2);

    await db.user.update({ where: { id: users.analyst2.id }, data: { active: false } });
    await store([item(WORD)]);
    expect((await matchesOf(ownerWatch.id)).length).toBe(2);
    await db.user.update({ where: { id: users.analyst2.id }, data: { active: true } });

    await deleteView(shared.id, users.analyst2);
    expect(await db.watch.count({ where: { id: { in: [viewerWatch.id, ownerWatch.id] } } })).toBe(0);
    expect(await db.watchMatch.count({ where: { watchId: { in: [viewerWatch.id, ownerWatch.id] } } })).toBe(0);

    const again = await createView({ name: `Again ${TAG}`, query: `q=${WORD}` }, users.viewer);
    await saveWatch(again.id, {}, users.viewer);
    expect(await unwatch(again.id, users.viewer)).toBe(true);
    expect(await getWatch(again.id, users.viewer)).toBeNull();
  });
});
