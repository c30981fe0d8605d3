import "server-only";
import { logger } from "@/lib/log";
import { db, type Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { IngestStatus, type IngestKind } from "@/lib/generated/prisma/enums";

// The record of every ingestion (a feed poll, an upload, an API call): what it read, what it added, what
// it could not take and why, so an analyst can trust that nothing was lost silently.
//
// A run's counts are written in the same transaction as the articles they count (the store's chunks), so
// they are true whatever happens next. Its heartbeat moves with every chunk and, during long fetches, with a
// timer (keepRunAlive); a RUNNING run whose heartbeat stopped lost its process and is marked INTERRUPTED
// (markInterruptedRuns, run by the worker every minute and by every page that lists runs).

/** What the ingest code needs of a client: the app's `db`, or one on a scratch database (benchmarks, tests). */
export type IngestDb = Pick<Db, "$queryRaw" | "$executeRaw" | "$transaction" | "source" | "ingestRun" | "ingestError">;
/** The same, inside a transaction. */
export type IngestTx = Prisma.TransactionClient;

export type IngestCounts = { fetched?: number; created: number; updated: number; duplicates: number; failed: number };
export type IngestErrorInput = { location?: string | null; reason: string; excerpt?: string | null };

const MAX_REASON = 2000;
const MAX_EXCERPT = 500;
/** How often a working run says it is alive. */
export const RUN_HEARTBEAT_MS = 10_000;
/** A RUNNING run silent for this long has lost its process. */
export const RUN_STALE_MS = 60_000;

export async function startIngestRun(
  input: {
    kind: IngestKind;
    sourceId?: number | null;
    label?: string | null;
    triggeredById?: number | null;
    total?: number | null;
  },
  client: Pick<IngestDb, "ingestRun"> = db,
) {
  return client.ingestRun.create({
    data: {
      kind: input.kind,
      sourceId: input.sourceId ?? null,
      label: input.label ?? null,
      triggeredById: input.triggeredById ?? null,
      total: input.total ?? null,
    },
  });
}

/** Adds to the run's counts and moves its heartbeat; pass the transaction that stored what they count. */
export async function addRunCounts(
  client: Pick<IngestTx, "$executeRaw">,
  runId: number,
  delta: Partial<Required<IngestCounts>>,
): Promise<void> {
  await client.$executeRaw`
    UPDATE ingest_runs SET fetched = fetched + ${delta.fetched ?? 0}, created = created + ${delta.created ?? 0},
           updated = updated + ${delta.updated ?? 0},
           duplicates = duplicates + ${delta.duplicates ?? 0}, failed = failed + ${delta.failed ?? 0}, heartbeat_at = now()
     WHERE id = ${runId}`;
}

/**
 * Lists the errors on the run and counts them as failed items, in one transaction. `failures` says how many
 * items failed when that is not one per error: more (a file of garbage should not become a million error
 * rows) or fewer (a page that could not be read, whose item was stored from the feed's text instead).
 */
export async function recordIngestErrors(
  runId: number,
  errors: IngestErrorInput[],
  client: Pick<IngestDb, "$transaction"> = db,
  options: { failures?: number } = {},
): Promise<void> {
  if (errors.length === 0 && !options.failures) return;
  await client.$transaction((tx) => writeIngestErrors(tx, runId, errors, options));
}

/** recordIngestErrors inside the caller's transaction (the chunk that failed them). */
export async function writeIngestErrors(
  tx: IngestTx,
  runId: number,
  errors: IngestErrorInput[],
  { failures = errors.length }: { failures?: number } = {},
): Promise<void> {
  if (errors.length)
    await tx.ingestError.createMany({
      data: errors.map((error) => ({
        runId,
        location: error.location ?? null,
        reason: error.reason.slice(0, MAX_REASON),
        excerpt: error.excerpt ? error.excerpt.slice(0, MAX_EXCERPT) : null,
      })),
    });
  if (failures) await addRunCounts(tx, runId, { failed: failures });
}

/** Progress that is not an article count (items read, the total expected); also a heartbeat. */
export async function updateIngestRunProgress(
  runId: number,
  progress: { fetched?: number; total?: number | null },
  client: Pick<IngestDb, "ingestRun"> = db,
): Promise<void> {
  await client.ingestRun.updateMany({
    where: { id: runId, status: IngestStatus.RUNNING },
    data: { ...progress, heartbeatAt: new Date() },
  });
}

/**
 * Keeps the run's heartbeat going while its process works on something long (fetching pages, reading a
 * big upload); returns the function that stops it. A failed beat is only logged: the next one may pass.
 */
export function keepRunAlive(runId: number, client: Pick<IngestDb, "ingestRun"> = db): () => void {
  const timer = setInterval(() => {
    client.ingestRun
      .updateMany({ where: { id: runId, status: IngestStatus.RUNNING }, data: { heartbeatAt: new Date() } })
      .catch((error: unknown) => logger.error({ err: error, runId }, "ingest run heartbeat failed"));
  }, RUN_HEARTBEAT_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/** SUCCEEDED when nothing failed, PARTIAL when some items failed, FAILED when nothing could be processed. */
export function ingestRunStatus(counts: IngestCounts): IngestStatus {
  if (counts.failed === 0) return IngestStatus.SUCCEEDED;
  return counts.created + counts.updated + counts.duplicates > 0 ? IngestStatus.PARTIAL : IngestStatus.FAILED;
}

/**
 * Ends the run. Its status follows its stored counts, unless `ended` says otherwise: "failed" when the
 * whole input was unusable (a file that cannot be read, an empty one), "interrupted" when it stopped
 * part-way (what was stored stays, and is counted; with nothing stored, it failed). Returns the finished run.
 */
export async function finishIngestRun(
  runId: number,
  options: { message?: string | null; fetched?: number; ended?: "failed" | "interrupted" } = {},
  client: Pick<IngestDb, "ingestRun"> = db,
) {
  const current = await client.ingestRun.findUniqueOrThrow({
    where: { id: runId },
    select: { created: true, updated: true, duplicates: true, failed: true },
  });
  const storedSome = current.created + current.updated + current.duplicates > 0;
  // Interrupted before anything was stored is simply failed.
  const status =
    options.ended === "failed" || (options.ended === "interrupted" && !storedSome)
      ? IngestStatus.FAILED
      : options.ended === "interrupted"
        ? IngestStatus.INTERRUPTED
        : ingestRunStatus(current);
  return client.ingestRun.update({
    where: { id: runId },
    data: {
      ...(options.fetched !== undefined ? { fetched: options.fetched } : {}),
      status,
      finishedAt: new Date(),
      heartbeatAt: new Date(),
      message: options.message?.slice(0, MAX_REASON) ?? null,
    },
  });
}

/** Marks runs whose process went silent as INTERRUPTED, ended when they were last heard of. Returns how many. */
export async function markInterruptedRuns(
  client: Pick<IngestDb, "$executeRaw"> = db,
  { staleMs = RUN_STALE_MS }: { staleMs?: number } = {},
): Promise<number> {
  return client.$executeRaw`
    UPDATE ingest_runs
       SET status = 'INTERRUPTED', finished_at = heartbeat_at,
           message = concat_ws(' ', message, 'Stopped before the end (its process ended or lost the database); the counts are what was stored. Run it again to store the rest: what is already stored counts as duplicates.')
     WHERE status = 'RUNNING' AND heartbeat_at < now() - make_interval(secs => ${staleMs / 1000}::float8)`;
}

export async function listIngestRuns(
  options: { kind?: IngestKind; sourceId?: number; limit?: number } = {},
  client: IngestDb = db,
) {
  await markInterruptedRuns(client);
  return client.ingestRun.findMany({
    where: { kind: options.kind, sourceId: options.sourceId },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(options.limit ?? 50, 1), 500),
    include: {
      source: { select: { id: true, name: true } },
      triggeredBy: { select: { id: true, name: true } },
      _count: { select: { errors: true } },
    },
  });
}

/** One run with its first `errorLimit` errors in input order (a broken file can hold thousands) and their count. */
export async function getIngestRun(id: number, options: { errorLimit?: number } = {}, client: IngestDb = db) {
  await markInterruptedRuns(client);
  return client.ingestRun.findUnique({
    where: { id },
    include: {
      source: { select: { id: true, name: true } },
      triggeredBy: { select: { id: true, name: true } },
      errors: { orderBy: { id: "asc" }, take: options.errorLimit ?? 500 },
      _count: { select: { errors: true } },
    },
  });
}
