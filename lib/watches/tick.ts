import "server-only";
import { gatherDigest, listDigestWatches } from "@/lib/data/watch-deliveries";
import { createDailyAlerts } from "@/lib/data/watch-alerts";
import { matchQueuedArticles, type MatchRun } from "@/lib/data/watch-outbox";
import { runWatchDeliveries, type DeliveryRun } from "@/lib/watches/deliver";
import { digestPeriodStart } from "@/lib/watches/schedule";

// One tick of the watches' clock (every few seconds in each worker): match the articles stored since (up to
// MATCH_BUDGET_MS of them: a large import's backlog takes several ticks, and sending goes on meanwhile), gather
// the digests whose period has ended, check spikes and silences (at most once an hour per process: they are
// daily alerts), then send what is due.

const ALERTS_EVERY_MS = 3_600_000;
const MATCH_BUDGET_MS = 20_000;
let alertsCheckedAt = 0;

export async function gatherDueDigests(now = new Date()): Promise<number> {
  let made = 0;
  for (const watch of await listDigestWatches()) {
    const period = digestPeriodStart(watch, watch.timeZone, now);
    if (!period || (watch.digestedUntil && watch.digestedUntil >= period)) continue;
    const { articles } = await gatherDigest(watch.id, period);
    if (articles) made++;
  }
  return made;
}

export async function runWatchTick(options: {
  owner: string;
  log?: (line: string) => void;
  now?: Date;
}): Promise<DeliveryRun & { digests: number; matched: MatchRun }> {
  const now = options.now ?? new Date();
  const matched = await matchQueuedArticles({ budgetMs: MATCH_BUDGET_MS });
  const digests = await gatherDueDigests(now);
  if (now.getTime() - alertsCheckedAt >= ALERTS_EVERY_MS) {
    alertsCheckedAt = now.getTime();
    const alerts = await createDailyAlerts(now);
    if (alerts.spikes || alerts.silences)
      options.log?.(`watch alerts: ${alerts.spikes} spikes, ${alerts.silences} silences`);
  }
  const run = await runWatchDeliveries({ owner: options.owner, log: options.log });
  return { ...run, digests, matched };
}
