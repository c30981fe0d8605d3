import "server-only";
import Link from "next/link";
import { unstable_rethrow } from "next/navigation";
import { ChevronLeft, ChevronRight, X } from "lucide-react";
import type { CurrentUser } from "@/lib/auth/session";
import { describeFilterChips, listHref, type FilterNames } from "@/lib/desk/filter-links";
import { compactRows } from "@/lib/desk/compact-rows";
import { toChartColumns } from "@/lib/desk/timeline-columns";
import { chooseTimelineBucket } from "@/lib/desk/timeline-range";
import { formatCount } from "@/lib/format";
import { readArticleIds } from "@/lib/data/article-reads";
import { can } from "@/lib/permissions";
import { unseenArticleIds } from "@/lib/data/watches";
import {
  articleFacets,
  articleTimeline,
  listArticles,
  type ArticleFacets,
  type ArticleListPage,
  type ArticleTimeline,
  type ArticleTotal,
} from "@/lib/search/list-articles";
import type { ArticleFilter } from "@/lib/validation/article-filter";
import { filterToQueryString } from "@/lib/validation/article-filter";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState, Notice } from "@/components/ui/notice";
import { FacetCounts } from "@/components/articles/facet-counts";
import { SearchExpansion } from "@/components/articles/search-expansion";
import { TimelineChart } from "@/components/articles/timeline-chart";
import { TriageList } from "@/components/articles/triage-list";
import { MarkSeenBar } from "@/components/articles/mark-seen-bar";
import type { BarOption } from "@/components/articles/filter-bar";

// Over 300 lines: the three streamed sections share the page's filter, paging and error handling, kept side by side.
//
// The article list page's slow parts, each streamed in its own <Suspense> so the filter bar answers at
// once: the result (list, total, paging), the facet counts and the timeline. A failure in one shows a
// message in its place; the rest of the page keeps working.

export const PAGE_SIZE = 50;

function logFailure(what: string, error: unknown) {
  unstable_rethrow(error);
  console.error(`article list: ${what} failed`, error);
}

export function formatTotal(total: ArticleTotal | null): string {
  if (!total) return "Articles";
  const noun = total.value === 1 && total.kind === "exact" ? "article" : "articles";
  if (total.kind === "estimate") return `About ${formatCount(total.value)} ${noun}`;
  if (total.kind === "at_least") return `${formatCount(total.value)}+ ${noun}`;
  return `${formatCount(total.value)} ${noun}`;
}

function matchingLabel(page: ArticleListPage): string | null {
  if (!page.nextCursor && !page.prevCursor) return null;
  const total = page.total;
  if (!total) return "";
  if (total.kind === "estimate") return `~${formatCount(total.value)}`;
  return total.kind === "at_least" ? `${formatCount(total.value)}+` : formatCount(total.value);
}

const PAGING = {
  newest: { next: "Older", previous: "Newer" },
  oldest: { next: "Newer", previous: "Older" },
  relevance: { next: "Next", previous: "Previous" },
} as const;

export type DeskLoads = {
  list: Promise<ArticleListPage | null>;
  facets: Promise<ArticleFacets | null>;
  timeline: Promise<ArticleTimeline | null>;
};

/**
 * Starts the three slow reads at once, as soon as the page knows its filter, so they run while the page
 * loads its options and views; each section then awaits its own. A failure resolves to null (logged).
 */
export function startDeskLoads(filter: ArticleFilter): DeskLoads {
  const bucket = chooseTimelineBucket(filter.from, filter.to, new Date());
  const loads = {
    list: loadOrNull("the list", () => listArticles(filter, { take: PAGE_SIZE })),
    facets: loadOrNull("the facets", () => articleFacets(filter)),
    timeline: loadOrNull("the timeline", () => articleTimeline(filter, { bucket })),
  };
  // Only Next's own signals are rethrown; they must not count as unhandled while the page is still busy.
  for (const load of Object.values(loads)) load.catch(() => undefined);
  return loads;
}

export async function ArticleResults({
  filter,
  load,
  user,
  themes,
  names,
  watchedViewId,
}: {
  filter: ArticleFilter;
  load: DeskLoads["list"];
  user: CurrentUser;
  themes: BarOption[];
  names: FilterNames;
  /** The list is this watched view's: its new matches are marked. */
  watchedViewId?: number;
}) {
  const page = await load;
  if (!page) {
    return (
      <div className="p-4">
        <Notice tone="error">
          The articles could not be loaded.{" "}
          <Link prefetch={false} href={listHref(filter)} className="font-medium underline">
            Try again
          </Link>
          ; if it keeps failing, tell an administrator.
        </Notice>
      </div>
    );
  }

  const searchNotes = page.search?.notes.length ? (
    <Notice tone="info" className="mx-4 mt-2">
      {page.search.notes.join(" ")}
    </Notice>
  ) : null;
  const expansion = <SearchExpansion expansions={page.search?.expansions ?? []} filter={filter} />;
  if (!page.items.length)
    return (
      <>
        {expansion}
        {searchNotes}
        <NoResults filter={filter} names={names} />
      </>
    );

  const fresh = watchedViewId
    ? await unseenArticleIds(
        watchedViewId,
        user,
        page.items.map((item) => item.id),
      )
    : null;
  const readIds = [
    ...(await readArticleIds(
      user.id,
      page.items.map((item) => item.id),
    ).catch(() => new Set<number>())),
  ];
  const labels = PAGING[filter.sort];
  const note = page.relevance?.capped
    ? `best matches among the newest ${formatCount(page.relevance.candidates)}`
    : undefined;
  return (
    <>
      {expansion}
      {searchNotes}
      {watchedViewId ? <MarkSeenBar viewId={watchedViewId} onPage={fresh?.size ?? 0} /> : null}
      <TriageList
        newIds={fresh ? [...fresh] : undefined}
        {...compactRows(page.items)}
        timeZone={user.timeZone}
        totalLabel={formatTotal(page.total)}
        matchingLabel={matchingLabel(page)}
        query={filterToQueryString(filter, { cursor: false })}
        listQuery={filterToQueryString(filter)}
        searchQuery={filter.q ? filterToQueryString({ q: filter.q, noAliases: filter.noAliases }) : ""}
        readIds={readIds}
        note={note}
        themes={themes}
        permissions={{
          tag: can(user.role, "articles:tag"),
          createTag: can(user.role, "tags:create"),
          review: can(user.role, "articles:review"),
          theme: can(user.role, "articles:theme"),
          export: can(user.role, "articles:export"),
        }}
      />
      {page.prevCursor || page.nextCursor ? (
        <nav
          aria-label="Pages"
          className="flex items-center justify-between border-t border-slate-200 bg-white px-4 py-2"
        >
          {page.prevCursor ? (
            <Link
              prefetch={false}
              href={`/?${filterToQueryString({ ...filter, cursor: page.prevCursor })}`}
              className={buttonClasses("secondary", "sm")}
              rel="prev"
            >
              <ChevronLeft className="h-3.5 w-3.5" aria-hidden /> {labels.previous}
            </Link>
          ) : (
            <span />
          )}
          {page.nextCursor ? (
            <Link
              prefetch={false}
              href={`/?${filterToQueryString({ ...filter, cursor: page.nextCursor })}`}
              className={buttonClasses("secondary", "sm")}
              rel="next"
            >
              {labels.next} <ChevronRight className="h-3.5 w-3.5" aria-hidden />
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}

function NoResults({ filter, names }: { filter: ArticleFilter; names: FilterNames }) {
  const chips = describeFilterChips(filter, names);
  return (
    <div className="p-4">
      {filter.cursor ? (
        <EmptyState title="No more articles this way">
          <Link prefetch={false} href={listHref(filter)} className="text-accent-700 underline">
            Back to the first page
          </Link>
        </EmptyState>
      ) : chips.length ? (
        <EmptyState title="No articles match.">
          <p>Remove a filter:</p>
          <ul className="mt-3 flex flex-wrap justify-center gap-1.5" aria-label="Filters to remove">
            {chips.map((chip) => (
              <li key={chip.key}>
                <Link
                  prefetch={false}
                  href={chip.href}
                  className="inline-flex items-center gap-1 rounded-full bg-slate-100 py-0.5 pr-1.5 pl-2 text-xs text-slate-700 ring-1 ring-slate-200 hover:bg-slate-200"
                  aria-label={`Remove filter ${chip.label}`}
                >
                  {chip.label} <X className="h-3 w-3" aria-hidden />
                </Link>
              </li>
            ))}
          </ul>
        </EmptyState>
      ) : (
        <EmptyState title="No articles yet">Articles appear here as feeds are polled or files are imported.</EmptyState>
      )}
    </div>
  );
}

/** The data, or null after logging why not: the JSX is built outside the try, where errors are the data's. */
async function loadOrNull<T>(what: string, load: () => Promise<T>): Promise<T | null> {
  try {
    return await load();
  } catch (error) {
    logFailure(what, error);
    return null;
  }
}

export async function FacetSection({ filter, load }: { filter: ArticleFilter; load: DeskLoads["facets"] }) {
  const facets = await load;
  if (!facets) return <p className="px-1.5 text-xs text-slate-500">The counts could not be loaded.</p>;
  return <FacetCounts facets={facets} filter={filter} query={filterToQueryString(filter, { cursor: false })} />;
}

export async function TimelineSection({ filter, load }: { filter: ArticleFilter; load: DeskLoads["timeline"] }) {
  const timeline = await load;
  if (!timeline)
    return (
      <p className="border-b border-slate-200 bg-white px-4 py-2 text-xs text-slate-500">
        The timeline could not be loaded.
      </p>
    );
  if (!timeline.buckets.length) return null;
  return (
    <TimelineChart
      columns={toChartColumns(timeline.buckets)}
      series={timeline.series}
      bucket={timeline.bucket}
      stacking={timeline.stacking}
      exact={timeline.exact}
      filter={filter}
    />
  );
}

export function ListSkeleton() {
  return (
    <div aria-hidden className="bg-white">
      <div className="h-10 border-b border-slate-200" />
      <ul className="divide-y divide-slate-100">
        {Array.from({ length: 8 }, (_, index) => (
          <li key={index} className="grid grid-cols-[6.5rem_1fr] gap-3 px-4 py-3">
            <div className="space-y-1.5">
              <div className="h-2.5 w-20 animate-pulse rounded bg-slate-200" />
              <div className="h-2.5 w-12 animate-pulse rounded bg-slate-100" />
            </div>
            <div className="space-y-1.5">
              <div className="h-3 animate-pulse rounded bg-slate-200" style={{ width: `${70 - (index % 3) * 12}%` }} />
              <div className="h-2.5 w-11/12 animate-pulse rounded bg-slate-100" />
            </div>
          </li>
        ))}
      </ul>
      <p className="sr-only" role="status">
        Loading articles…
      </p>
    </div>
  );
}

export function TimelineSkeleton() {
  return <div aria-hidden className="h-[6.25rem] animate-pulse border-b border-slate-200 bg-white" />;
}
