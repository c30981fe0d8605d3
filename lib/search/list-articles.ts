import "server-only";
import { db } from "@/lib/db";
import type { ReviewStatus, ThemeOrigin } from "@/lib/generated/prisma/enums";
import { countArticles, TEXT_COUNT_CAP, type ArticleTotal } from "@/lib/search/article-count";
import { loadArticleRelations } from "@/lib/search/article-relations";
import { resolveFilter, type TextMode } from "@/lib/search/article-sql";
import { decodeListCursor, encodeListCursor, type ListCursor } from "@/lib/search/cursor";
import { plainSegments, splitHighlighted, type HighlightSegment } from "@/lib/search/highlight";
import {
  dateOrderQuery,
  keysetFor,
  queryPage,
  RANK_SCALE,
  RELEVANCE_CANDIDATES,
  relevanceQuery,
  type PageRow,
} from "@/lib/search/list-page-sql";
import { probeText, type SqlClient } from "@/lib/search/text-strategy";
import type { ArticleFilter, ArticleSort } from "@/lib/validation/article-filter";

// The analysts' article list: one page of a filtered, sorted list, keyset-paged (never OFFSET), with its
// relations and a total. See article-sql.ts for how each filter walks an index in list order, and
// text-strategy.ts for how full text picks between the GIN index and the date walk.
//
// Relevance: ranking every match of a common phrase reads every matching tsvector from TOAST (~3 s for
// "Kim Jong Un" on 1M articles), so only the newest RELEVANCE_CANDIDATES matches (within the date
// filter, if any) are ranked; `relevance.capped` says when that cut anything off, and the page should say
// "best matches among the newest 500".

export type { ArticleTotal } from "@/lib/search/article-count";
export type { SqlClient } from "@/lib/search/text-strategy";
export { articleFacets, type ArticleFacets, type FacetCount, type FacetGroup } from "@/lib/search/article-facets";
export { RELEVANCE_CANDIDATES } from "@/lib/search/list-page-sql";
export {
  articleTimeline,
  type ArticleTimeline,
  type TimelineBucket,
  type TimelineSeries,
} from "@/lib/search/article-timeline";

export const MAX_TAKE = 200;

export type ArticleRow = {
  id: number;
  title: string;
  /** The excerpt with the search's matched words marked. */
  excerpt: HighlightSegment[];
  publishedAt: Date;
  /** The source gave no date: publishedAt is when the item was first seen. */
  undated: boolean;
  source: { id: number; name: string };
  reviewStatus: ReviewStatus;
  complete: boolean;
  language: string;
  themes: { id: number; name: string; color: string; origin: ThemeOrigin }[];
  tags: { id: number; name: string; color: string }[];
  annotationCount: number;
  /** Relevance sort only: ts_rank (title weighs more than body, long texts normalised). */
  rank?: number;
};

export type ArticleListPage = {
  items: ArticleRow[];
  /** Cursor of the next page in the list's order, null on the last page. */
  nextCursor: string | null;
  /** Cursor of the previous page, null on the first page. */
  prevCursor: string | null;
  /** Null only when the caller asked for no count. */
  total: ArticleTotal | null;
  /** Relevance sort only: how many of the newest matches were ranked, and whether there were more. */
  relevance?: { candidates: number; capped: boolean };
  /** How the full-text filter ran ("walk": date order; "index": GIN), for the benchmark and debugging. */
  textMode?: TextMode;
};

export type ListOptions = {
  take?: number;
  /** Resolves a relative date range (filter.range); defaults to the current time. */
  now?: Date;
  /** Leave out the total (e.g. when the caller already shows it). */
  count?: boolean;
  /** Another database than the app's (the benchmark's). */
  client?: SqlClient;
};

function clampTake(take: number | undefined): number {
  return Math.min(Math.max(Math.trunc(take ?? 50), 1), MAX_TAKE);
}

/** The total when the page query already tells it, else null. */
function totalFromPage(page: {
  countInPage: boolean;
  sort: ArticleSort;
  cursor: ListCursor | null;
  hasMore: boolean;
  rows: number;
  candidates: number;
}): ArticleTotal | null {
  const exact = (value: number): ArticleTotal => ({ value, exact: true, kind: "exact" });
  if (page.countInPage)
    return page.candidates <= TEXT_COUNT_CAP
      ? exact(page.candidates)
      : { value: TEXT_COUNT_CAP, exact: false, kind: "at_least" };
  // Relevance candidates that were not capped are every match.
  if (page.sort === "relevance")
    return page.rows && page.candidates <= RELEVANCE_CANDIDATES ? exact(page.candidates) : null;
  // A first page that holds everything is its own total.
  return !page.cursor && !page.hasMore ? exact(page.rows) : null;
}

/** One page of the article list for `filter` (parsed by lib/validation/article-filter.ts). */
export async function listArticles(filter: ArticleFilter, options: ListOptions = {}): Promise<ArticleListPage> {
  const client = options.client ?? db;
  const take = clampTake(options.take);
  const resolved = resolveFilter(filter, options.now);
  const sort = filter.sort === "relevance" && !resolved.tsquery ? "newest" : filter.sort;
  const cursor = decodeListCursor(filter.cursor, sort);
  const descending = sort !== "oldest";
  const keyset = sort === "relevance" ? undefined : keysetFor(cursor, descending);

  // The probe from the list's start serves the total; a later page probes where it starts, since the
  // density of matches there decides its plan.
  const topProbe = resolved.tsquery ? await probeText(client, resolved, { order: descending ? "DESC" : "ASC" }) : null;
  const pageProbe =
    keyset && resolved.tsquery
      ? await probeText(client, resolved, { keyset, order: keyset.op === "<" ? "DESC" : "ASC" })
      : topProbe;
  const textMode = pageProbe?.mode ?? "index";

  const countInPage =
    sort !== "relevance" && !cursor && textMode === "index" && Boolean(resolved.tsquery) && options.count !== false;
  const query =
    sort === "relevance"
      ? relevanceQuery(resolved, textMode, cursor, take + 1)
      : dateOrderQuery(resolved, textMode, descending, cursor, take + 1, countInPage ? TEXT_COUNT_CAP : undefined);
  const rows = await queryPage(client, query, resolved);

  const backwards = cursor?.direction === "before";
  const hasMore = rows.length > take;
  const pageRows = rows.slice(0, take);
  if (backwards) pageRows.reverse();
  const ids = pageRows.map((row) => row.id);

  const candidates = rows[0]?.candidates ?? 0;
  const known = totalFromPage({ countInPage, sort, cursor, hasMore, rows: rows.length, candidates });
  const [relations, total] = await Promise.all([
    ids.length ? loadArticleRelations(client, ids) : Promise.resolve(null),
    known ?? (options.count === false ? null : countArticles(client, resolved, topProbe)),
  ]);

  const items: ArticleRow[] = pageRows.map((row) => ({
    id: row.id,
    title: row.title,
    excerpt: resolved.tsquery ? splitHighlighted(row.excerpt) : plainSegments(row.excerpt),
    publishedAt: row.publishedAt,
    undated: row.undated,
    source: { id: row.sourceId, name: row.sourceName },
    reviewStatus: row.reviewStatus,
    complete: row.complete,
    language: row.language,
    themes: relations?.themes.get(row.id) ?? [],
    tags: relations?.tags.get(row.id) ?? [],
    annotationCount: relations?.annotations.get(row.id) ?? 0,
    ...(row.rank !== null ? { rank: row.rank / RANK_SCALE } : {}),
  }));

  const cursorOf = (row: PageRow, direction: ListCursor["direction"]) =>
    encodeListCursor({
      sort,
      direction,
      publishedAt: row.publishedAt,
      id: row.id,
      ...(row.rank !== null ? { rank: row.rank } : {}),
    });
  const first = pageRows[0];
  const last = pageRows[pageRows.length - 1];
  // Going forward, more rows mean a next page, and having come from a cursor means a previous one;
  // walking back, the roles swap.
  const hasNext = backwards ? Boolean(cursor) : hasMore;
  const hasPrev = backwards ? hasMore : Boolean(cursor);

  return {
    items,
    nextCursor: last && hasNext ? cursorOf(last, "after") : null,
    prevCursor: first && hasPrev ? cursorOf(first, "before") : null,
    total,
    ...(sort === "relevance"
      ? {
          relevance: {
            candidates: Math.min(candidates, RELEVANCE_CANDIDATES),
            capped: candidates > RELEVANCE_CANDIDATES,
          },
        }
      : {}),
    ...(resolved.tsquery ? { textMode } : {}),
  };
}
