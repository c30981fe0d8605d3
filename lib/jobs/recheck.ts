import "server-only";
import type PgBoss from "pg-boss";
import { recheckDueArticles, type RecheckOutcome } from "@/lib/ingest/recheck/recheck";
import { RECHECK_QUEUE } from "@/lib/jobs/queues";

// The re-check at the source as a job: every RECHECK_INTERVAL_MS a worker sends one round (a singleton: rounds
// never pile up), and the round re-reads the batch of articles that are due (lib/ingest/recheck).

export const RECHECK_INTERVAL_MS = 30_000;

/** One line for the worker's log: "re-checked 10 pages: 1 updated, 1 gone, 7 unchanged, 1 failed". */
export function describeRecheck(outcomes: RecheckOutcome[]): string {
  const count = (statuses: RecheckOutcome["status"][]) => outcomes.filter((o) => statuses.includes(o.status)).length;
  return `re-checked ${outcomes.length} page${outcomes.length === 1 ? "" : "s"}: ${count(["updated"])} updated, ${count(["gone"])} gone, ${count(["unchanged", "not_modified", "baseline"])} unchanged, ${count(["failed"])} failed`;
}

export async function registerRecheckWorkers(boss: PgBoss, options: { log?: (line: string) => void } = {}) {
  const log = options.log ?? console.log;
  await boss.work(RECHECK_QUEUE, { pollingIntervalSeconds: 2 }, async () => {
    const outcomes = await recheckDueArticles();
    if (outcomes.length) log(describeRecheck(outcomes));
    for (const outcome of outcomes)
      if (outcome.status === "updated" || outcome.status === "gone")
        log(
          `  article ${outcome.articleId}: ${outcome.status === "updated" ? `version ${outcome.version}` : `gone (HTTP ${outcome.httpStatus})`}`,
        );
    return { checked: outcomes.length };
  });
  const round = () =>
    boss
      .send(RECHECK_QUEUE, {}, { singletonKey: "round" })
      .catch((error: unknown) =>
        log(`sending a re-check round failed: ${error instanceof Error ? error.message : error}`),
      );
  await round();
  const timer = setInterval(() => void round(), RECHECK_INTERVAL_MS);
  boss.once("stopped", () => clearInterval(timer));
}
