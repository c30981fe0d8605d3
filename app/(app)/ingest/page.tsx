import type { Metadata } from "next";
import { requirePagePermission } from "@/lib/auth/session";
import { listIngestRuns } from "@/lib/ingest/runs";
import { MAX_UPLOAD_BYTES } from "@/lib/validation/ingest";
import { PageHeader } from "@/components/app/page-header";
import { FilePanel } from "@/components/ingest/file-panel";
import { IngestTabs } from "@/components/ingest/ingest-tabs";
import { PagePanel } from "@/components/ingest/page-panel";
import { PastePanel } from "@/components/ingest/paste-panel";
import { RunTable } from "@/components/ingest/run-table";

export const metadata: Metadata = { title: "Ingest" };

const RECENT_RUNS = 25;

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function IngestPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePagePermission("ingest:create");
  const [{ tab }, runs] = await Promise.all([searchParams, listIngestRuns({ limit: RECENT_RUNS })]);
  return (
    <>
      <PageHeader
        title="Ingest"
        description="Add articles by hand: paste an aggregator page, fetch an article's address, or upload a file."
      />
      <div className="border-b border-slate-200 bg-slate-50/60">
        <IngestTabs
          initial={typeof tab === "string" ? tab : "paste"}
          tabs={[
            { id: "paste", label: "Paste", panel: <PastePanel /> },
            { id: "url", label: "URL", panel: <PagePanel /> },
            { id: "file", label: "File", panel: <FilePanel maxBytes={MAX_UPLOAD_BYTES} /> },
          ]}
        />
      </div>
      <section aria-labelledby="recent-runs" className="space-y-3 p-6">
        <h2 id="recent-runs" className="text-sm font-semibold text-slate-900">
          Recent runs
        </h2>
        <RunTable runs={runs} timeZone={user.timeZone} />
      </section>
    </>
  );
}
