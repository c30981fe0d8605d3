import Link from "next/link";
import type { IngestKind, IngestStatus } from "@/lib/generated/prisma/enums";
import { formatCount, formatDateTime } from "@/lib/format";
import { KIND_LABELS, RunStatusBadge } from "@/components/runs/run-status-badge";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/notice";
import { Table, TableBody, TableHeader, Td, Th, Tr } from "@/components/ui/table";

export type RunRow = {
  id: number;
  kind: IngestKind;
  status: IngestStatus;
  label: string | null;
  startedAt: Date;
  created: number;
  updated: number;
  duplicates: number;
  failed: number;
  source: { name: string } | null;
  triggeredBy: { name: string } | null;
};

export function RunTable({ runs, timeZone }: { runs: RunRow[]; timeZone: string }) {
  if (runs.length === 0) {
    return (
      <EmptyState title="No ingest runs yet">
        Pastes, pages, uploads, feed polls and API calls appear here as they run.
      </EmptyState>
    );
  }
  return (
    <Table caption="Recent ingest runs, newest first" density="compact">
      <TableHeader>
        <Th>Kind</Th>
        <Th>What</Th>
        <Th>Who</Th>
        <Th>Started</Th>
        <Th>Status</Th>
        <Th align="right">New</Th>
        <Th align="right">Updated</Th>
        <Th align="right">Duplicates</Th>
        <Th align="right">Failed</Th>
        <Th hidden>Details</Th>
      </TableHeader>
      <TableBody>
        {runs.map((run) => (
          <Tr key={run.id}>
            <Td>
              <Badge>{KIND_LABELS[run.kind]}</Badge>
            </Td>
            <Td>
              <div className="max-w-[15rem] truncate text-slate-900" title={run.label ?? undefined}>
                {run.label ?? run.source?.name ?? "—"}
              </div>
              {run.source && run.label ? (
                <div className="max-w-[15rem] truncate text-xs text-slate-500">{run.source.name}</div>
              ) : null}
            </Td>
            <Td className="whitespace-nowrap text-slate-700">
              {run.triggeredBy?.name ?? (run.kind === "FEED" ? "Scheduler" : "—")}
            </Td>
            <Td className="text-xs whitespace-nowrap text-slate-500 tabular-nums">
              {formatDateTime(run.startedAt, timeZone)}
            </Td>
            <Td className="whitespace-nowrap">
              <RunStatusBadge status={run.status} />
            </Td>
            <Td numeric>{formatCount(run.created)}</Td>
            <Td numeric className="text-slate-600">
              {formatCount(run.updated)}
            </Td>
            <Td numeric className="text-slate-600">
              {formatCount(run.duplicates)}
            </Td>
            <Td numeric className={run.failed ? "font-medium text-red-700" : "text-slate-600"}>
              {formatCount(run.failed)}
            </Td>
            <Td className="text-right">
              <Link
                href={`/ingest/runs/${run.id}`}
                className="text-accent-700 hover:underline"
                aria-label={`Details of run ${run.id}`}
              >
                Details
              </Link>
            </Td>
          </Tr>
        ))}
      </TableBody>
    </Table>
  );
}
