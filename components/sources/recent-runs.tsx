import type { listRecentFeedRuns } from "@/lib/data/sources";
import { formatDateTime } from "@/lib/format";
import { RunStatusBadge } from "@/components/runs/run-status-badge";
import { EmptyState } from "@/components/ui/notice";
import { Table, TableBody, TableHeader, Td, Th, Tr } from "@/components/ui/table";

type Run = Awaited<ReturnType<typeof listRecentFeedRuns>>[number];

export function RecentRuns({ runs, timeZone }: { runs: Run[]; timeZone: string }) {
  if (runs.length === 0)
    return <EmptyState title="No feed polls yet">Runs appear here as the worker polls the sources.</EmptyState>;
  return (
    <Table caption="Recent feed runs">
      <TableHeader>
        <Th>Started</Th>
        <Th>Source</Th>
        <Th>Result</Th>
        <Th align="right">Fetched</Th>
        <Th align="right">Created</Th>
        <Th align="right">Updated</Th>
        <Th align="right">Duplicates</Th>
        <Th align="right">Failed</Th>
        <Th>Notes</Th>
      </TableHeader>
      <TableBody valign="top">
        {runs.map((run) => (
          <Tr key={run.id}>
            <Td className="text-xs whitespace-nowrap text-slate-500 tabular-nums">
              {formatDateTime(run.startedAt, timeZone)}
              {run.triggeredBy ? <div>by {run.triggeredBy.name}</div> : null}
            </Td>
            <Td className="min-w-40 font-medium text-slate-900">{run.source?.name ?? "(deleted source)"}</Td>
            <Td>
              <RunStatusBadge status={run.status} />
            </Td>
            <Td numeric>{run.fetched}</Td>
            <Td numeric>{run.created}</Td>
            <Td numeric>{run.updated}</Td>
            <Td numeric>{run.duplicates}</Td>
            <Td numeric>{run.failed}</Td>
            <Td className="min-w-48 text-xs wrap-anywhere text-slate-600">
              {run.message ? <p>{run.message}</p> : null}
              {run.errors.length ? (
                <details className="mt-1">
                  <summary className="cursor-pointer text-red-700">
                    {run._count.errors} item error{run._count.errors === 1 ? "" : "s"}
                  </summary>
                  <ul className="mt-1 space-y-1">
                    {run.errors.map((error) => (
                      <li key={error.id}>
                        {error.location ? (
                          <span className="font-mono text-[11px] text-slate-500">{error.location}: </span>
                        ) : null}
                        {error.reason}
                      </li>
                    ))}
                  </ul>
                </details>
              ) : null}
            </Td>
          </Tr>
        ))}
      </TableBody>
    </Table>
  );
}
