import type { listRecentFeedRuns } from "@/lib/data/sources";
import { formatDateTime } from "@/lib/format";
import { RunStatusBadge } from "@/components/runs/run-status-badge";
import { EmptyState } from "@/components/ui/notice";

type Run = Awaited<ReturnType<typeof listRecentFeedRuns>>[number];

export function RecentRuns({ runs, timeZone }: { runs: Run[]; timeZone: string }) {
  if (runs.length === 0)
    return <EmptyState title="No feed polls yet">Runs appear here as the worker polls the sources.</EmptyState>;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Recent feed runs</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">
              Started
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Source
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Result
            </th>
            <th scope="col" className="px-4 py-2 text-right font-medium">
              Fetched
            </th>
            <th scope="col" className="px-4 py-2 text-right font-medium">
              Created
            </th>
            <th scope="col" className="px-4 py-2 text-right font-medium">
              Duplicates
            </th>
            <th scope="col" className="px-4 py-2 text-right font-medium">
              Failed
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Notes
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top">
          {runs.map((run) => (
            <tr key={run.id}>
              <td className="px-4 py-2 text-xs whitespace-nowrap text-slate-500 tabular-nums">
                {formatDateTime(run.startedAt, timeZone)}
                {run.triggeredBy ? <div>by {run.triggeredBy.name}</div> : null}
              </td>
              <td className="min-w-40 px-4 py-2 font-medium text-slate-900">
                {run.source?.name ?? "(deleted source)"}
              </td>
              <td className="px-4 py-2">
                <RunStatusBadge status={run.status} />
              </td>
              <td className="px-4 py-2 text-right tabular-nums">{run.fetched}</td>
              <td className="px-4 py-2 text-right tabular-nums">{run.created}</td>
              <td className="px-4 py-2 text-right tabular-nums">{run.duplicates}</td>
              <td className="px-4 py-2 text-right tabular-nums">{run.failed}</td>
              <td className="min-w-48 px-4 py-2 text-xs wrap-anywhere text-slate-600">
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
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
