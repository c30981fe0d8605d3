import type { Metadata } from "next";
import Link from "next/link";
import { requirePagePermission } from "@/lib/auth/session";
import { listFeedSources, listRecentFeedRuns, type FeedSourceRow } from "@/lib/data/sources";
import { getWorkerStatus } from "@/lib/data/workers";
import { countQueuedPolls } from "@/lib/jobs/send";
import { formatCount, formatDateTime } from "@/lib/format";
import { PageHeader } from "@/components/app/page-header";
import { AddSourcePanel } from "@/components/sources/add-source-panel";
import { AutoRefresh } from "@/components/app/auto-refresh";
import { RecentRuns } from "@/components/sources/recent-runs";
import { RunStatusBadge } from "@/components/runs/run-status-badge";
import { SourceForm } from "@/components/sources/source-form";
import { ActiveForm, DeleteForm, PollNowForm } from "@/components/sources/source-row-actions";
import { WorkerStatusBanner } from "@/components/sources/worker-status";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/notice";
import { Table, TableBody, TableHeader, Td, Th, Tr } from "@/components/ui/table";

export const metadata: Metadata = { title: "Sources" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SourcesPage({ searchParams }: { searchParams: SearchParams }) {
  const admin = await requirePagePermission("sources:manage");
  const params = await searchParams;
  const [sources, runs, worker, pollJobs] = await Promise.all([
    listFeedSources(),
    listRecentFeedRuns(),
    getWorkerStatus(),
    // Without the queue (a database that lost pg-boss's schema), the page still shows the rest.
    countQueuedPolls().catch(() => ({ waiting: 0, unfinished: 0 })),
  ]);
  const editId = typeof params.edit === "string" ? Number(params.edit) : null;
  const editing = sources.find((source) => source.id === editId);
  const now = new Date();
  const activePolls = sources.filter((source) => source.polling).length;
  const queuedPolls = pollJobs.waiting;
  // A job a worker has just taken is no longer waiting, and its source is not marked as polling until the worker
  // gets to it: unfinished jobs keep the page refreshing through that gap, so it never stops on a stale row.
  const busy = pollJobs.unfinished + activePolls > 0;

  return (
    <>
      <PageHeader
        title="Sources"
        description="Feeds the worker polls on their own schedules. Every poll is recorded below."
      />
      <AutoRefresh active={busy} />
      <div className="space-y-6 p-6">
        <WorkerStatusBanner status={worker} queuedPolls={queuedPolls} activePolls={activePolls} now={now} />
        {editing ? (
          <section aria-labelledby="source-form-title" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="source-form-title" className="mb-3 text-sm font-semibold text-slate-900">
              Edit {editing.name}
            </h2>
            <SourceForm
              key={editing.id}
              source={{
                id: editing.id,
                name: editing.name,
                url: editing.url ?? "",
                language: editing.language,
                pollIntervalMinutes: String(editing.pollIntervalMinutes),
                fetchFullText: editing.fetchFullText,
                recheckHours: editing.recheckHours === null ? "" : String(editing.recheckHours),
                active: editing.active,
              }}
            />
          </section>
        ) : (
          <AddSourcePanel defaultOpen={sources.length === 0}>
            <SourceForm />
          </AddSourcePanel>
        )}
        {sources.length === 0 ? (
          <EmptyState title="No feed sources yet">Add a feed above; test it first to see that it answers.</EmptyState>
        ) : (
          <Table caption="Feed sources">
            <TableHeader>
              <Th>Source</Th>
              <Th>Status</Th>
              <Th>Polling</Th>
              <Th align="right">Articles</Th>
              <Th hidden>Actions</Th>
            </TableHeader>
            <TableBody valign="top">
              {sources.map((source) => (
                <SourceRow key={source.id} source={source} timeZone={admin.timeZone} now={now} />
              ))}
            </TableBody>
          </Table>
        )}
        <section aria-labelledby="runs-title" className="space-y-2">
          <h2 id="runs-title" className="text-sm font-semibold text-slate-900">
            Recent feed runs
          </h2>
          <RecentRuns runs={runs} timeZone={admin.timeZone} />
        </section>
      </div>
    </>
  );
}

function SourceRow({ source, timeZone, now }: { source: FeedSourceRow; timeZone: string; now: Date }) {
  const run = source.lastRun;
  return (
    <Tr muted={!source.active}>
      <Td className="max-w-60">
        <div className="font-medium text-slate-900">{source.name}</div>
        <div className="truncate font-mono text-[11px] text-slate-500" title={source.url ?? undefined}>
          {source.url}
        </div>
        <div className="text-xs text-slate-500">
          {source.language} · every {source.pollIntervalMinutes} min{source.fetchFullText ? " · full text" : ""}
          {source.recheckHours === 0
            ? " · no re-check"
            : source.recheckHours
              ? ` · re-check every ${source.recheckHours} h`
              : ""}
        </div>
      </Td>
      <Td>
        <div className="flex flex-wrap gap-1">
          {source.active ? <Badge tone="green">Active</Badge> : <Badge>Paused</Badge>}
          {source.polling ? <Badge tone="accent">Polling…</Badge> : null}
          {source.consecutiveFailures > 0 ? (
            <Badge tone="red">
              {source.consecutiveFailures} failure{source.consecutiveFailures === 1 ? "" : "s"} in a row
            </Badge>
          ) : null}
        </div>
        {source.lastError && source.consecutiveFailures > 0 ? (
          <p className="mt-1 line-clamp-3 max-w-52 text-xs wrap-anywhere text-red-700" title={source.lastError}>
            {source.lastError}
          </p>
        ) : null}
      </Td>
      <Td className="text-xs text-slate-600">
        <div className="whitespace-nowrap tabular-nums">
          Last: {source.lastPolledAt ? formatDateTime(source.lastPolledAt, timeZone) : "never"}
        </div>
        {run ? (
          <div className="mt-0.5 flex flex-wrap items-center gap-1">
            <RunStatusBadge status={run.status} />
            {run.status === "RUNNING" || (run.status === "FAILED" && run.fetched === 0) ? null : (
              <span className="tabular-nums">
                {run.created} created{run.updated ? ` · ${run.updated} updated` : ""} · {run.duplicates} dup ·{" "}
                {run.failed} failed
              </span>
            )}
          </div>
        ) : null}
        <div className="mt-0.5 whitespace-nowrap tabular-nums">
          Next:{" "}
          {!source.active
            ? "paused"
            : !source.nextPollAt || source.nextPollAt <= now
              ? "due now"
              : formatDateTime(source.nextPollAt, timeZone)}
        </div>
        {source.active && source.consecutiveFailures > 0 ? (
          <p className="mt-0.5 max-w-52 text-red-700">
            Held back after {source.consecutiveFailures} failed poll{source.consecutiveFailures === 1 ? "" : "s"} (each
            failure waits longer); Poll now tries at once.
          </p>
        ) : null}
      </Td>
      <Td numeric>{formatCount(source._count.articles)}</Td>
      <Td>
        <div className="ml-auto flex w-44 flex-wrap items-start justify-end gap-1">
          <PollNowForm sourceId={source.id} label={source.name} />
          <ActiveForm sourceId={source.id} active={source.active} label={source.name} />
          <Link
            href={`/admin/sources?edit=${source.id}`}
            className={buttonClasses("ghost", "sm")}
            aria-label={`Edit ${source.name}`}
          >
            Edit
          </Link>
          {source._count.articles === 0 ? <DeleteForm sourceId={source.id} label={source.name} /> : null}
        </div>
      </Td>
    </Tr>
  );
}
