import "server-only";
import type PgBoss from "pg-boss";
import { createBoss, startBoss } from "@/lib/jobs/boss";
import { FEED_POLL_QUEUE, feedPollSingletonKey, type FeedPollJob } from "@/lib/jobs/queues";

// The web process's side of the queue: it sends jobs, a worker (`npm run worker`) works them.

const globalForBoss = globalThis as unknown as { presswatchSender?: Promise<PgBoss> };

function sender(): Promise<PgBoss> {
  globalForBoss.presswatchSender ??= startBoss(createBoss("sender")).catch((error: unknown) => {
    // Let the next request try again rather than replaying this failure forever.
    globalForBoss.presswatchSender = undefined;
    throw error;
  });
  return globalForBoss.presswatchSender;
}

export type PollQueueCounts = {
  /** Polls no worker has started yet. */
  waiting: number;
  /** Polls not finished: waiting, retrying, or taken by a worker (which may not have marked its source yet). */
  unfinished: number;
};

/** The feed-poll queue's jobs that are still to start and still to finish. */
export async function countQueuedPolls(): Promise<PollQueueCounts> {
  const boss = await sender();
  const [waiting, unfinished] = await Promise.all([
    boss.getQueueSize(FEED_POLL_QUEUE),
    boss.getQueueSize(FEED_POLL_QUEUE, { before: "completed" }),
  ]);
  return { waiting, unfinished };
}

/** Queues an immediate poll of a feed source; `queued` is false when a poll of it is already waiting. */
export async function sendFeedPoll(
  sourceId: number,
  options: { triggeredById?: number | null } = {},
): Promise<{ queued: boolean }> {
  const boss = await sender();
  const data: FeedPollJob = { sourceId, force: true, triggeredById: options.triggeredById ?? null };
  const id = await boss.send(FEED_POLL_QUEUE, data, { singletonKey: feedPollSingletonKey(sourceId) });
  return { queued: id !== null };
}
