import type { Metadata } from "next";
import { Suspense } from "react";
import { requirePagePermission } from "@/lib/auth/session";
import { listFilterOptions, listTagsByIds } from "@/lib/data/filter-options";
import { listViews } from "@/lib/data/views";
import { listMyWatches } from "@/lib/data/watches";
import { can } from "@/lib/permissions";
import { filterToQueryString, parseArticleFilter } from "@/lib/validation/article-filter";
import { PageHeader } from "@/components/app/page-header";
import { FacetRailSkeleton } from "@/components/articles/facet-rail";
import { DeskRail } from "@/components/articles/desk-rail";
import { FilterBar } from "@/components/articles/filter-bar";
import {
  ArticleResults,
  FacetSection,
  ListSkeleton,
  startDeskLoads,
  TimelineSection,
  TimelineSkeleton,
} from "@/components/articles/list-sections";
import { SavedViews } from "@/components/articles/saved-views";
import { Notice } from "@/components/ui/notice";

export const metadata: Metadata = { title: "Articles" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// The analyst's desk: the filter lives in the URL (lib/validation/article-filter.ts), the rail holds saved
// views and facet counts, and the timeline and the list stream in as they are ready.
export default async function ArticlesPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePagePermission("articles:read");
  const parsed = parseArticleFilter(await searchParams);
  const notes = parsed.notes;
  // "Unread by me" is about the signed-in reader: the id comes from the session, never from the URL.
  const filter = { ...parsed.filter, readerId: user.id };
  const loads = startDeskLoads(filter);
  const [options, selectedTags, views, watches] = await Promise.all([
    listFilterOptions(),
    listTagsByIds(filter.tags ?? []),
    listViews({ id: user.id, role: user.role }),
    listMyWatches({ id: user.id, role: user.role }),
  ]);
  const query = filterToQueryString(filter, { cursor: false });
  // The list of a watched view marks its new matches.
  const watchedView = views.find((view) => view.query === query && watches[view.id]);
  const names = { themes: options.themes, sources: options.sources, tags: selectedTags };

  return (
    <>
      <PageHeader title="Articles" />
      <div className="grid min-h-[calc(100vh-4.5rem)] grid-cols-1 lg:grid-cols-[14.5rem_minmax(0,1fr)]">
        <DeskRail>
          <SavedViews
            views={views}
            currentQuery={query}
            canShare={can(user.role, "views:share")}
            isAdmin={user.role === "ADMIN"}
            watches={watches}
            timeZone={user.timeZone}
          />
          <Suspense key={`facets:${query}`} fallback={<FacetRailSkeleton />}>
            <FacetSection filter={filter} load={loads.facets} />
          </Suspense>
        </DeskRail>
        <div className="min-w-0">
          <FilterBar
            filter={filter}
            themes={options.themes}
            sources={options.sources}
            languages={options.languages}
            selectedTags={selectedTags}
          />
          {notes.length ? (
            <Notice tone="info" className="mx-4 mt-2">
              {notes.join(" ")}
            </Notice>
          ) : null}
          <Suspense key={`timeline:${query}`} fallback={<TimelineSkeleton />}>
            <TimelineSection filter={filter} load={loads.timeline} />
          </Suspense>
          <Suspense key={`list:${filterToQueryString(filter)}`} fallback={<ListSkeleton />}>
            <ArticleResults
              filter={filter}
              load={loads.list}
              user={user}
              themes={options.themes}
              names={names}
              watchedViewId={watchedView?.id}
            />
          </Suspense>
        </div>
      </div>
    </>
  );
}
