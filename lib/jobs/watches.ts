import "server-only";
import { randomBytes } from "node:crypto";
import os from "node:os";
import type PgBoss from "pg-boss";
import { runWatchTick } from "@/lib/watches/tick";

// The watches' job: a tick every TICK_MS from each worker (a singleton key keeps one waiting) that matches newly
// stored articles, gathers due digests and alerts and sends what the outbox holds. Both are safe with several
// workers: queued articles are taken with SKIP LOCKED (lib/data/watch-outbox.ts) and outbox rows are claimed
// under a lease (lib/data/watch-deliveries.ts), not by the job.

export const WATCH_TICK_QUEUE = "watches.tick";
const TICK_MS = 5_000;

export async function registerWatchWorkers(boss: PgBoss, options: { log?: (line: string) => void } = {}) {
  const log = options.log ?? console.log;
  const owner = `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  if (!(await boss.getQueue(WATCH_TICK_QUEUE)))
    await boss.createQueue(WATCH_TICK_QUEUE, {
      name: WATCH_TICK_QUEUE,
      policy: "short",
      retryLimit: 0,
      expireInSeconds: 300,
    });
  await boss.work(WATCH_TICK_QUEUE, { pollingIntervalSeconds: 1 }, async () => {
    const run = await runWatchTick({ owner, log });
    if (run.matched.articles)
      log(
        `watches: ${run.matched.articles} articles matched, ${run.matched.matches} matches, ${run.matched.deliveries} messages queued`,
      );
    if (run.sent || run.failed || run.digests)
      log(`watches: ${run.sent} sent, ${run.retried} to retry, ${run.failed} failed, ${run.digests} digests gathered`);
    return run;
  });
  const tick = () =>
    boss
      .send(WATCH_TICK_QUEUE, {}, { singletonKey: "tick" })
      .catch((error: unknown) => log(`sending a watch tick failed: ${error instanceof Error ? error.message : error}`));
  await tick();
  const timer = setInterval(() => void tick(), TICK_MS);
  boss.once("stopped", () => clearInterval(timer));
}
