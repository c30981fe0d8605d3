import { Prisma } from "@/lib/generated/prisma/client";
import type { ArticleCountGrain, ArticleCountKind } from "@/lib/generated/prisma/enums";
import type { FacetDimension, ResolvedFilter } from "@/lib/search/article-sql";
import type { TimelineBucketSize } from "@/lib/search/article-timeline";

// The precomputed article counts (article_counts plus its pending article_count_changes; migration
// 20261203008000_article_counts) as the facets and the timeline read them. They count complete articles per UTC day,
// month and year: in all, per source, live theme and tag, and per one of those among the articles of another. So they
// answer exactly, in a few milliseconds, a filter made only of whole days, sources, one theme and one tag, two of
// those dimensions at most, teasers hidden; anything else (a search, a status, a language...) is counted from the
// articles themselves.

type Kind = ArticleCountKind;
type CountGrain = ArticleCountGrain;

/** The filter in the terms of the counts: whole UTC days, and the dimensions it narrows. */
export type CountedFilter = {
  from?: Date;
  toExclusive?: Date;
  sources?: number[];
  /** One theme, one tag: articles of "any of two" themes are not the sum of each's (an article can have both). */
  theme?: number;
  tag?: number;
};

/** Which counts to read: `kind` rows within these ids, optionally only these items. */
export type CountSelection = { kind: Kind; within: number[]; items?: number[] };

const DAY_MS = 86_400_000;
const DIMENSION_KIND = { sources: "SOURCE", themes: "THEME", tags: "TAG" } as const;

const isWholeDay = (date: Date | undefined) => date === undefined || date.getTime() % DAY_MS === 0;

/** The filter as the counts answer it, or null when they cannot. */
export function countedFilter(filter: ResolvedFilter): CountedFilter | null {
  if (
    filter.tsquery ||
    filter.status ||
    filter.language ||
    filter.annotated !== undefined ||
    filter.hideUndated ||
    filter.read ||
    filter.changed ||
    // The counts leave teasers out, as the desk does by default.
    !filter.hideTeasers ||
    !isWholeDay(filter.from) ||
    !isWholeDay(filter.toExclusive) ||
    (filter.themes?.length ?? 0) > 1 ||
    (filter.tags && (filter.tags.length > 1 || filter.tagMode === "none"))
  )
    return null;
  return {
    from: filter.from,
    toExclusive: filter.toExclusive,
    sources: filter.sources,
    theme: filter.themes?.[0],
    tag: filter.tags?.[0],
  };
}

/** The filter less one dimension (a facet counts under the others). */
export function withoutDimension(filter: CountedFilter, dimension: FacetDimension | undefined): CountedFilter {
  if (dimension === "sources") return { ...filter, sources: undefined };
  if (dimension === "themes") return { ...filter, theme: undefined };
  if (dimension === "tags") return { ...filter, tag: undefined };
  return filter;
}

type Fixed = { dimension: FacetDimension; ids: number[] };

function fixedDimensions(filter: CountedFilter): Fixed[] {
  const fixed: Fixed[] = [];
  if (filter.sources) fixed.push({ dimension: "sources", ids: filter.sources });
  if (filter.theme !== undefined) fixed.push({ dimension: "themes", ids: [filter.theme] });
  if (filter.tag !== undefined) fixed.push({ dimension: "tags", ids: [filter.tag] });
  return fixed;
}

const pairKind = (within: FacetDimension, item: FacetDimension) =>
  `${DIMENSION_KIND[within]}_${DIMENSION_KIND[item]}` as Kind;

/**
 * The counts of `counted` (each source, theme or tag; or "all": the filter's own articles) under the filter, or null
 * when the counts hold no such figure (three dimensions, or a dimension counted within two).
 */
export function countSelection(filter: CountedFilter, counted: FacetDimension | "all"): CountSelection | null {
  const fixed = fixedDimensions(filter);
  if (counted !== "all") {
    if (fixed.length === 0) return { kind: DIMENSION_KIND[counted], within: [0] };
    // Several sources add up: an article has one.
    if (fixed.length === 1) return { kind: pairKind(fixed[0].dimension, counted), within: fixed[0].ids };
    return null;
  }
  if (fixed.length === 0) return { kind: "ALL", within: [0] };
  if (fixed.length === 1) return { kind: DIMENSION_KIND[fixed[0].dimension], within: [0], items: fixed[0].ids };
  if (fixed.length > 2) return null;
  // The articles of both: the sources (there may be several) counted within the theme or tag.
  const [within, item] = fixed[0].dimension === "sources" ? [fixed[1], fixed[0]] : [fixed[0], fixed[1]];
  return { kind: pairKind(within.dimension, item.dimension), within: within.ids, items: item.ids };
}

type Part = { grain: CountGrain; from?: Date; to?: Date };

function startOf(date: Date, grain: CountGrain): Date {
  if (grain === "YEAR") return new Date(Date.UTC(date.getUTCFullYear(), 0, 1));
  if (grain === "MONTH") return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

function nextStart(date: Date, grain: CountGrain): Date {
  const start = startOf(date, grain);
  if (start.getTime() === date.getTime()) return start;
  if (grain === "YEAR") return new Date(Date.UTC(start.getUTCFullYear() + 1, 0, 1));
  if (grain === "MONTH") return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  return new Date(start.getTime() + DAY_MS);
}

/**
 * [from, to) as whole periods of the coarsest grain that fits, then finer ones at the ends: 1 March 2020 to
 * 15 May 2023 is March to December 2020 by month, 2021-2022 by year, January to April 2023 by month and 1-14 May by day.
 */
export function coverRange(from: Date | undefined, to: Date | undefined, grains: CountGrain[]): Part[] {
  const [grain, ...finer] = grains;
  if (!finer.length) return from && to && from >= to ? [] : [{ grain, from, to }];
  const low = from ? nextStart(from, grain) : undefined;
  const high = to ? startOf(to, grain) : undefined;
  if (low && high && low >= high) return coverRange(from, to, finer);
  return [
    ...(from && low && low > from ? coverRange(from, low, finer) : []),
    { grain, from: low, to: high },
    ...(to && high && high < to ? coverRange(high, to, finer) : []),
  ];
}

const day = (date: Date) => date.toISOString().slice(0, 10);

/**
 * Selections read together, each under a key that the rows carry; `itemsFrom`: a query of the items (`item_id`) to
 * read, when the statement finds them itself (the top themes).
 */
type Keyed = { key: string; selection: CountSelection; itemsFrom?: Prisma.Sql };

type Probe = { key: string; kind: Kind; within: number; item?: number };

/**
 * The rows (key, grain, start, item_id, n) of each selection in [from, to): its counts and the changes not folded in
 * yet. One statement shape whatever the selections and the range: every (selection, period range) pair is one index
 * range scan, which keeps planning short and the plan free of parallel workers (a UNION of one scan per selection and
 * period was planned with two, whose start-up cost more than the whole read).
 */
function countRows(selections: Keyed[], range: { from?: Date; toExclusive?: Date }, grains: CountGrain[]): Prisma.Sql {
  const queried = selections.filter((entry) => entry.itemsFrom);
  const probes: Probe[] = selections
    .filter((entry) => !entry.itemsFrom)
    .flatMap(({ key, selection }) =>
      selection.within.flatMap((within) =>
        (selection.items ?? [undefined]).map((item) => ({ key, kind: selection.kind, within, item })),
      ),
    );
  const parts = coverRange(range.from, range.toExclusive, grains);
  const periods = Prisma.sql`unnest(${parts.map((part) => part.grain)}::"ArticleCountGrain"[],
    ${parts.map((part) => (part.from ? day(part.from) : "-infinity"))}::date[],
    ${parts.map((part) => (part.to ? day(part.to) : "infinity"))}::date[]) AS r(grain, lo, hi)`;
  // OFFSET 0 keeps each read a scan of its own index range, per selection and period: joined freely, a table the
  // planner thinks empty (the changes, just folded) was read whole, dead rows and all. Every item of a kind is one
  // range of the primary key (kind, within, grain, start, item); one item is one range of (kind, within, grain, item,
  // start), not a filter over every item's rows.
  const read = (table: "article_counts" | "article_count_changes", some: Probe[], oneItem: boolean) => {
    const listed = Prisma.sql`SELECT * FROM unnest(${some.map((probe) => probe.key)}::text[],
      ${some.map((probe) => probe.kind)}::"ArticleCountKind"[], ${some.map((probe) => probe.within)}::int[],
      ${some.map((probe) => probe.item ?? 0)}::int[])`;
    const found = oneItem
      ? queried.map(
          ({
            key,
            selection,
            itemsFrom,
          }) => Prisma.sql`UNION ALL SELECT ${key}, ${selection.kind}::"ArticleCountKind", w, i.item_id
            FROM (${itemsFrom}) i CROSS JOIN unnest(${selection.within}::int[]) AS w`,
        )
      : [];
    return Prisma.sql`
    SELECT s.key, c.grain, c.start, c.item_id, c.n
    FROM (${listed} ${found.length ? Prisma.join(found, " ") : Prisma.empty}) AS s(key, kind, within_id, item_id)
    CROSS JOIN ${periods}
    CROSS JOIN LATERAL (
      SELECT c.grain, c.start, c.item_id, c.n FROM ${Prisma.raw(table)} c
      WHERE c.kind = s.kind AND c.within_id = s.within_id AND c.grain = r.grain
        ${oneItem ? Prisma.sql`AND c.item_id = s.item_id` : Prisma.empty} AND c.start >= r.lo AND c.start < r.hi
      OFFSET 0
    ) c`;
  };
  const groups = [
    { some: probes.filter((probe) => probe.item === undefined), oneItem: false },
    { some: probes.filter((probe) => probe.item !== undefined), oneItem: true },
  ].filter((group) => group.some.length || (group.oneItem && queried.length));
  return Prisma.join(
    groups.flatMap(({ some, oneItem }) => [
      read("article_counts", some, oneItem),
      read("article_count_changes", some, oneItem),
    ]),
    " UNION ALL ",
  );
}

const FACET_GRAINS: CountGrain[] = ["YEAR", "MONTH", "DAY"];

/**
 * The facet rows (dim, id, n, name, color; and one `size` row: the articles counted) of `dims` under the filter less
 * `omit`, exactly as article-facets.ts counts them from the articles; null when the counts cannot say.
 */
export function facetCountsSql(
  filter: CountedFilter,
  dims: FacetDimension[],
  omit: FacetDimension | undefined,
): Prisma.Sql | null {
  const base = withoutDimension(filter, omit);
  const size = countSelection(base, "all");
  const selections = dims.map((dim) => ({ key: dim, selection: countSelection(base, dim) }));
  if (!size || selections.some((entry) => !entry.selection)) return null;
  const keyed: Keyed[] = [{ key: "size", selection: size }, ...(selections as Keyed[])];
  return Prisma.sql`
    WITH c AS (
      SELECT x.key AS dim, CASE WHEN x.key = 'size' THEN 0 ELSE x.item_id END AS id, sum(x.n)::int AS n
      FROM (${countRows(keyed, base, FACET_GRAINS)}) x
      GROUP BY 1, 2 HAVING sum(x.n) > 0
    )
    SELECT c.dim, c.id, c.n, coalesce(t.name, o.name, g.name) AS name, coalesce(t.color, g.color) AS color
    FROM c
    LEFT JOIN themes t ON c.dim = 'themes' AND t.id = c.id
    LEFT JOIN sources o ON c.dim = 'sources' AND o.id = c.id
    LEFT JOIN tags g ON c.dim = 'tags' AND g.id = c.id`;
}

/** Counted buckets, as one JSON text: [start (ms since the epoch), articles, [articles of each series theme]]. */
export type CountedBucket = [number, number, number[]];

/**
 * The timeline from the counts, as one row of two JSON texts (one value each: the driver converts a value in
 * microseconds, and 360 rows of three took it longer than the database took to count them): `themes`, the series
 * ([id, name, color], most articles first), and `buckets` (CountedBucket). The series are the filter's `top` themes over
 * its whole range, counted per bucket; they overlap (an article with two themes is in both). Under a theme filter the
 * theme is the only series, its counts the totals, left empty here; with a source and a tag there is none. Null when
 * the counts cannot say.
 */
export function timelineCountsSql(filter: CountedFilter, bucket: TimelineBucketSize, top: number): Prisma.Sql | null {
  const total = countSelection(filter, "all");
  if (!total) return null;
  const themes = filter.theme === undefined ? countSelection(filter, "themes") : null;
  const ranked = themes
    ? Prisma.sql`SELECT x.item_id, row_number() OVER (ORDER BY sum(x.n) DESC, x.item_id)::int AS r
        FROM (${countRows([{ key: "theme", selection: themes }], filter, FACET_GRAINS)}) x
        GROUP BY x.item_id HAVING sum(x.n) > 0 ORDER BY r LIMIT ${top}`
    : filter.theme !== undefined
      ? Prisma.sql`SELECT ${filter.theme}::int AS item_id, 1 AS r`
      : Prisma.sql`SELECT 0 AS item_id, 0 AS r WHERE false`;
  const keyed: Keyed[] = [
    { key: "total", selection: total },
    ...(themes ? [{ key: "theme", selection: themes, itemsFrom: Prisma.sql`SELECT item_id FROM top` }] : []),
  ];
  const grains: CountGrain[] = bucket === "month" ? ["MONTH", "DAY"] : ["DAY"];
  const start =
    bucket === "day"
      ? Prisma.sql`y.start`
      : bucket === "month"
        ? Prisma.sql`CASE WHEN y.grain = 'MONTH' THEN y.start ELSE date_trunc('month', y.start::timestamp)::date END`
        : Prisma.sql`date_trunc('week', y.start::timestamp)::date`;
  const ranks = Array.from({ length: themes ? top : 0 }, (_, i) => i + 1);
  const counts = ranks.length
    ? Prisma.sql`ARRAY[${Prisma.join(ranks.map((r) => Prisma.sql`coalesce(sum(y.n) FILTER (WHERE top.r = ${r}), 0)::int`))}]`
    : Prisma.sql`'{}'::int[]`;
  return Prisma.sql`
    WITH top AS MATERIALIZED (${ranked}),
    b AS (
      SELECT ${start} AS start, coalesce(sum(y.n) FILTER (WHERE y.key = 'total'), 0)::int AS total,
             ${counts} AS counts
      FROM (${countRows(keyed, filter, grains)}) y
      LEFT JOIN top ON y.key = 'theme' AND top.item_id = y.item_id
      GROUP BY 1
    )
    SELECT (SELECT coalesce(json_agg(json_build_array(h.id, h.name, h.color) ORDER BY top.r), '[]')
              FROM top JOIN themes h ON h.id = top.item_id)::text AS themes,
           (SELECT coalesce(json_agg(json_build_array((extract(epoch FROM b.start::timestamp) * 1000)::bigint, b.total, b.counts)
                                     ORDER BY b.start), '[]')
              FROM b)::text AS buckets`;
}
