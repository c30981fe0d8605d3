import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrowLeft, ChevronLeft, ChevronRight } from "lucide-react";
import { requirePagePermission } from "@/lib/auth/session";
import { listRunErrors } from "@/lib/data/ingest";
import { formatCount, formatDateTime } from "@/lib/format";
import { getIngestRun } from "@/lib/ingest/runs";
import { RUN_ERRORS_PAGE_SIZE, runErrorsPageSchema, runIdSchema } from "@/lib/validation/ingest";
import { PageHeader } from "@/components/app/page-header";
import { AutoRefresh } from "@/components/app/auto-refresh";
import { KIND_LABELS, RunStatusBadge } from "@/components/runs/run-status-badge";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/notice";
import { Table, TableBody, TableHeader, Td, Th, Tr } from "@/components/ui/table";

type Params = Promise<{ id: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: `Ingest run ${(await params).id}` };
}

export default async function IngestRunPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const user = await requirePagePermission("ingest:create");
  const id = runIdSchema.safeParse((await params).id);
  const run = id.success ? await getIngestRun(id.data, { errorLimit: 0 }) : null;
  if (!run) notFound();

  const errorCount = run._count.errors;
  const pages = Math.max(1, Math.ceil(errorCount / RUN_ERRORS_PAGE_SIZE));
  const page = Math.min(runErrorsPageSchema.parse((await searchParams).page), pages);
  const errors = errorCount ? await listRunErrors(run.id, { page, pageSize: RUN_ERRORS_PAGE_SIZE }) : [];
  const first = (page - 1) * RUN_ERRORS_PAGE_SIZE + 1;
  const handled = run.created + run.updated + run.duplicates + run.failed;

  return (
    <>
      {run.status === "RUNNING" ? <AutoRefresh intervalMs={2000} /> : null}
      <PageHeader
        title={`Run #${run.id}: ${KIND_LABELS[run.kind]}`}
        description={run.label ?? run.source?.name ?? undefined}
        actions={<RunStatusBadge status={run.status} />}
      />
      <div className="space-y-6 p-6">
        <Link href="/ingest" className="inline-flex items-center gap-1 text-sm text-slate-500 hover:text-slate-900">
          <ArrowLeft className="h-3.5 w-3.5" aria-hidden /> Ingest
        </Link>
        <section aria-labelledby="run-details" className="rounded-lg border border-slate-200 bg-white px-5 py-4">
          <h2 id="run-details" className="sr-only">
            Details
          </h2>
          <dl className="grid grid-cols-2 gap-x-6 gap-y-3 text-sm sm:grid-cols-4">
            <Detail term="Started by">{run.triggeredBy?.name ?? (run.kind === "FEED" ? "Scheduler" : "—")}</Detail>
            <Detail term="Source">{run.source?.name ?? "—"}</Detail>
            <Detail term="Started">{formatDateTime(run.startedAt, user.timeZone)}</Detail>
            <Detail term="Finished">
              {run.finishedAt
                ? `${formatDateTime(run.finishedAt, user.timeZone)} (${formatDuration(run.finishedAt.getTime() - run.startedAt.getTime())})`
                : "Still running"}
            </Detail>
            <Detail term="Read">
              {formatCount(run.fetched)}
              {run.total !== null && run.status === "RUNNING" ? ` of about ${formatCount(run.total)}` : ""}
            </Detail>
            <Detail term="New">{formatCount(run.created)}</Detail>
            <Detail term="Updated (new versions)">{formatCount(run.updated)}</Detail>
            <Detail term="Duplicates">{formatCount(run.duplicates)}</Detail>
            <Detail term="Failed">
              <span className={run.failed ? "font-medium text-red-700" : undefined}>{formatCount(run.failed)}</span>
            </Detail>
          </dl>
          {run.message ? (
            <p className="mt-3 border-t border-slate-100 pt-3 text-sm text-slate-700">{run.message}</p>
          ) : null}
          {run.status === "RUNNING" ? (
            <p className="mt-3 text-xs text-slate-500" role="status">
              {formatCount(handled)} items handled so far; this page refreshes until the run ends.
            </p>
          ) : null}
        </section>

        <section aria-labelledby="run-errors" className="space-y-3">
          <h2 id="run-errors" className="text-sm font-semibold text-slate-900">
            Failed items{" "}
            {errorCount ? <span className="font-normal text-slate-500">({formatCount(errorCount)})</span> : null}
          </h2>
          {errorCount === 0 ? (
            <EmptyState title={run.failed ? "No details were recorded" : "Nothing failed"}>
              {run.failed
                ? "The failures of this run were counted but not listed."
                : "Every item of this run was stored or recognised as already known."}
            </EmptyState>
          ) : (
            <>
              <Table caption={`Failed items of run ${run.id}`}>
                <TableHeader>
                  <Th>Where</Th>
                  <Th>Reason</Th>
                  <Th>Excerpt</Th>
                </TableHeader>
                <TableBody valign="top">
                  {errors.map((error) => (
                    <Tr key={error.id}>
                      <Td className="whitespace-nowrap text-slate-800 tabular-nums">{error.location ?? "—"}</Td>
                      <Td className="text-slate-700">{error.reason}</Td>
                      <Td className="max-w-sm">
                        {error.excerpt ? (
                          <code className="line-clamp-2 font-mono text-xs break-all text-slate-500">
                            {error.excerpt}
                          </code>
                        ) : (
                          "—"
                        )}
                      </Td>
                    </Tr>
                  ))}
                </TableBody>
              </Table>
              {pages > 1 ? (
                <nav
                  aria-label="Pages of failed items"
                  className="flex items-center justify-between text-sm text-slate-600"
                >
                  {page > 1 ? (
                    <Link
                      href={`/ingest/runs/${run.id}?page=${page - 1}`}
                      className={buttonClasses("secondary", "sm")}
                      rel="prev"
                    >
                      <ChevronLeft className="h-3.5 w-3.5" aria-hidden /> Previous
                    </Link>
                  ) : (
                    <span />
                  )}
                  <span className="tabular-nums">
                    {formatCount(first)}–{formatCount(first + errors.length - 1)} of {formatCount(errorCount)}
                  </span>
                  {page < pages ? (
                    <Link
                      href={`/ingest/runs/${run.id}?page=${page + 1}`}
                      className={buttonClasses("secondary", "sm")}
                      rel="next"
                    >
                      Next <ChevronRight className="h-3.5 w-3.5" aria-hidden />
                    </Link>
                  ) : (
                    <span />
                  )}
                </nav>
              ) : null}
            </>
          )}
        </section>
      </div>
    </>
  );
}

function Detail({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{term}</dt>
      <dd className="mt-0.5 text-slate-900 tabular-nums">{children}</dd>
    </div>
  );
}

function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}
