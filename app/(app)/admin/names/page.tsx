import type { Metadata } from "next";
import Link from "next/link";
import { requirePagePermission } from "@/lib/auth/session";
import { listNameEntries, listNameProposals } from "@/lib/data/names-read";
import { formatCount } from "@/lib/format";
import { NAME_KIND_LABELS } from "@/lib/validation/names";
import { PageHeader } from "@/components/app/page-header";
import { ImportNamesForm, NameEntryForm, ProposalActions } from "@/components/names/names-forms";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { EmptyState } from "@/components/ui/notice";

export const metadata: Metadata = { title: "Names register" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const KINDS = Object.keys(NAME_KIND_LABELS) as (keyof typeof NAME_KIND_LABELS)[];

// The names register: every entry with its spellings, searchable by any of them; the analysts' proposals
// waiting for a decision; adding an entry and importing a register file.
export default async function NamesPage({ searchParams }: { searchParams: SearchParams }) {
  await requirePagePermission("names:manage");
  const params = await searchParams;
  const q = typeof params.q === "string" ? params.q.slice(0, 120) : "";
  const kind = KINDS.find((value) => value === params.kind);
  const [{ entries, total }, proposals] = await Promise.all([
    listNameEntries({ q, kind, take: 100 }),
    listNameProposals(),
  ]);
  return (
    <>
      <PageHeader
        title="Names register"
        description="Every spelling of people, places, organisations and weapons: a search for any one finds them all."
      />
      <div className="grid gap-6 p-6 xl:grid-cols-[1fr_22rem]">
        <div className="space-y-3">
          <form className="flex flex-wrap items-center gap-2" role="search" aria-label="Search the register">
            <Input name="q" defaultValue={q} placeholder="Any spelling" aria-label="Spelling" className="w-64" />
            <Select name="kind" defaultValue={kind ?? ""} aria-label="Kind" className="w-40">
              <option value="">Every kind</option>
              {KINDS.map((value) => (
                <option key={value} value={value}>
                  {NAME_KIND_LABELS[value]}
                </option>
              ))}
            </Select>
            <Button type="submit">Search</Button>
            <span className="text-xs text-slate-500">
              {total > entries.length
                ? `The first ${entries.length} of ${formatCount(total)} entries`
                : `${formatCount(total)} ${total === 1 ? "entry" : "entries"}`}
            </span>
          </form>
          {entries.length ? (
            <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">Entries</caption>
                <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-500">
                  <tr>
                    <th scope="col" className="px-4 py-2 font-medium">
                      Name
                    </th>
                    <th scope="col" className="px-4 py-2 font-medium">
                      Kind
                    </th>
                    <th scope="col" className="px-4 py-2 font-medium">
                      Spellings
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {entries.map((entry) => (
                    <tr key={entry.id}>
                      <td className="px-4 py-2 align-top">
                        <Link href={`/admin/names/${entry.id}`} className="font-medium text-slate-900 hover:underline">
                          {entry.canonical}
                        </Link>
                      </td>
                      <td className="px-4 py-2 align-top text-slate-600">{NAME_KIND_LABELS[entry.kind]}</td>
                      <td className="px-4 py-2 text-slate-700">
                        {entry.aliases
                          .filter((alias) => alias.status === "ACCEPTED" && alias.alias !== entry.canonical)
                          .map((alias) => alias.alias)
                          .join(" · ") || <span className="text-slate-400">none other</span>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <EmptyState title="No entry has that spelling">Add it on the right, or import a register file.</EmptyState>
          )}
        </div>
        <div className="space-y-4">
          <section aria-labelledby="proposals" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="proposals" className="mb-2 text-sm font-semibold text-slate-900">
              Proposed spellings {proposals.length ? `(${proposals.length})` : ""}
            </h2>
            {proposals.length ? (
              <ul className="space-y-3">
                {proposals.map((proposal) => (
                  <li key={proposal.id} className="space-y-1 text-sm">
                    <p>
                      <span className="font-medium">“{proposal.alias}”</span> for{" "}
                      <Link href={`/admin/names/${proposal.entry.id}`} className="text-accent-700 hover:underline">
                        {proposal.entry.canonical}
                      </Link>
                    </p>
                    <p className="text-xs text-slate-500">
                      {proposal.proposedBy ? `by ${proposal.proposedBy.name}` : "by a former user"}
                      {proposal.article ? (
                        <>
                          {" "}
                          in{" "}
                          <Link href={`/articles/${proposal.article.id}`} className="hover:underline">
                            {proposal.article.title}
                          </Link>
                        </>
                      ) : null}
                    </p>
                    <ProposalActions aliasId={proposal.id} alias={proposal.alias} commonWord={proposal.commonWord} />
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-slate-500">
                None waiting. Analysts propose a spelling by selecting it in an article.
              </p>
            )}
          </section>
          <section aria-labelledby="add-entry" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="add-entry" className="mb-2 text-sm font-semibold text-slate-900">
              Add an entry
            </h2>
            <NameEntryForm />
          </section>
          <section aria-labelledby="import" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="import" className="mb-1 text-sm font-semibold text-slate-900">
              Import a register file
            </h2>
            <p className="mb-2 text-xs text-slate-500">
              JSON Lines, one entry a line: kind, canonical, aliases. All of it is imported, or nothing: duplicate and
              conflicting spellings are listed.
            </p>
            <ImportNamesForm />
          </section>
        </div>
      </div>
    </>
  );
}
