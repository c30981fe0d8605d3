import { randomBytes } from "node:crypto";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getWorkerStatus } from "@/lib/data/workers";
import { countQueuedPolls } from "@/lib/jobs/send";
import { createBoss, startBoss } from "@/lib/jobs/boss";
import { registerFeedWorkers } from "@/lib/jobs/feeds";
import { FEED_POLL_QUEUE, FEED_TICK_QUEUE } from "@/lib/jobs/queues";
import { sendFeedPoll } from "@/lib/jobs/send";
import { FeedFixtureServer, rssFeed } from "@/test/support/feed-fixture-server";

// A real pg-boss worker on the run's database, polling a local fixture server.

process.env.PRESSWATCH_ALLOW_PRIVATE_FETCH = "1";

const TAG = randomBytes(4).toString("hex");
let server: FeedFixtureServer;
let worker: PgBoss | undefined;
const logLines: string[] = [];

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function storyFeed(name: string, count: number) {
  return rssFeed(
    Array.from({ length: count }, (_, i) => ({
      title: `[${TAG}] ${name} ${i}`,
      link: `${server.origin}/pages/${name}-${TAG}/${i}`,
      content: `<p>${name} ${i}: the whole story is in the feed.</p><p>${`Words of ${name} story ${i} repeat. `.repeat(15)}</p>`,
    })),
  );
}

async function createSource(name: string, feed: Buffer, due: boolean) {
  const url = server.serve(`/feeds/${TAG}/${name}.rss`, { body: feed, contentType: "application/rss+xml" });
  return db.source.create({
    data: { name: `${name} ${TAG}`, kind: "FEED", url, nextPollAt: due ? null : new Date(Date.now() + 3_600_000) },
  });
}

beforeAll(async () => {
  server = await new FeedFixtureServer().start();
  worker = await startBoss(createBoss("worker"), (line) => logLines.push(line));
  await registerFeedWorkers(worker, { concurrency: 2, log: (line) => logLines.push(line) });
});

afterAll(async () => {
  await worker?.stop({ graceful: true, wait: true, timeout: 5_000 });
  const sender = await (globalThis as { presswatchSender?: Promise<PgBoss> }).presswatchSender;
  await sender?.stop({ wait: true, timeout: 5_000 });
  await server.stop();
});

describe("the feed worker", () => {
  it("works a feeds.poll job sent by the web side: the articles arrive and the run is recorded", async () => {
    const source = await createSource("Sent", storyFeed("Sent", 4), false);
    expect(await sendFeedPoll(source.id)).toEqual({ queued: true });
    const run = await waitFor("the poll's run", () =>
      db.ingestRun.findFirst({ where: { sourceId: source.id, finishedAt: { not: null } } }),
    );
    expect(run).toMatchObject({ kind: "FEED", status: "SUCCEEDED", fetched: 4, created: 4, failed: 0 });
    expect(await db.article.count({ where: { sourceId: source.id } })).toBe(4);
    expect(logLines).toContainEqual(
      expect.stringMatching(new RegExp(`^polled Sent ${TAG}: 4 new, 0 duplicates, 0 failed \\(\\d+\\.\\d s\\)$`)),
    );
  });

  it("polls due sources on the tick, and the completed tick is the worker's heartbeat", async () => {
    const due = await createSource("Due", storyFeed("Due", 3), true);
    const later = await createSource("Later", storyFeed("Later", 2), false);
    await worker!.send(FEED_TICK_QUEUE, {});
    await waitFor(
      "the due source's articles",
      async () => (await db.article.count({ where: { sourceId: due.id } })) === 3,
    );
    expect(await db.ingestRun.count({ where: { sourceId: later.id } })).toBe(0);
    const after = await db.source.findUniqueOrThrow({ where: { id: due.id } });
    expect(after.nextPollAt!.getTime()).toBeGreaterThan(Date.now() + 25 * 60_000);

    const status = await waitFor("a completed tick", async () => {
      const current = await getWorkerStatus();
      return current.running ? current : null;
    });
    expect(Date.now() - status.lastSeenAt!.getTime()).toBeLessThan(60_000);
  });

  it("keeps one waiting poll per source, and shows waiting polls when no worker takes them", async () => {
    await worker!.stop({ graceful: true, wait: true, timeout: 5_000 });
    worker = undefined;
    const source = await createSource("Queued", storyFeed("Queued", 1), false);
    expect(await sendFeedPoll(source.id)).toEqual({ queued: true });
    expect(await sendFeedPoll(source.id)).toEqual({ queued: false });
    const counts = await countQueuedPolls();
    expect(counts.waiting).toBeGreaterThanOrEqual(1);
    expect(counts.unfinished).toBeGreaterThanOrEqual(counts.waiting);

    // A worker that has taken the job but not yet marked its source: no longer waiting, still unfinished, so the
    // sources page keeps refreshing through that gap.
    const sender = await (globalThis as { presswatchSender?: Promise<PgBoss> }).presswatchSender;
    const before = await countQueuedPolls();
    const [taken] = await sender!.fetch(FEED_POLL_QUEUE);
    expect(taken).toBeDefined();
    expect(await countQueuedPolls()).toEqual({ waiting: before.waiting - 1, unfinished: before.unfinished });

    // Leave no job behind for a later worker on this database.
    await sender!.complete(FEED_POLL_QUEUE, taken!.id);
    await sender!.purgeQueue(FEED_POLL_QUEUE);
    expect(await countQueuedPolls()).toEqual({ waiting: 0, unfinished: 0 });
  });
});
