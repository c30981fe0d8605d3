import "server-only";
import { db, type Db } from "@/lib/db";
import { IngestStatus, type IngestKind } from "@/lib/generated/prisma/enums";

// The record of every ingestion (a feed poll, an upload, an API call): what it read, what it added, what
// it could not take and why, so an analyst can trust that nothing was lost silently.

/** What the ingest code needs of a client: the app's `db`, or one on a scratch database (benchmarks, tests). */
export type IngestDb = Pick<Db, "$queryRaw" | "$executeRaw" | "source" | "ingestRun" | "ingestError">;

export type IngestCounts = { fetched?: number; created: number; duplicates: number; failed: number };
export type IngestErrorInput = { location?: string | null; reason: string; excerpt?: string | null };

const MAX_REASON = 2000;
const MAX_EXCERPT = 500;

export async function startIngestRun(
  input: {
    kind: IngestKind;
    sourceId?: number | null;
    label?: string | null;
    triggeredById?: number | null;
    total?: number | null;
  },
  client: IngestDb = db,
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

export async function recordIngestErrors(
  runId: number,
  errors: IngestErrorInput[],
  client: IngestDb = db,
): Promise<void> {
  if (errors.length === 0) return;
  await client.ingestError.createMany({
    data: errors.map((error) => ({
      runId,
      location: error.location ?? null,
      reason: error.reason.slice(0, MAX_REASON),
      excerpt: error.excerpt ? error.excerpt.slice(0, MAX_EXCERPT) : null,
    })),
  });
}

export async function updateIngestRunProgress(
  runId: number,
  counts: IngestCounts & { total?: number | null },
  client: IngestDb = db,
): Promise<void> {
  await client.ingestRun.update({ where: { id: runId }, data: counts });
}

/** SUCCEEDED when nothing failed, PARTIAL when some items failed, FAILED when nothing could be processed. */
export function ingestRunStatus(counts: IngestCounts): IngestStatus {
  if (counts.failed === 0) return IngestStatus.SUCCEEDED;
  return counts.created + counts.duplicates > 0 ? IngestStatus.PARTIAL : IngestStatus.FAILED;
}

export async function finishIngestRun(
  runId: number,
  counts: IngestCounts,
  message?: string | null,
  client: IngestDb = db,
) {
  return client.ingestRun.update({
    where: { id: runId },
    data: { ...counts, status: ingestRunStatus(counts), finishedAt: new Date(), message: message ?? null },
  });
}

export async function listIngestRuns(
  options: { kind?: IngestKind; sourceId?: number; limit?: number } = {},
  client: IngestDb = db,
) {
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
