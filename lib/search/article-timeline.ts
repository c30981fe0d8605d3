import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { countArticles, countWithoutText, sampledLooseCount } from "@/lib/search/article-count";
import { countedFilter, timelineCountsSql, type CountedBucket, type CountedFilter } from "@/lib/search/article-counts";
import {
  buildSelection,
  SAMPLE_BUCKETS,
  selectRows,
  type ResolvedFilter,
  type TextMode,
} from "@/lib/search/article-sql";
import { probeText, type SqlClient } from "@/lib/search/text-strategy";
import type { ArticleFilter } from "@/lib/validation/article-filter";
import { resolveFilter } from "@/lib/search/resolve-filter";

// Articles per day, week or month for the current filter, with the result's most frequent themes.
//
// A filter of dates, sources, one theme and one tag is read from the precomputed counts (article-counts.ts): exact
// and a few milliseconds however broad, but they know each theme's articles, not which articles have which set of
// themes, so the themes are overlapping series ("overlapping": an article with two themes is in both; no "other").
// Under a theme filter that theme is the only series; under a source and a tag together, there is none.
//
// Any other filter is counted from the articles, stacked ("exclusive"): the top themes, then "other" (other themes
// and none), each article once, under the highest-ranked top theme it has, so a bucket's stacks add up to its total
// and the buckets add up to the list's total. That counting is exact while it is cheap. A broad filter ("Kim Jong Un"
// across thirty years) is counted on a deterministic sample and scaled up, flagged by `exact: false` and
// `sampleRate`: a hash of the article id keeps a share of the rows when the other filters select few enough to visit
// them all cheaply, and TABLESAMPLE SYSTEM reads only a share of the table's pages when they do not.

export type TimelineBucketSize = "day" | "week" | "month";
/** themeId null: "Other" (every other theme, and articles without one), in exclusive stacks only. */
export type TimelineSeries = { themeId: number | null; name: string; color: string | null };
/** counts: one per series; exclusive ones add up to `total`, overlapping ones need not. */
export type TimelineBucket = { start: Date; counts: number[]; total: number };
export type ArticleTimeline = {
  bucket: TimelineBucketSize;
  /** exclusive: each article in one stack, under its top-ranked theme; overlapping: in every series of its themes. */
  stacking: "exclusive" | "overlapping";
  series: TimelineSeries[];
  /** Every bucket from the first to the last (or the filter's dates), empty ones included. */
  buckets: TimelineBucket[];
  total: number;
  exact: boolean;
  /** 1 when every article was counted; else the share of articles counted (counts are scaled up). */
  sampleRate: number;
};

export const TIMELINE_TOP_THEMES = 6;
/**
 * Rows counted exactly before sampling kicks in: plain rows, and rows whose tsvector must be read. Larger
 * budgets also cross PostgreSQL's jit_above_cost, and compiling the query then costs ~60 ms by itself.
 */
export const TIMELINE_ROW_BUDGET = 5_000;
/**
 * Past this many base rows, visiting each to hash its id costs more than reading a share of the pages:
 * link-table entries and a date range of articles are read in index order, cheaply; all articles of other
 * filters (status, source, language) are scattered heap rows.
 */
const HASH_SAMPLE_MAX_BASE = { walked: 150_000, scattered: 25_000 };
const MAX_FILLED_BUCKETS = 5_000;
/** A phrase search checks at most this share of the row budget from TOAST, each check ~20 us. */
const PHRASE_BUDGET_SHARE = 5;

type Sampling =
  | { kind: "none" }
  | { kind: "hash"; every: number }
  | { kind: "pages"; percent: number }
  | { kind: "lexemes"; buckets: number };

type TimelineRow = {
  bucket: Date;
  r: number | null;
  n: number;
  themeId: number | null;
  name: string | null;
  color: string | null;
};

function timelineSql(
  filter: ResolvedFilter,
  bucket: TimelineBucketSize,
  textMode: TextMode,
  sampling: Sampling,
  top: number,
): Prisma.Sql {
  const selection = buildSelection(filter, {
    textMode,
    articlesDriver: sampling.kind === "pages",
    // The planner guesses 0.5% for `= 0` on an expression: low, which keeps it from parallel workers and
    // JIT compilation (~60 ms) that a few thousand index probes never repay.
    gate: sampling.kind === "hash" ? (id) => Prisma.sql`hashint4(${id}) % ${sampling.every} = 0` : undefined,
    sampleBuckets: sampling.kind === "lexemes" ? sampling.buckets : undefined,
  });
  const rows = selectRows(selection, {
    // A bare theme or tag filter needs no article row: its link table has the date.
    linkOnly: true,
    articlesFrom:
      sampling.kind === "pages"
        ? Prisma.sql`articles a TABLESAMPLE SYSTEM (${sampling.percent}::float8) REPEATABLE (20261127)`
        : undefined,
  });
  // Each article's themes come from a per-row primary-key lookup: a join would let the planner hash all
  // of article_themes (1.3M rows) for a sample of thousands.
  return Prisma.sql`
    WITH m AS MATERIALIZED (
      SELECT date_trunc(${bucket}, r.published_at, 'UTC') AS bucket,
             ARRAY(SELECT l.theme_id FROM article_themes l WHERE l.article_id = r.id AND NOT l.excluded) AS themes
      FROM (${rows}) r
    ), top AS (
      SELECT theme_id, row_number() OVER (ORDER BY count(*) DESC, theme_id)::int AS r
      FROM m CROSS JOIN LATERAL unnest(m.themes) AS theme_id
      GROUP BY theme_id ORDER BY r LIMIT ${top}
    ), assigned AS (
      SELECT m.bucket, (SELECT min(top.r) FROM top WHERE top.theme_id = ANY(m.themes)) AS r FROM m
    )
    SELECT x.bucket, x.r, x.n, t.id AS "themeId", t.name, t.color
    FROM (SELECT bucket, r, count(*)::int AS n FROM assigned GROUP BY bucket, r) x
    LEFT JOIN top ON top.r = x.r
    LEFT JOIN themes t ON t.id = top.theme_id
    ORDER BY x.bucket`;
}

function nextBucket(start: Date, bucket: TimelineBucketSize): Date {
  const next = new Date(start);
  if (bucket === "day") next.setUTCDate(next.getUTCDate() + 1);
  else if (bucket === "week") next.setUTCDate(next.getUTCDate() + 7);
  else next.setUTCMonth(next.getUTCMonth() + 1);
  return next;
}

/** The start of the bucket holding `date`, as date_trunc(bucket, date, 'UTC') computes it. */
function bucketStart(date: Date, bucket: TimelineBucketSize): Date {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  if (bucket === "month") return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), 1));
  if (bucket === "week") day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return day;
}

async function chooseSampling(
  client: SqlClient,
  filter: ResolvedFilter,
  rowBudget: number,
): Promise<{ sampling: Sampling; textMode: TextMode }> {
  const probe = filter.tsquery ? await probeText(client, filter) : null;
  const textMode = probe?.mode ?? "index";
  // A sparse search is bounded by its GIN matches: count them all, unless it has phrases, whose check reads
  // each match's vector from TOAST (5,600 matches of 경제건설: ~0.4 s). Those are sampled past a fifth of the budget
  // by the index itself, through the hash lexemes it holds (article-sql.ts), so the rows left out are never read
  // from the heap either; a sampled count of the index's matches tells how many there are. A dense search costs
  // the rows its walk reads, whatever matches.
  if (textMode === "index" && filter.tsquery) {
    if (!filter.looseTsquery) return { sampling: { kind: "none" }, textMode };
    const budget = rowBudget / PHRASE_BUDGET_SHARE;
    const loose = await sampledLooseCount(client, filter);
    const buckets = Math.floor((SAMPLE_BUCKETS * budget) / Math.max(loose, 1));
    if (buckets >= SAMPLE_BUCKETS) return { sampling: { kind: "none" }, textMode };
    return { sampling: { kind: "lexemes", buckets: Math.max(1, buckets) }, textMode };
  }
  const denseText = textMode === "walk";
  const work = denseText ? await countWithoutText(client, filter) : await countArticles(client, filter, probe);
  // A row whose tsvector must be read costs about twice a plain one.
  const budget = denseText ? rowBudget / 2 : rowBudget;
  if (work.value <= budget) return { sampling: { kind: "none" }, textMode };
  const rate = budget / work.value;
  const walked = buildSelection(filter, { textMode }).driver !== "articles" || filter.from || filter.toExclusive;
  if (work.value <= HASH_SAMPLE_MAX_BASE[walked ? "walked" : "scattered"]) {
    return { sampling: { kind: "hash", every: Math.max(2, Math.ceil(1 / rate)) }, textMode };
  }
  return { sampling: { kind: "pages", percent: Math.max(0.01, Math.min(100, rate * 100)) }, textMode };
}

/** Articles per bucket for `filter`, with the top themes of the result: overlapping from the counts, else stacked. */
export async function articleTimeline(
  filter: ArticleFilter,
  options: {
    bucket: TimelineBucketSize;
    now?: Date;
    client?: SqlClient;
    topThemes?: number;
    /** Rows counted exactly before sampling (TIMELINE_ROW_BUDGET). */
    rowBudget?: number;
  },
): Promise<ArticleTimeline> {
  const client = options.client ?? db;
  const resolved = await resolveFilter(client, filter, options.now);
  const top = options.topThemes ?? TIMELINE_TOP_THEMES;
  const counted = countedFilter(resolved);
  const fromCounts = counted && (await countedTimelineRows(client, counted, options.bucket, top));
  if (fromCounts)
    return assemble(fromCounts, resolved, options.bucket, { stacking: "overlapping", exact: true, sampleRate: 1 });
  const { sampling, textMode } = await chooseSampling(client, resolved, options.rowBudget ?? TIMELINE_ROW_BUDGET);
  const rows = await client.$queryRaw<TimelineRow[]>(timelineSql(resolved, options.bucket, textMode, sampling, top));
  const sampleRate =
    sampling.kind === "hash"
      ? 1 / sampling.every
      : sampling.kind === "pages"
        ? sampling.percent / 100
        : sampling.kind === "lexemes"
          ? sampling.buckets / SAMPLE_BUCKETS
          : 1;
  return assemble(rows, resolved, options.bucket, {
    stacking: "exclusive",
    exact: sampling.kind === "none",
    sampleRate,
  });
}

/**
 * The timeline's rows from the precomputed counts (one statement), null when they cannot say. Under a theme filter
 * the theme is the series, and its counts are the totals.
 */
async function countedTimelineRows(
  client: SqlClient,
  filter: CountedFilter,
  bucket: TimelineBucketSize,
  top: number,
): Promise<TimelineRow[] | null> {
  const sql = timelineCountsSql(filter, bucket, top);
  if (!sql) return null;
  const [result] = await client.$queryRaw<{ themes: string; buckets: string }[]>(sql);
  const themes = JSON.parse(result.themes) as [number, string, string | null][];
  const buckets = JSON.parse(result.buckets) as CountedBucket[];
  const row = (start: Date, n: number, r: number | null): TimelineRow => {
    const theme = r === null ? undefined : themes[r - 1];
    return { bucket: start, n, r, themeId: theme?.[0] ?? null, name: theme?.[1] ?? null, color: theme?.[2] ?? null };
  };
  return buckets.flatMap(([ms, total, counts]) => {
    const start = new Date(ms);
    const series =
      filter.theme !== undefined ? [row(start, total, 1)] : themes.map((_, i) => row(start, counts[i], i + 1));
    return [row(start, total, null), ...series.slice(0, themes.length)];
  });
}

/**
 * The timeline from its rows. Exclusive: each row a stack (r: the theme's rank; null: "other"), all adding up to the
 * total. Overlapping: rows with r null are the totals, the others a theme's articles.
 */
function assemble(
  rows: TimelineRow[],
  resolved: ResolvedFilter,
  bucket: TimelineBucketSize,
  { stacking, exact, sampleRate }: Pick<ArticleTimeline, "stacking" | "exact" | "sampleRate">,
): ArticleTimeline {
  const ranks = new Map<number, TimelineSeries>();
  for (const row of rows) {
    if (row.r !== null && row.themeId !== null)
      ranks.set(row.r, { themeId: row.themeId, name: row.name ?? "", color: row.color });
  }
  const ordered = [...ranks.entries()].sort((a, b) => a[0] - b[0]);
  const seriesIndex = new Map(ordered.map(([rank], index) => [rank, index]));
  const series: TimelineSeries[] = ordered.map(([, value]) => value);
  if (stacking === "exclusive") series.push({ themeId: null, name: "Other", color: null });
  const otherIndex = series.length - 1;

  const byStart = new Map<number, TimelineBucket>();
  const bucketFor = (start: Date) => {
    let entry = byStart.get(start.getTime());
    if (!entry) {
      entry = { start, counts: series.map(() => 0), total: 0 };
      byStart.set(start.getTime(), entry);
    }
    return entry;
  };
  for (const row of rows) {
    const count = Math.round(row.n / sampleRate);
    const entry = bucketFor(row.bucket);
    if (stacking === "overlapping") {
      if (row.r === null) entry.total += count;
      else entry.counts[seriesIndex.get(row.r)!] += count;
      continue;
    }
    entry.counts[row.r === null ? otherIndex : (seriesIndex.get(row.r) ?? otherIndex)] += count;
    entry.total += count;
  }

  const starts = [...byStart.keys()].sort((a, b) => a - b);
  const first = resolved.from ? bucketStart(resolved.from, bucket).getTime() : starts[0];
  const last = resolved.toExclusive
    ? bucketStart(new Date(resolved.toExclusive.getTime() - 1), bucket).getTime()
    : starts[starts.length - 1];
  if (first !== undefined && last !== undefined) {
    let filled = 0;
    for (
      let at = new Date(first);
      at.getTime() <= last && filled < MAX_FILLED_BUCKETS;
      at = nextBucket(at, bucket), filled++
    )
      bucketFor(at);
  }
  const buckets = [...byStart.values()].sort((a, b) => a.start.getTime() - b.start.getTime());
  return {
    bucket,
    stacking,
    series,
    buckets,
    total: buckets.reduce((sum, entry) => sum + entry.total, 0),
    exact,
    sampleRate,
  };
}
