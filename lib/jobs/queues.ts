// Names and settings of the job queues, shared by the worker, the web process (which only sends) and the
// sources page (which reads the queue's state to show whether a worker is alive).

/** PostgreSQL schema of pg-boss's tables, apart from the app's own. */
export const BOSS_SCHEMA = "pgboss";

/** Every minute: finds the feed sources due for a poll and queues one poll job for each. */
export const FEED_TICK_QUEUE = "feeds.tick";
/** Polls one feed source. */
export const FEED_POLL_QUEUE = "feeds.poll";

export type FeedPollJob = { sourceId: number; force?: boolean; triggeredById?: number | null };

/** At most one poll job waits per source: a second request while one waits is the same request. */
export function feedPollSingletonKey(sourceId: number): string {
  return `source-${sourceId}`;
}

/** Every 30 seconds: re-checks a batch of stored articles due at their source (lib/ingest/recheck). */
export const RECHECK_QUEUE = "articles.recheck";
