import "server-only";
import type PgBoss from "pg-boss";
import { settleArticleCounts } from "@/lib/data/article-counts";

// Every SETTLE_INTERVAL_MS each worker folds the article counts' pending changes (lib/data/article-counts.ts); with
// several workers, one folds and the others find the lock taken and skip.

export const SETTLE_INTERVAL_MS = 30_000;

export function startCountSettling(boss: PgBoss, options: { log?: (line: string) => void } = {}) {
  const log = options.log ?? console.log;
  let running = false;
  const settle = async () => {
    if (running) return;
    running = true;
    try {
      await settleArticleCounts();
    } catch (error) {
      log(`folding the article counts failed: ${error instanceof Error ? error.message : error}`);
    } finally {
      running = false;
    }
  };
  void settle();
  const timer = setInterval(() => void settle(), SETTLE_INTERVAL_MS);
  boss.once("stopped", () => clearInterval(timer));
}
