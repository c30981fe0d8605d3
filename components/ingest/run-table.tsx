import Link from "next/link";
import type { IngestKind, IngestStatus } from "@/lib/generated/prisma/enums";
import { formatCount, formatDateTime } from "@/lib/format";
import { KIND_LABELS, RunStatusBadge } from "@/components/runs/run-status-badge";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/notice";

export type RunRow = {
  id: number;
  kind: IngestKind;
  status: IngestStatus;
  label: string | null;
  startedAt: Date;
  created: number;
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
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Recent ingest runs, newest first</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-500">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              Kind
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              What
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Who
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Started
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Status
            </th>
            <th scope="col" className="px-3 py-2 text-right font-medium">
              New
            </th>
            <th scope="col" className="px-3 py-2 text-right font-medium">
              Duplicates
            </th>
            <th scope="col" className="px-3 py-2 text-right font-medium">
              Failed
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              <span className="sr-only">Details</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {runs.map((run) => (
            <tr key={run.id}>
              <td className="px-3 py-2">
                <Badge>{KIND_LABELS[run.kind]}</Badge>
              </td>
              <td className="px-3 py-2">
                <div className="max-w-[15rem] truncate text-slate-900" title={run.label ?? undefined}>
                  {run.label ?? run.source?.name ?? "—"}
                </div>
                {run.source && run.label ? (
                  <div className="max-w-[15rem] truncate text-xs text-slate-500">{run.source.name}</div>
                ) : null}
              </td>
              <td className="px-3 py-2 whitespace-nowrap text-slate-700">
                {run.triggeredBy?.name ?? (run.kind === "FEED" ? "Scheduler" : "—")}
              </td>
              <td className="px-3 py-2 text-xs whitespace-nowrap text-slate-500 tabular-nums">
                {formatDateTime(run.startedAt, timeZone)}
              </td>
              <td className="px-3 py-2 whitespace-nowrap">
                <RunStatusBadge status={run.status} />
              </td>
              <td className="px-3 py-2 text-right tabular-nums">{formatCount(run.created)}</td>
              <td className="px-3 py-2 text-right text-slate-600 tabular-nums">{formatCount(run.duplicates)}</td>
              <td
                className={`px-3 py-2 text-right tabular-nums ${run.failed ? "font-medium text-red-700" : "text-slate-600"}`}
              >
                {formatCount(run.failed)}
              </td>
              <td className="px-3 py-2 text-right">
                <Link
                  href={`/ingest/runs/${run.id}`}
                  className="text-accent-700 hover:underline"
                  aria-label={`Details of run ${run.id}`}
                >
                  Details
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
