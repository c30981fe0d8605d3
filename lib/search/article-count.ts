import { Prisma } from "@/lib/generated/prisma/client";
import {
  buildSelection,
  isUnfiltered,
  looseFilter,
  SAMPLE_BUCKETS,
  selectRows,
  type ResolvedFilter,
} from "@/lib/search/article-sql";
import { countedFilter, facetCountsSql } from "@/lib/search/article-counts";
import { PROBE_ROWS, probeText, type SqlClient, type TextProbe } from "@/lib/search/text-strategy";

// The list's total. Exact when that is cheap; otherwise clearly not: "1,000+" (a count that stopped at
// a cap) or "about 160,000" (an estimate). An exact count(*) of a million rows costs ~70 ms, and of a
// common phrase seconds, for a number nobody reads to the last digit.

export type ArticleTotal = {
  value: number;
  exact: boolean;
  /** exact: the number; at_least: the count stopped at `value` ("1,000+"); estimate: about `value`. */
  kind: "exact" | "at_least" | "estimate";
};

/** Counting stops here for a selective full-text search (each match may be a TOAST read). */
export const TEXT_COUNT_CAP = 1_000;
/** Counting stops here without full text (an index entry and a heap row or two each, ~1 us). */
export const COUNT_CAP = 5_000;

/** What a page of a sparse phrase search counted on the way (list-articles.ts): its total, exact or estimated. */
export function phraseTotal(count: { loose: number; rows: number; matches: number }): ArticleTotal | null {
  if (count.loose > COUNT_CAP) return null;
  if (count.loose <= PHRASE_CHECK_CAP) return exact(count.matches);
  return { value: Math.round((count.loose * count.matches) / Math.max(count.rows, 1)), exact: false, kind: "estimate" };
}
/**
 * The total of a sparse phrase search whose page counted more than COUNT_CAP articles with its words: the
 * planner's estimate of those (never below what the page counted), scaled by the page's share of phrase
 * matches. Counting them again would read the same thousands of rows a second time.
 */
export async function phraseEstimate(
  client: SqlClient,
  filter: ResolvedFilter,
  count: { loose: number; rows: number; matches: number },
): Promise<ArticleTotal> {
  const loose = looseFilter(filter);
  const total = Math.max(await plannerEstimate(client, loose), count.loose);
  return { value: Math.round((total * count.matches) / Math.max(count.rows, 1)), exact: false, kind: "estimate" };
}

/** Hash lexemes (of SAMPLE_BUCKETS) a sampled count of the index's matches reads: a sixteenth of them. */
const LOOSE_SAMPLE_BUCKETS = 1;
/** Up to about this many articles with the words, reading them all is cheap enough to count exactly. */
const FEW_LOOSE = 1_000;
/** A sampled count stops here (an estimate of 16 x 4,000 articles with the words is plenty for "about"). */
const LOOSE_SAMPLE_CAP = 4_000;

/**
 * About how many articles hold a phrase search's words in any order, from a sixteenth of them that the index picks by
 * their hash lexemes (article-sql.ts): a heap row each for a sixteenth, where counting them all reads every one.
 */
export async function sampledLooseCount(client: SqlClient, filter: ResolvedFilter): Promise<number> {
  const loose = looseFilter(filter);
  const rows = selectRows(buildSelection(loose, { textMode: "index", sampleBuckets: LOOSE_SAMPLE_BUCKETS }), {
    linkOnly: true,
    limit: LOOSE_SAMPLE_CAP,
  });
  const [row] = await client.$queryRaw<{ n: number }[]>(Prisma.sql`SELECT count(*)::int AS n FROM (${rows}) c`);
  return Math.round((row.n * SAMPLE_BUCKETS) / LOOSE_SAMPLE_BUCKETS);
}

/**
 * The total of a sparse phrase search whose first page came from a window of its newest years (year-windows.ts):
 * the sampled count of the articles with its words, scaled by the window's share of phrase matches, and never
 * below what the window itself holds.
 */
export async function windowPhraseEstimate(
  client: SqlClient,
  filter: ResolvedFilter,
  windowCount: { loose: number; rows: number; matches: number },
  pageRows: number,
  /** sampledLooseCount(client, filter), when the caller started it already. */
  started?: Promise<number>,
): Promise<ArticleTotal> {
  const sampled = await (started ?? sampledLooseCount(client, filter));
  // Few enough to read them all: counted as any phrase search is, exactly up to PHRASE_CHECK_CAP.
  if (sampled <= FEW_LOOSE) return countPhrases(client, filter);
  const loose = Math.max(sampled, windowCount.loose);
  const share = windowCount.matches / Math.max(windowCount.rows, 1);
  const inWindow = Math.round(windowCount.loose * share);
  return { value: Math.max(Math.round(loose * share), inWindow, pageRows), exact: false, kind: "estimate" };
}

/** A search with phrases is counted exactly up to this many articles with its words (each checked from TOAST). */
export const PHRASE_CHECK_CAP = 300;
/** Otherwise the share of them that hold the phrases is measured on the newest this many. */
const PHRASE_SAMPLE = 200;

const exact = (value: number): ArticleTotal => ({ value, exact: true, kind: "exact" });

/** count(*) that stops after cap + 1 rows (null: no cap). */
async function cappedCount(client: SqlClient, filter: ResolvedFilter, cap: number | null): Promise<number> {
  const rows = selectRows(buildSelection(filter, { textMode: "index" }), {
    linkOnly: true,
    ...(cap === null ? {} : { limit: cap + 1 }),
  });
  const [row] = await client.$queryRaw<{ n: number }[]>(Prisma.sql`SELECT count(*)::int AS n FROM (${rows}) c`);
  return row.n;
}

/**
 * The planner's row estimate for the selection: instant, and good for dates, sources, themes and tags.
 * Several ids ("any of") are estimated as the sum of their walks: an upper bound, where the estimate of
 * their de-duplicated union is a default guess of 200.
 */
async function plannerEstimate(client: SqlClient, filter: ResolvedFilter): Promise<number> {
  const rows = selectRows(buildSelection(filter, { textMode: "index" }), { linkOnly: true, duplicates: true });
  const [row] = await client.$queryRaw<{ "QUERY PLAN": [{ Plan: { "Plan Rows": number } }] }[]>(
    Prisma.sql`EXPLAIN (FORMAT JSON) ${rows}`,
  );
  return Math.round(row["QUERY PLAN"][0].Plan["Plan Rows"]);
}

async function tableEstimate(client: SqlClient): Promise<number> {
  const [row] = await client.$queryRaw<{ estimate: number }[]>(
    Prisma.sql`SELECT GREATEST(reltuples, 0)::float8 AS estimate FROM pg_class WHERE oid = 'articles'::regclass`,
  );
  return Math.round(row.estimate);
}

/** The exact total from the precomputed counts (article-counts.ts), or null when they cannot say. */
async function countFromCounts(client: SqlClient, filter: ResolvedFilter): Promise<number | null> {
  const counted = countedFilter(filter);
  const sql = counted ? facetCountsSql(counted, [], undefined) : null;
  if (!sql) return null;
  const rows = await client.$queryRaw<{ dim: string; n: number }[]>(sql);
  return rows.find((row) => row.dim === "size")?.n ?? 0;
}

/** The total of a selection without full text (any tsquery in `filter` is ignored). */
export async function countWithoutText(client: SqlClient, filter: ResolvedFilter): Promise<ArticleTotal> {
  if (filter.tsquery) return countWithoutText(client, { ...filter, tsquery: null, search: null });
  // Dates, sources, one theme and one tag: exact in a few milliseconds, however many (the tag filter's capped
  // count visited 5,000 articles to leave teasers out: 160 ms at 1M).
  const fromCounts = await countFromCounts(client, filter);
  if (fromCounts !== null) return exact(fromCounts);
  if (isUnfiltered(filter)) {
    const estimate = await tableEstimate(client);
    // A small or never-analysed table (reltuples 0) is cheap to count.
    if (estimate <= COUNT_CAP) return exact(await cappedCount(client, filter, null));
    return { value: estimate, exact: false, kind: "estimate" };
  }
  const counted = await cappedCount(client, filter, COUNT_CAP);
  if (counted <= COUNT_CAP) return exact(counted);
  const estimate = await plannerEstimate(client, filter);
  return { value: Math.max(estimate, COUNT_CAP + 1), exact: false, kind: "estimate" };
}

/**
 * The total for `filter`. `topProbe` is the text probe from either end of the list (no keyset): it already read
 * the newest rows, so a small selection is counted exactly and a dense search is estimated from it.
 */
export async function countArticles(
  client: SqlClient,
  filter: ResolvedFilter,
  topProbe?: TextProbe | null,
): Promise<ArticleTotal> {
  if (!filter.tsquery) return countWithoutText(client, filter);
  const probe = topProbe ?? (await probeText(client, filter));
  if (probe.rows < PROBE_ROWS) return exact(probe.matches);
  if (probe.mode === "walk") {
    const base = await countWithoutText(client, filter);
    return { value: Math.round((base.value * probe.matches) / probe.rows), exact: false, kind: "estimate" };
  }
  if (filter.looseTsquery) return countPhrases(client, filter);
  const counted = await cappedCount(client, filter, TEXT_COUNT_CAP);
  return counted <= TEXT_COUNT_CAP ? exact(counted) : { value: TEXT_COUNT_CAP, exact: false, kind: "at_least" };
}

/**
 * A sparse search with phrases: the articles holding their words the index counts alone; few of them are checked
 * one by one, many are estimated by the share of phrase matches among the newest of them.
 */
async function countPhrases(client: SqlClient, filter: ResolvedFilter): Promise<ArticleTotal> {
  const loose = looseFilter(filter);
  const withWords = await cappedCount(client, loose, COUNT_CAP);
  if (withWords <= PHRASE_CHECK_CAP) return exact(await cappedCount(client, filter, null));
  const newest = selectRows(buildSelection(loose, { textMode: "index" }), {
    columns: Prisma.sql`a.search AS search`,
    order: "DESC",
    limit: PHRASE_SAMPLE,
  });
  const [sample] = await client.$queryRaw<{ rows: number; matches: number }[]>(Prisma.sql`
    SELECT count(*)::int AS rows, count(*) FILTER (WHERE ts_match_vq(p.search, ${filter.tsquery}))::int AS matches
    FROM (${newest}) p`);
  const count = { loose: withWords, rows: sample.rows, matches: sample.matches };
  return phraseTotal(count) ?? phraseEstimate(client, filter, count);
}
