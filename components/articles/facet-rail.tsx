import Link from "next/link";
import { Check } from "lucide-react";
import { listHref, toggleId, type IdDimension } from "@/lib/desk/filter-links";
import type { ArticleFacets, FacetGroup } from "@/lib/search/article-facets";
import { formatCount } from "@/lib/format";
import type { ArticleFilter } from "@/lib/validation/article-filter-url";
import { cn } from "@/components/ui/cn";
import { ThemeDot } from "@/components/articles/labels";

// Facet counts under the current filter: how many of the result carry each theme, source and tag. Each
// dimension is counted without its own selection, so a second theme shows what it would add; clicking
// one adds it to the filter (or removes it when chosen).

const SHOWN = 8;
const GROUPS: { dimension: IdDimension; title: string; dots: boolean }[] = [
  { dimension: "themes", title: "Themes", dots: true },
  { dimension: "sources", title: "Sources", dots: false },
  { dimension: "tags", title: "Tags", dots: true },
];

export function FacetRail({ facets, filter }: { facets: ArticleFacets; filter: ArticleFilter }) {
  return (
    <div className="space-y-4">
      {GROUPS.map(({ dimension, title, dots }) => (
        <FacetList
          key={dimension}
          title={title}
          group={facets[dimension]}
          dots={dots}
          hrefFor={(id) => listHref(toggleId(filter, dimension, id))}
        />
      ))}
    </div>
  );
}

function FacetList({
  title,
  group,
  dots,
  hrefFor,
}: {
  title: string;
  group: FacetGroup;
  dots: boolean;
  hrefFor: (id: number) => string;
}) {
  const headingId = `facet-${title.toLowerCase()}`;
  const item = (count: FacetGroup["counts"][number]) => (
    <li key={count.id}>
      <Link
        prefetch={false}
        href={hrefFor(count.id)}
        className={cn(
          "flex min-h-6 items-center gap-1.5 rounded px-1.5 py-0.5 text-xs hover:bg-white",
          count.selected ? "font-medium text-accent-700" : "text-slate-700",
        )}
      >
        {count.selected ? (
          <Check className="h-3 w-3 shrink-0" aria-hidden />
        ) : dots ? (
          <ThemeDot color={count.color} />
        ) : null}
        <span className="min-w-0 flex-1 truncate" title={count.name}>
          {count.name}
        </span>
        {count.selected ? <span className="sr-only">(in the filter; remove)</span> : null}
        <span className="text-slate-500 tabular-nums">{formatCount(count.count)}</span>
      </Link>
    </li>
  );
  const top = group.counts.slice(0, SHOWN);
  const rest = group.counts.slice(SHOWN);
  return (
    <section aria-labelledby={headingId}>
      <h2
        id={headingId}
        className="mb-1 flex items-baseline justify-between px-1.5 text-[11px] font-semibold tracking-wide text-slate-500 uppercase"
      >
        {title}
        {!group.exact && group.counts.length ? (
          <span
            className="font-normal tracking-normal normal-case"
            title={`Counted on the newest ${formatCount(group.sampled)} matching articles only`}
          >
            newest only
          </span>
        ) : null}
      </h2>
      {group.counts.length ? (
        <ul>
          {top.map(item)}
          {rest.length ? (
            <li>
              <details>
                <summary className="flex min-h-6 cursor-pointer items-center px-1.5 py-0.5 text-xs text-accent-700">
                  {rest.length} more
                </summary>
                <ul>{rest.map(item)}</ul>
              </details>
            </li>
          ) : null}
        </ul>
      ) : (
        <p className="px-1.5 text-xs text-slate-400">None in this result.</p>
      )}
    </section>
  );
}

export function FacetRailSkeleton() {
  return (
    <div className="space-y-4" aria-hidden>
      {GROUPS.map(({ dimension }) => (
        <div key={dimension} className="space-y-1.5 px-1.5">
          <div className="h-2.5 w-16 rounded bg-slate-200" />
          {[0, 1, 2, 3].map((row) => (
            <div
              key={row}
              className="h-3 animate-pulse rounded bg-slate-200/70"
              style={{ width: `${85 - row * 12}%` }}
            />
          ))}
        </div>
      ))}
    </div>
  );
}
