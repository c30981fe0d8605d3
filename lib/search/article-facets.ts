import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { checkRows, sqlCount, sqlId } from "@/lib/db/rows";
import { Prisma } from "@/lib/generated/prisma/client";
import { countedFilter, facetCountsSql } from "@/lib/search/article-counts";
import { buildSelection, selectRows, type FacetDimension, type ResolvedFilter } from "@/lib/search/article-sql";
import { probeText, type SqlClient } from "@/lib/search/text-strategy";
import { firstFilledWindow, yearWindows } from "@/lib/search/year-windows";
import type { ArticleFilter } from "@/lib/validation/article-filter";
import { resolveFilter } from "@/lib/search/resolve-filter";

// Facet counts for the list's sidebar: per theme, source and tag, under the current filter without the
// facet's own dimension (so picking a second theme shows how many it would add). Under dates, sources, one theme
// and one tag (at most one of those besides the facet's own) they are read from the precomputed counts
// (article-counts.ts): exact, and a few milliseconds however broad. Otherwise they are counted from the articles,
// and counting every match of a broad filter costs 100-200 ms on a million, so each facet counts the newest matches
// only: FACET_SAMPLE of them (FACET_SAMPLE_DENSE_TEXT when a common search is walked in date order, and
// FACET_SAMPLE_SPARSE_PHRASE for a sparse search with phrases, where each row's phrases are checked). `exact` says
// whether that covered the whole selection; when not, show the counts as "among the newest N".

export const FACET_SAMPLE = 2_500;
export const FACET_SAMPLE_DENSE_TEXT = 500;
export const FACET_SAMPLE_SPARSE_PHRASE = 200;
const FACET_LIMIT = 50;
/** No limit in practice: the largest LIMIT PostgreSQL's int4 takes, less the probe row. */
const EXACT_SAMPLE = 2_147_483_646;

export type FacetCount = { id: number; name: string; color: string | null; count: number; selected: boolean };
export type FacetGroup = {
  counts: FacetCount[];
  /** True when every matching article was counted. */
  exact: boolean;
  /** Articles counted: all matches when exact, else the newest `sampled` of them. */
  sampled: number;
};
export type ArticleFacets = Record<FacetDimension, FacetGroup>;

const DIMENSIONS = ["themes", "sources", "tags"] as const satisfies FacetDimension[];

const facetRow = z.object({
  dim: z.enum(["size", ...DIMENSIONS]),
  id: sqlId,
  n: sqlCount,
  name: z.string().nullable(),
  color: z.string().nullable(),
});

function facetSql(
  filter: ResolvedFilter,
  dims: FacetDimension[],
  omit: FacetDimension | undefined,
  textMode: "walk" | "index",
  sample: number,
): Prisma.Sql {
  const selection = buildSelection(filter, { textMode, omit });
  const parts: Prisma.Sql[] = [Prisma.sql`SELECT 'size' AS dim, 0 AS id, count(*)::int AS n FROM s`];
  if (dims.includes("themes")) {
    parts.push(
      Prisma.sql`SELECT 'themes', l.theme_id, count(*)::int
                 FROM s JOIN article_themes l ON l.article_id = s.id AND NOT l.excluded GROUP BY l.theme_id`,
    );
  }
  if (dims.includes("sources")) {
    parts.push(
      Prisma.sql`SELECT 'sources', (SELECT a.source_id FROM articles a WHERE a.id = s.id) AS source_id, count(*)::int FROM s GROUP BY 2`,
    );
  }
  if (dims.includes("tags"))
    parts.push(
      Prisma.sql`SELECT 'tags', l.tag_id, count(*)::int FROM s JOIN article_tags l ON l.article_id = s.id GROUP BY l.tag_id`,
    );
  // Ids only: the walk stays on its index (a heap read per row here made the planner reach for
  // parallel workers, which cost more to start than the whole walk).
  return Prisma.sql`
    WITH s AS MATERIALIZED (${selectRows(selection, { order: "DESC", limit: sample })}),
    c AS (${Prisma.join(parts, " UNION ALL ")})
    SELECT c.dim, c.id, c.n, coalesce(t.name, o.name, g.name) AS name, coalesce(t.color, g.color) AS color
    FROM c
    LEFT JOIN themes t ON c.dim = 'themes' AND t.id = c.id
    LEFT JOIN sources o ON c.dim = 'sources' AND o.id = c.id
    LEFT JOIN tags g ON c.dim = 'tags' AND g.id = c.id`;
}

/** Facet counts for `filter`; each dimension ignores its own selection. */
export async function articleFacets(
  filter: ArticleFilter,
  /** exact: count every match (what the desk's "Count all exactly" asks for), however broad the filter. */
  options: { now?: Date; client?: SqlClient; exact?: boolean } = {},
): Promise<ArticleFacets> {
  const client = options.client ?? db;
  const resolved = await resolveFilter(client, filter, options.now);
  // Dimensions the filter does not narrow share one base selection; each narrowed one needs its own.
  const groups = new Map<FacetDimension | undefined, FacetDimension[]>();
  for (const dim of DIMENSIONS) {
    const omit = resolved[dim] ? dim : undefined;
    groups.set(omit, [...(groups.get(omit) ?? []), dim]);
  }
  const counted = countedFilter(resolved);
  const results = await Promise.all(
    [...groups].map(async ([omit, dims]) => {
      const fromCounts = counted && facetCountsSql(counted, dims, omit);
      if (fromCounts) {
        const rows = checkRows("the facet counts", facetRow, await client.$queryRaw(fromCounts));
        return { dims, rows, sample: EXACT_SAMPLE };
      }
      const base = omit ? { ...resolved, [omit]: undefined } : resolved;
      const probe = resolved.tsquery ? await probeText(client, base) : null;
      const mode = probe?.mode ?? "index";
      // A phrase is checked on each counted row from TOAST, in either mode; a sparse one's newest matches are found
      // by year windows, and 200 of them fit in the newest few years where 500 would need all thirty.
      const sparsePhrase = mode === "index" && Boolean(base.looseTsquery);
      const sample = options.exact
        ? EXACT_SAMPLE
        : sparsePhrase
          ? FACET_SAMPLE_SPARSE_PHRASE
          : mode === "walk"
            ? FACET_SAMPLE_DENSE_TEXT
            : FACET_SAMPLE;
      // A sparse phrase search's newest matches are looked for in its newest years first (year-windows.ts).
      const windows = sparsePhrase && !options.exact ? yearWindows(resolved, probe?.edge ?? null, true) : [resolved];
      const { result: rows } = await firstFilledWindow(
        windows,
        async (window) =>
          checkRows("the facets", facetRow, await client.$queryRaw(facetSql(window, dims, omit, mode, sample + 1))),
        (found) => (found.find((row) => row.dim === "size")?.n ?? 0) > sample,
      );
      return { dims, rows, sample };
    }),
  );

  const facets = {} as ArticleFacets;
  for (const { dims, rows, sample } of results) {
    const size = rows.find((row) => row.dim === "size")?.n ?? 0;
    for (const dim of dims) {
      const selected = new Set(resolved[dim] ?? []);
      const counts = rows
        .filter((row) => row.dim === dim)
        .map((row) => ({
          id: row.id,
          name: row.name ?? `#${row.id}`,
          color: row.color,
          count: row.n,
          selected: selected.has(row.id),
        }))
        .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
        .slice(0, FACET_LIMIT);
      facets[dim] = { counts, exact: size <= sample, sampled: Math.min(size, sample) };
    }
  }
  return facets;
}
