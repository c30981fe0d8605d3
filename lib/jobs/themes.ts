import "server-only";
import type PgBoss from "pg-boss";
import { createBoss, startBoss } from "@/lib/jobs/boss";
import { failThemeRerun, runThemeRerun } from "@/lib/themes/rerun";

// The theme re-run job: after a rule of a theme is created, changed or deleted, the worker re-applies that
// theme's rules over every article (lib/themes/rerun.ts keeps the progress and the resume point). A job works
// for at most SLICE_MS and then queues its own continuation, so its expiry can be short: a job whose worker
// died expires within EXPIRE_SECONDS and is retried, and the re-run resumes after its last finished batch
// within about a minute.

/** Re-applies one theme's rules over all articles; data: { rerunId }. */
export const THEME_RERUN_QUEUE = "themes.rerun";

/** `batchSize` overrides RERUN_BATCH_SIZE (small batches let a test interrupt a re-run part-way). */
export type ThemeRerunJob = { rerunId: number; batchSize?: number };

const RETRY_LIMIT = 5;
/** A slice stops starting batches after this long; one batch (5,000 articles) takes a few seconds. */
const SLICE_MS = 15_000;
const EXPIRE_SECONDS = 45;

async function ensureThemeQueue(boss: PgBoss): Promise<void> {
  // Existing databases made this queue with a one-hour expiry; the settings follow the code.
  const settings = {
    name: THEME_RERUN_QUEUE,
    policy: "standard" as const,
    retryLimit: RETRY_LIMIT,
    retryDelay: 1,
    expireInSeconds: EXPIRE_SECONDS,
  };
  if (await boss.getQueue(THEME_RERUN_QUEUE)) await boss.updateQueue(THEME_RERUN_QUEUE, settings);
  else await boss.createQueue(THEME_RERUN_QUEUE, settings);
}

/** Registers the re-run handler on a started worker instance. */
export async function registerThemeWorkers(
  boss: PgBoss,
  options: { log?: (line: string) => void } = {},
): Promise<void> {
  const log = options.log ?? console.log;
  await ensureThemeQueue(boss);
  await boss.work<ThemeRerunJob>(
    THEME_RERUN_QUEUE,
    { pollingIntervalSeconds: 2, includeMetadata: true },
    async (jobs) => {
      for (const job of jobs) {
        try {
          const outcome = await runThemeRerun(job.data.rerunId, {
            deadline: Date.now() + SLICE_MS,
            batchSize: job.data.batchSize,
          });
          const { themeId, processed, added, removed } = outcome.progress;
          if (outcome.status === "paused") {
            await boss.send(THEME_RERUN_QUEUE, job.data);
            continue;
          }
          log(
            `theme ${themeId} re-run ${job.data.rerunId} ${outcome.status}: ${processed} articles, ${added} added, ${removed} removed`,
          );
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          log(`theme re-run ${job.data.rerunId} failed: ${message}`);
          if (job.retryCount >= job.retryLimit) await failThemeRerun(job.data.rerunId, message);
          throw error;
        }
      }
    },
  );
}

const globalForBoss = globalThis as unknown as { presswatchThemeSender?: Promise<PgBoss> };

function sender(): Promise<PgBoss> {
  globalForBoss.presswatchThemeSender ??= startBoss(createBoss("sender"))
    .then(async (boss) => {
      await ensureThemeQueue(boss);
      return boss;
    })
    .catch((error: unknown) => {
      globalForBoss.presswatchThemeSender = undefined;
      throw error;
    });
  return globalForBoss.presswatchThemeSender;
}

/** Queues the re-run's job for the worker. */
export async function sendThemeRerun(rerunId: number): Promise<void> {
  const boss = await sender();
  await boss.send(THEME_RERUN_QUEUE, { rerunId } satisfies ThemeRerunJob);
}
