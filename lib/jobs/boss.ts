import "server-only";
import PgBoss from "pg-boss";
import { BOSS_SCHEMA, FEED_POLL_QUEUE, FEED_TICK_QUEUE, RECHECK_QUEUE } from "@/lib/jobs/queues";
import { env } from "@/lib/env";

// pg-boss keeps its queue in the app's PostgreSQL, in its own schema: any number of workers on any
// number of machines share it safely (SKIP LOCKED), and the web process can enqueue without a broker.

export type BossRole = "worker" | "sender";

/**
 * A pg-boss instance. A worker also runs the cron clock and queue maintenance; a sender (the web
 * process) only inserts jobs, so a web server never works a job, whatever else it does.
 */
export function createBoss(role: BossRole, connectionString = env().DATABASE_URL): PgBoss {
  if (!connectionString)
    throw new Error("DATABASE_URL is not set: resolve the database before starting the job queue.");
  return new PgBoss({
    connectionString,
    schema: BOSS_SCHEMA,
    application_name: `presswatch-${role}`,
    max: role === "worker" ? 4 : 2,
    schedule: role === "worker",
    supervise: role === "worker",
    // Expired jobs (their worker died) are found this often, so interrupted work resumes within a minute.
    maintenanceIntervalSeconds: 5,
  });
}

/** Starts the instance (installing or upgrading its schema if needed) and makes sure the app's queues exist. */
export async function startBoss(boss: PgBoss, log: (line: string) => void = console.error): Promise<PgBoss> {
  // An unhandled 'error' event would end the process: a lost connection is logged and pg-boss retries.
  boss.on("error", (error) => log(`job queue: ${error.message}`));
  await boss.start();
  await ensureQueues(boss);
  return boss;
}

async function ensureQueues(boss: PgBoss): Promise<void> {
  // "short": a queued job with the same singleton key makes a new one a no-op, so ticks and "Poll now"
  // clicks never pile up duplicate polls of a source. Polls are not retried: pollSource records the
  // failure and backs the source off itself; the next tick tries again when it is due.
  await boss.createQueue(FEED_TICK_QUEUE, {
    name: FEED_TICK_QUEUE,
    policy: "short",
    retryLimit: 0,
    expireInSeconds: 120,
  });
  // A poll's own lease (renewed while it runs, POLL_LEASE_MS) is what lets the next tick replace a dead
  // poll; the job's expiry only has to outlast the longest live poll (its page budget).
  // One round of re-checks waits at a time; a round claims its articles with a lease, so a dead worker's
  // articles are due again once the lease runs out (lib/ingest/recheck/schedule.ts).
  await boss.createQueue(RECHECK_QUEUE, {
    name: RECHECK_QUEUE,
    policy: "short",
    retryLimit: 0,
    expireInSeconds: 15 * 60,
  });
  await boss.createQueue(FEED_POLL_QUEUE, {
    name: FEED_POLL_QUEUE,
    policy: "short",
    retryLimit: 0,
    expireInSeconds: 15 * 60,
  });
}
