import Link from "next/link";
import { Plus, X } from "lucide-react";
import { listHref } from "@/lib/desk/filter-links";
import type { AliasExpansion } from "@/lib/search/expand-query";
import type { ArticleFilter } from "@/lib/validation/article-filter-url";

// What the names register added to the search: for each name the query named, the other spellings searched,
// each a link that takes it out (its alias id joins the URL's noalias=), and the ones taken out, each a link
// that puts it back. Links, not buttons: the state is the URL's, as every filter's is.

const SHOWN = 8;

function withoutAlias(filter: ArticleFilter, ids: number[]): string {
  return listHref({ ...filter, noAliases: [...new Set([...(filter.noAliases ?? []), ...ids])] });
}

function withAlias(filter: ArticleFilter, id: number): string {
  const rest = (filter.noAliases ?? []).filter((value) => value !== id);
  return listHref({ ...filter, noAliases: rest.length ? rest : undefined });
}

const chip =
  "inline-flex items-center gap-1 rounded-full py-0.5 pr-1.5 pl-2 text-xs ring-1 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-accent-600";

function Expansion({ expansion, filter }: { expansion: AliasExpansion; filter: ArticleFilter }) {
  const chips = expansion.searched.map((spelling) => (
    <li key={spelling.aliasId}>
      <Link
        prefetch={false}
        href={withoutAlias(filter, [spelling.aliasId])}
        className={`${chip} bg-white text-slate-800 ring-slate-300`}
        aria-label={`Stop searching ${spelling.alias}`}
        lang={/[\u3131-\ud7a3]/.test(spelling.alias) ? "ko" : undefined}
      >
        {spelling.alias} <X className="h-3 w-3 text-slate-500" aria-hidden />
      </Link>
    </li>
  ));
  return (
    <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
      <span className="text-slate-600">
        “{expansion.typed}” is <span className="font-medium text-slate-800">{expansion.entry.canonical}</span>; also
        searched:
      </span>
      {chips.length ? (
        <ul className="contents" aria-label={`Other spellings of ${expansion.entry.canonical} searched`}>
          {chips.slice(0, SHOWN)}
          {chips.length > SHOWN ? (
            <li>
              <details className="inline">
                <summary className="cursor-pointer text-xs text-accent-700 hover:underline">
                  {chips.length - SHOWN} more
                </summary>
                <ul className="mt-1 flex flex-wrap gap-1">{chips.slice(SHOWN)}</ul>
              </details>
            </li>
          ) : null}
        </ul>
      ) : (
        <span className="text-slate-500">no other spelling.</span>
      )}
      {expansion.searched.length ? (
        <Link
          prefetch={false}
          href={withoutAlias(
            filter,
            expansion.searched.map((spelling) => spelling.aliasId),
          )}
          className="text-xs text-accent-700 hover:underline"
        >
          Only “{expansion.typed}”
        </Link>
      ) : null}
      {expansion.removed.length ? (
        <span className="flex flex-wrap items-baseline gap-1">
          <span className="text-slate-500">Not searched:</span>
          <ul className="contents" aria-label={`Spellings of ${expansion.entry.canonical} not searched`}>
            {expansion.removed.map((spelling) => (
              <li key={spelling.aliasId}>
                <Link
                  prefetch={false}
                  href={withAlias(filter, spelling.aliasId)}
                  className={`${chip} bg-slate-50 text-slate-500 line-through ring-slate-200`}
                  aria-label={`Search ${spelling.alias} again`}
                >
                  {spelling.alias} <Plus className="h-3 w-3" aria-hidden />
                </Link>
              </li>
            ))}
          </ul>
        </span>
      ) : null}
    </div>
  );
}

export function SearchExpansion({ expansions, filter }: { expansions: AliasExpansion[]; filter: ArticleFilter }) {
  if (!expansions.length) return null;
  return (
    <section
      aria-label="Spellings searched"
      className="space-y-1 border-b border-slate-200 bg-slate-50 px-4 py-2 text-[13px]"
    >
      {expansions.map((expansion) => (
        <Expansion key={`${expansion.entry.id}:${expansion.typed}`} expansion={expansion} filter={filter} />
      ))}
    </section>
  );
}
