import type { IngestKind, IngestStatus } from "@/lib/generated/prisma/enums";

// The shape GET /api/ingest/runs/[id] answers and the upload panel polls: counts so far and, once the
// run is over, the first failed lines.

export type RunStatusError = { location: string | null; reason: string; excerpt: string | null };

export type RunStatus = {
  id: number;
  kind: IngestKind;
  status: IngestStatus;
  label: string | null;
  fetched: number;
  created: number;
  updated: number;
  duplicates: number;
  failed: number;
  total: number | null;
  message: string | null;
  startedAt: string;
  finishedAt: string | null;
  errorCount: number;
  errors: RunStatusError[];
};

type RunRow = Omit<RunStatus, "startedAt" | "finishedAt" | "errorCount"> & {
  startedAt: Date;
  finishedAt: Date | null;
  _count: { errors: number };
};

export function toRunStatus(run: RunRow): RunStatus {
  return {
    id: run.id,
    kind: run.kind,
    status: run.status,
    label: run.label,
    fetched: run.fetched,
    created: run.created,
    updated: run.updated,
    duplicates: run.duplicates,
    failed: run.failed,
    total: run.total,
    message: run.message,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    errorCount: run._count.errors,
    errors: run.errors.map((error) => ({ location: error.location, reason: error.reason, excerpt: error.excerpt })),
  };
}

/**
 * How far the run's processing is, 0-100: items handled of those expected. A finished run is at 100; a
 * running one without a known total, or with an estimate it has reached, stays below until it finishes.
 */
export function runProgressPercent(
  run: Pick<RunStatus, "status" | "created" | "duplicates" | "failed" | "total"> & { updated?: number },
): number | null {
  if (run.status !== "RUNNING") return 100;
  if (!run.total) return null;
  const handled = run.created + (run.updated ?? 0) + run.duplicates + run.failed;
  return Math.min(99, Math.floor((handled / run.total) * 100));
}
