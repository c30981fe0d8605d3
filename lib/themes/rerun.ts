import "server-only";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { applyRulesToArticles, nextArticleIds } from "@/lib/themes/rules";

// Re-applying one theme's rules over every article after a rule changed. The work is cut into article-id
// batches; each batch's rows and the re-run's cursor are written in one transaction, so a job that crashed
// resumes after the last finished batch and repeats nothing. Applying rules is idempotent anyway: a second
// run over the same rules writes no row. A newer re-run of the same theme supersedes an unfinished one.
//
//   createThemeRerun(themeId)           records a re-run (the caller queues its job)
//   runThemeRerun(rerunId, options)     works it to the end, from where it stopped
//   latestThemeReruns(themeIds)         the newest re-run per theme, for progress on the admin pages

export const RERUN_BATCH_SIZE = 5_000;
const BATCH_TIMEOUT = { maxWait: 10_000, timeout: 120_000 };

export type ThemeRerunProgress = {
  id: number;
  themeId: number;
  total: number;
  processed: number;
  added: number;
  removed: number;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
};

const PROGRESS_SELECT = {
  id: true,
  themeId: true,
  total: true,
  processed: true,
  added: true,
  removed: true,
  error: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
} as const;

export async function createThemeRerun(themeId: number): Promise<ThemeRerunProgress> {
  return db.$transaction(async (tx) => {
    const theme = await tx.theme.findUnique({ where: { id: themeId }, select: { id: true } });
    if (!theme) throw new NotFoundError("That theme no longer exists.");
    await tx.themeRerun.updateMany({
      where: { themeId, finishedAt: null },
      data: { finishedAt: new Date(), error: "Superseded by a newer re-run." },
    });
    const [{ total }] = await tx.$queryRaw<{ total: number }[]>(
      Prisma.sql`SELECT count(*)::int AS total FROM articles`,
    );
    return tx.themeRerun.create({ data: { themeId, total }, select: PROGRESS_SELECT });
  });
}

export type RunRerunOptions = {
  batchSize?: number;
  /** Stop starting batches after this time (ms since the epoch): the job queues its continuation. */
  deadline?: number;
  /** Called after each finished batch; a test throws here to simulate a crash. */
  onBatch?: (progress: ThemeRerunProgress) => void | Promise<void>;
};

export type RerunOutcome = {
  status: "finished" | "paused" | "superseded" | "already_finished";
  batches: number;
  progress: ThemeRerunProgress;
};

/** Works the re-run from its last finished batch to the end. */
export async function runThemeRerun(rerunId: number, options: RunRerunOptions = {}): Promise<RerunOutcome> {
  const batchSize = options.batchSize ?? RERUN_BATCH_SIZE;
  let progress = await db.themeRerun.findUnique({
    where: { id: rerunId },
    select: { ...PROGRESS_SELECT, lastArticleId: true },
  });
  if (!progress) throw new NotFoundError(`Theme re-run ${rerunId} does not exist.`);
  if (progress.finishedAt) return { status: "already_finished", batches: 0, progress };
  if (!progress.startedAt) await db.themeRerun.update({ where: { id: rerunId }, data: { startedAt: new Date() } });
  let batches = 0;
  for (;;) {
    const step = await db.$transaction(async (tx) => {
      // The row lock also keeps two workers (a retry racing a stalled job) from working the same batch.
      const [current] = await tx.$queryRaw<{ lastArticleId: number; finishedAt: Date | null }[]>(Prisma.sql`
        SELECT last_article_id AS "lastArticleId", finished_at AS "finishedAt" FROM theme_reruns WHERE id = ${rerunId} FOR UPDATE`);
      if (!current || current.finishedAt) return { kind: "superseded" as const };
      const ids = await nextArticleIds(tx, current.lastArticleId, batchSize);
      if (!ids.length) {
        const done = await tx.themeRerun.update({
          where: { id: rerunId },
          data: { finishedAt: new Date() },
          select: { ...PROGRESS_SELECT, lastArticleId: true },
        });
        return { kind: "done" as const, progress: done };
      }
      const result = await applyRulesToArticles(ids, { db: tx, themeIds: [progress!.themeId] });
      const next = await tx.themeRerun.update({
        where: { id: rerunId },
        data: {
          lastArticleId: ids[ids.length - 1],
          processed: { increment: ids.length },
          added: { increment: result.added },
          removed: { increment: result.removed },
        },
        select: { ...PROGRESS_SELECT, lastArticleId: true },
      });
      return { kind: "batch" as const, progress: next };
    }, BATCH_TIMEOUT);
    if (step.kind === "superseded") {
      const latest = await db.themeRerun.findUniqueOrThrow({ where: { id: rerunId }, select: PROGRESS_SELECT });
      return { status: "superseded", batches, progress: latest };
    }
    if (step.kind === "done") return { status: "finished", batches, progress: step.progress };
    batches++;
    progress = step.progress;
    await options.onBatch?.(progress);
    if (options.deadline !== undefined && Date.now() >= options.deadline)
      return { status: "paused", batches, progress };
  }
}

/** Records why a re-run stopped when its job gave up, so the admin page does not show it running forever. */
export async function failThemeRerun(rerunId: number, message: string): Promise<void> {
  await db.themeRerun.updateMany({
    where: { id: rerunId, finishedAt: null },
    data: { finishedAt: new Date(), error: message },
  });
}

/** The newest re-run of each theme that has one. */
export async function latestThemeReruns(themeIds: number[]): Promise<Map<number, ThemeRerunProgress>> {
  if (!themeIds.length) return new Map();
  const rows = await db.themeRerun.findMany({
    where: { themeId: { in: themeIds } },
    orderBy: [{ themeId: "asc" }, { createdAt: "desc" }, { id: "desc" }],
    distinct: ["themeId"],
    select: PROGRESS_SELECT,
  });
  return new Map(rows.map((row) => [row.themeId, row]));
}
