import "server-only";
import type PgBoss from "pg-boss";
import { listDueFeedSourceIds } from "@/lib/data/sources";
import { pollSource, type PollResult } from "@/lib/ingest/feed/poll";
import { randomBytes } from "node:crypto";
import os from "node:os";
import { recordWorkerHeartbeat } from "@/lib/data/workers";
import { markInterruptedRuns } from "@/lib/ingest/runs";
import { FEED_POLL_QUEUE, FEED_TICK_QUEUE, feedPollSingletonKey, type FeedPollJob } from "@/lib/jobs/queues";

// The feed worker's two jobs: a tick every 15 seconds that queues a poll for each due source (and marks runs
// whose process died as interrupted), and the poll. The tick's completion is also the worker's heartbeat (see
// lib/data/workers.ts). Every worker sends ticks; the singleton key keeps one waiting.

export const TICK_INTERVAL_MS = 15_000;

/** Queues one poll per due source; a source with a poll already waiting gets no second one. Returns how many were due. */
export async function enqueueDueFeedPolls(boss: PgBoss): Promise<number> {
  const ids = await listDueFeedSourceIds();
  if (ids.length === 0) return 0;
  await boss.insert(
    ids.map((sourceId) => ({
      name: FEED_POLL_QUEUE,
      data: { sourceId } satisfies FeedPollJob,
      singletonKey: feedPollSingletonKey(sourceId),
    })),
  );
  return ids.length;
}

/** One line for the worker's log: "polled KCNA feed: 3 new, 22 duplicates, 0 failed (1.2 s)". */
export function describePoll(result: PollResult): string {
  if (result.status === "skipped") return `skipped source ${result.sourceId}: ${result.reason}`;
  const took = `(${(result.durationMs / 1000).toFixed(1)} s)`;
  if (result.status === "not_modified") return `polled ${result.sourceName}: not modified ${took}`;
  if (result.status === "failed" && result.fetched === 0)
    return `poll of ${result.sourceName} failed: ${result.message} ${took}`;
  return `polled ${result.sourceName}: ${result.created} new, ${result.duplicates} duplicates, ${result.failed} failed ${took}`;
}

export type FeedWorkerOptions = {
  /** Polls worked at once by this process; other processes add their own. */
  concurrency?: number;
  log?: (line: string) => void;
};

/** Registers the tick (scheduled every minute) and the poll handlers on a started worker instance. */
export async function registerFeedWorkers(boss: PgBoss, options: FeedWorkerOptions = {}): Promise<void> {
  const log = options.log ?? console.log;
  const self = { id: `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`, startedAt: new Date() };
  await boss.work(FEED_TICK_QUEUE, { pollingIntervalSeconds: 2 }, async () => {
    await recordWorkerHeartbeat(self);
    const interrupted = await markInterruptedRuns();
    if (interrupted)
      log(`marked ${interrupted} run${interrupted === 1 ? "" : "s"} interrupted (their process stopped)`);
    const due = await enqueueDueFeedPolls(boss);
    return { due, interrupted };
  });
  for (let lane = 0; lane < Math.max(1, options.concurrency ?? 2); lane++) {
    await boss.work<FeedPollJob>(FEED_POLL_QUEUE, { pollingIntervalSeconds: 1 }, async (jobs) => {
      const results: PollResult[] = [];
      for (const job of jobs) {
        try {
          const result = await pollSource(job.data.sourceId, {
            force: job.data.force,
            triggeredById: job.data.triggeredById,
          });
          log(describePoll(result));
          results.push(result);
        } catch (error) {
          log(
            `poll of source ${job.data.sourceId} failed unexpectedly: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
          );
          throw error;
        }
      }
      return { results: results.map(({ status, sourceId }) => ({ status, sourceId })) };
    });
  }
  const tick = () =>
    boss
      .send(FEED_TICK_QUEUE, {}, { singletonKey: "tick" })
      .catch((error: unknown) => log(`sending a tick failed: ${error instanceof Error ? error.message : error}`));
  // Ticks used to come from a pg-boss cron schedule (once a minute): it is replaced by the timer below.
  await boss.unschedule(FEED_TICK_QUEUE);
  // Now, without waiting: a worker that just started polls what is due, and shows it is alive.
  await boss.send(FEED_TICK_QUEUE, {}, { singletonKey: "tick" });
  const timer = setInterval(() => void tick(), TICK_INTERVAL_MS);
  boss.once("stopped", () => clearInterval(timer));
}
