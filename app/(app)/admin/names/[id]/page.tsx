import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrowLeft } from "lucide-react";
import { requirePagePermission } from "@/lib/auth/session";
import { getNameEntry } from "@/lib/data/names-read";
import { listHref } from "@/lib/desk/filter-links";
import { NAME_KIND_LABELS } from "@/lib/validation/names";
import { PageHeader } from "@/components/app/page-header";
import {
  AddAliasForm,
  DeleteEntryButton,
  MergeEntryForm,
  NameEntryForm,
  RemoveAliasButton,
  SplitEntryForm,
} from "@/components/names/names-forms";
import { Badge } from "@/components/ui/badge";

type Params = Promise<{ id: string }>;

export const metadata: Metadata = { title: "Names register" };

// One entry of the names register: its spellings (add, remove, split off), its name and kind, merging
// another entry into it, deleting it. Every change is audited.
export default async function NameEntryPage({ params }: { params: Params }) {
  await requirePagePermission("names:manage");
  const raw = (await params).id;
  const entry = /^\d{1,9}$/.test(raw) ? await getNameEntry(Number(raw)) : null;
  if (!entry) notFound();
  const others = entry.aliases.filter((alias) => alias.alias !== entry.canonical);
  return (
    <>
      <PageHeader
        title={entry.canonical}
        description={`${NAME_KIND_LABELS[entry.kind]} · ${entry.source || "no source"}`}
      />
      <div className="grid gap-6 p-6 xl:grid-cols-[1fr_22rem]">
        <div className="space-y-4">
          <Link
            href="/admin/names"
            className="inline-flex items-center gap-1 text-sm text-slate-500 hover:text-slate-900"
          >
            <ArrowLeft className="h-3.5 w-3.5" aria-hidden /> Names register
          </Link>
          <section aria-labelledby="spellings" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="spellings" className="mb-2 text-sm font-semibold text-slate-900">
              Spellings ({entry.aliases.length})
            </h2>
            <ul className="divide-y divide-slate-100" aria-label="Spellings">
              {entry.aliases.map((alias) => (
                <li key={alias.id} className="flex items-center justify-between gap-2 py-1.5 text-sm">
                  <span className="flex items-center gap-2">
                    {alias.alias}
                    {alias.alias === entry.canonical ? <Badge tone="accent">name</Badge> : null}
                    {alias.status === "PROPOSED" ? <Badge tone="amber">proposed</Badge> : null}
                    {alias.commonWord ? <Badge tone="neutral">common word, confirmed</Badge> : null}
                  </span>
                  <span className="flex items-center gap-2">
                    <Link
                      href={listHref({ q: alias.alias, tagMode: "any", sort: "newest" })}
                      className="text-xs text-accent-700 hover:underline"
                    >
                      Search
                    </Link>
                    {alias.alias !== entry.canonical ? (
                      <RemoveAliasButton aliasId={alias.id} alias={alias.alias} />
                    ) : null}
                  </span>
                </li>
              ))}
            </ul>
            <div className="mt-3">
              <AddAliasForm entryId={entry.id} />
            </div>
          </section>
          {others.length ? (
            <section aria-labelledby="split" className="rounded-lg border border-slate-200 bg-white p-4">
              <h2 id="split" className="mb-1 text-sm font-semibold text-slate-900">
                Split
              </h2>
              <p className="mb-2 text-xs text-slate-500">
                Spellings that name someone or something else become an entry of their own.
              </p>
              <SplitEntryForm entryId={entry.id} aliases={others} />
            </section>
          ) : null}
        </div>
        <div className="space-y-4">
          <section aria-labelledby="edit" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="edit" className="mb-2 text-sm font-semibold text-slate-900">
              Name and kind
            </h2>
            <NameEntryForm entry={entry} />
            {entry.externalId ? <p className="mt-2 text-xs text-slate-500">Source ids: {entry.externalId}</p> : null}
          </section>
          <section aria-labelledby="merge" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="merge" className="mb-2 text-sm font-semibold text-slate-900">
              Merge
            </h2>
            <MergeEntryForm entryId={entry.id} />
          </section>
          <DeleteEntryButton entryId={entry.id} />
        </div>
      </div>
    </>
  );
}
