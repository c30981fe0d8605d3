import "server-only";
import { db } from "@/lib/db";
import type { ReviewStatus, ThemeOrigin } from "@/lib/generated/prisma/enums";
import {
  countArticles,
  phraseEstimate,
  phraseTotal,
  sampledLooseCount,
  TEXT_COUNT_CAP,
  windowPhraseEstimate,
  type ArticleTotal,
} from "@/lib/search/article-count";
import { checkRelations } from "@/lib/search/article-relations";
import type { ResolvedFilter, TextMode } from "@/lib/search/article-sql";
import { decodeListCursor, encodeListCursor, type ListCursor } from "@/lib/search/cursor";
import { plainSegments, type HighlightSegment } from "@/lib/search/highlight";
import { dateOrderQuery, keysetFor, pageSql, type PageRow } from "@/lib/search/list-page-sql";
import { markSnippets } from "@/lib/search/snippets";
import {
  RANK_SCALE,
  RELEVANCE_CANDIDATES,
  rankingFromEnvironment,
  relevanceQuery,
  type RankExplanation,
  type Ranking,
} from "@/lib/search/relevance";
import { resolveFilter } from "@/lib/search/resolve-filter";
import { probeText, type SqlClient } from "@/lib/search/text-strategy";
import { firstFilledWindow, yearWindows } from "@/lib/search/year-windows";
import type { ArticleFilter, ArticleSort } from "@/lib/validation/article-filter";

// The analysts' article list: one page of a filtered, sorted list, keyset-paged (never OFFSET), with its
// relations and a total. See article-sql.ts for how each filter walks an index in list order, and
// text-strategy.ts for how full text picks between the GIN index and the date walk.
//
// Relevance (relevance.ts) ranks only the newest RELEVANCE_CANDIDATES matches; `relevance.capped` says
// when that cut anything off, and the page should say "best matches among the newest 500".

export type { ArticleTotal } from "@/lib/search/article-count";
export type { SqlClient } from "@/lib/search/text-strategy";
export { articleFacets, type ArticleFacets, type FacetCount, type FacetGroup } from "@/lib/search/article-facets";
export {
  articleTimeline,
  type ArticleTimeline,
  type TimelineBucket,
  type TimelineSeries,
} from "@/lib/search/article-timeline";

export { RELEVANCE_CANDIDATES } from "@/lib/search/relevance";
export type { RankExplanation } from "@/lib/search/relevance";
export const MAX_TAKE = 200;
/**
 * Rows of a year window (year-windows.ts) checked for the share of phrase matches: the total is an estimate then
 * anyway, and each check is a TOAST read (~0.1 ms for a Korean article's vector).
 */
const WINDOW_PHRASE_SAMPLE = 100;

export type ArticleRow = {
  id: number;
  title: string;
  /** The excerpt with the search's matched words marked. */
  excerpt: HighlightSegment[];
  publishedAt: Date;
  source: { id: number; name: string };
  reviewStatus: ReviewStatus;
  complete: boolean;
  /** No usable date at the source: publishedAt is when the item was first seen. */
  undated: boolean;
  language: string;
  /** Last change seen at the source, and when the source said the page was gone (null: neither). */
  editedAt: Date | null;
  goneAt: Date | null;
  themes: { id: number; name: string; color: string; origin: ThemeOrigin }[];
  tags: { id: number; name: string; color: string }[];
  annotationCount: number;
  /** Relevance sort only: the score (relevance.ts), and its parts for the desk to explain. */
  rank?: number;
  explain?: RankExplanation;
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
  /** With a search: the spellings the names register added, and why part of the search finds nothing. */
  search?: ResolvedFilter["expansion"];
};

export type ListOptions = {
  take?: number;
  /** Resolves a relative date range (filter.range); defaults to the current time. */
  now?: Date;
  /** Leave out the total (e.g. when the caller already shows it). */
  count?: boolean;
  /** Another database than the app's (the benchmark's). */
  client?: SqlClient;
  /** Relevance weights and half-life; SEARCH_RECENCY_HALF_LIFE_DAYS or the defaults otherwise. */
  ranking?: Ranking;
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
  const resolved = await resolveFilter(client, filter, options.now);
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

  const ranking = options.ranking ?? rankingFromEnvironment();
  const countInPage =
    sort !== "relevance" && !cursor && textMode === "index" && Boolean(resolved.tsquery) && options.count !== false;
  const query =
    sort === "relevance"
      ? relevanceQuery(resolved, textMode, cursor, take + 1, {
          now: options.now ?? new Date(),
          ranking,
        })
      : dateOrderQuery(resolved, textMode, descending, cursor, take + 1, countInPage ? TEXT_COUNT_CAP : undefined);
  // A sparse phrase search's first page looks in its newest years first (year-windows.ts).
  const windows =
    countInPage && resolved.looseTsquery ? yearWindows(resolved, topProbe?.edge ?? null, descending) : [resolved];
  // When the newest year fills the page, its total is estimated from a sampled count of the whole selection
  // (windowPhraseEstimate), which needs nothing from the page: it runs beside the page's statement rather than
  // after it (~10 ms for a name in ten spellings at 1M). Wasted only when no window but the whole one fills the page.
  const sampledLoose = windows.length > 1 && options.count !== false ? sampledLooseCount(client, resolved) : undefined;
  // Handled here so that a page that never needs it (or fails first) leaves no unhandled rejection behind.
  sampledLoose?.catch(() => {});
  const { result: rows, whole } = await firstFilledWindow(
    windows,
    (window) =>
      client.$queryRaw<PageRow[]>(
        pageSql(
          window === resolved
            ? query
            : dateOrderQuery(window, textMode, descending, cursor, take + 1, TEXT_COUNT_CAP, WINDOW_PHRASE_SAMPLE),
          window,
        ),
      ),
    (found) => found.length > take,
  );

  const backwards = cursor?.direction === "before";
  const hasMore = rows.length > take;
  const pageRows = rows.slice(0, take);
  if (backwards) pageRows.reverse();

  const candidates = rows[0]?.candidates ?? 0;
  const phraseCount = rows[0]?.phraseCount;
  const known = !whole
    ? null
    : phraseCount
      ? phraseTotal(phraseCount)
      : totalFromPage({ countInPage, sort, cursor, hasMore, rows: rows.length, candidates });
  const snippetRows = pageRows.filter((row) => Array.isArray(row.excerpt));
  const snippets = snippetRows.map((row) => row.excerpt as [string, string]);
  const parsed = snippetRows.map((row) => ({ tokens: row.passageTokens ?? null, vector: row.passageVector ?? "" }));
  const relations = checkRelations(pageRows);
  const [total, marked] = await Promise.all([
    known ??
      (options.count === false
        ? null
        : phraseCount && !whole
          ? windowPhraseEstimate(client, resolved, phraseCount, rows.length, sampledLoose)
          : phraseCount
            ? phraseEstimate(client, resolved, phraseCount)
            : countArticles(client, resolved, topProbe)),
    resolved.search && snippets.length ? markSnippets(client, snippets, resolved.search, parsed) : Promise.resolve([]),
  ]);
  let nextSnippet = 0;

  const items: ArticleRow[] = pageRows.map((row, i) => ({
    id: row.id,
    title: row.title,
    excerpt: Array.isArray(row.excerpt) ? marked[nextSnippet++] : plainSegments(row.excerpt),
    publishedAt: row.publishedAt,
    source: { id: row.sourceId, name: row.sourceName },
    reviewStatus: row.reviewStatus,
    complete: row.complete,
    undated: row.undated,
    language: row.language,
    editedAt: row.editedAt,
    goneAt: row.goneAt,
    themes: relations[i].themes,
    tags: relations[i].tags,
    annotationCount: relations[i].annotationCount,
    ...(row.rank !== null ? { rank: row.rank / RANK_SCALE } : {}),
    ...(row.explain ? { explain: { ...row.explain, weights: ranking.weights } } : {}),
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
    ...(resolved.expansion ? { search: resolved.expansion } : {}),
  };
}
