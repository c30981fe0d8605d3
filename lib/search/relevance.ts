import { Prisma } from "@/lib/generated/prisma/client";
import { buildSelection, selectRows, type ResolvedFilter, type TextMode } from "@/lib/search/article-sql";
import type { ListCursor } from "@/lib/search/cursor";
import { clauseTsquerySqls } from "@/lib/search/query-syntax";
import { env } from "@/lib/env";

// "Best match". Ranking every match of a common phrase reads every matching tsvector (~3 s for "Kim Jong Un" on
// 1M articles when they were kept in TOAST), so only the newest RELEVANCE_CANDIDATES matches (within the date
// filter, if any) are ranked, each vector read once (`|| ''` copies it out a single time for every measure below:
// from TOAST for a row written before migration 20261205000000_search_inline kept vectors in their rows); the page
// says "best matches among the newest 500" when that cut anything off. A candidate's score:
//
//   score = (2 x the share of the query's clauses its title matches
//            + 1 if the title matches the whole query
//            + 0.5 x the share of the clauses its opening (the stored excerpt) matches
//            + 2 x the proximity of the query's words as typed in the text (cover density, ts_rank_cd: words found
//              close together score higher, in titles more than in bodies; normalised by length, then into [0, 1);
//              the spellings the register adds are left out here: with twenty of them ts_rank_cd costs 20 times more))
//           x 0.5 ^ (age / half-life), the half-life 10 years unless SEARCH_RECENCY_HALF_LIFE_DAYS says otherwise
//
// The weights and the half-life were chosen on the judged queries of test/fixtures/search/ (its README tells
// how, and how little the choice mattered among the good ones: within 0.02 of nDCG@10). A shorter half-life
// costs relevance there (2 years: 0.64) but an analyst may want it; no recency at all lets decades-old articles
// crowd the top. Each row carries its parts, for the desk to explain its rank.

export const RELEVANCE_CANDIDATES = 500;
/** Scores are integers in cursors, so a page boundary is exact. */
export const RANK_SCALE = 10_000_000;

export type RankingWeights = { title: number; titlePhrase: number; lead: number; proximity: number };
export type Ranking = { weights: RankingWeights; halfLifeDays: number };

export const DEFAULT_RANKING: Ranking = {
  weights: { title: 2, titlePhrase: 1, lead: 0.5, proximity: 2 },
  halfLifeDays: 3_650,
};

/** The ranking with the half-life from SEARCH_RECENCY_HALF_LIFE_DAYS when it is a positive number of days. */
export function rankingFromEnvironment(value = env().SEARCH_RECENCY_HALF_LIFE_DAYS): Ranking {
  const days = Number(value);
  return value && Number.isFinite(days) && days > 0 ? { ...DEFAULT_RANKING, halfLifeDays: days } : DEFAULT_RANKING;
}

/** Why a row ranks where it does: each part of its score. */
export type RankExplanation = {
  /** Share of the query's clauses the title matches, 0 to 1. */
  title: number;
  titlePhrase: boolean;
  /** Share of the clauses the opening matches. */
  lead: number;
  /** How close together they occur (cover density, ts_rank_cd), 0 to 1. */
  proximity: number;
  ageDays: number;
  /** The recency factor, 0.5 ^ (age / half-life). */
  recency: number;
  halfLifeDays: number;
  score: number;
  weights: RankingWeights;
};

export type PageQuery = { keys: Prisma.Sql; order: Prisma.Sql };

function shareMatching(document: Prisma.Sql, clauses: Prisma.Sql[]): Prisma.Sql {
  if (!clauses.length) return Prisma.sql`0::float8`;
  const hits = clauses.map((clause) => Prisma.sql`(${document} @@ ${clause})::int`);
  return Prisma.sql`((${Prisma.join(hits, " + ")})::float8 / ${clauses.length})`;
}

export function relevanceQuery(
  filter: ResolvedFilter,
  textMode: TextMode,
  cursor: ListCursor | null,
  limit: number,
  options: { now: Date; ranking: Ranking },
): PageQuery {
  const { weights, halfLifeDays } = options.ranking;
  const tsquery = filter.tsquery!;
  const clauses = filter.clauseTsqueries ?? clauseTsquerySqls(filter.search!);
  const selection = buildSelection(filter, { textMode });
  const backwards = cursor?.direction === "before";
  const bound = cursor
    ? Prisma.sql`WHERE (c.rank, c.published_at, c.id) ${Prisma.raw(backwards ? ">" : "<")} (${cursor.rank ?? 0}::int, ${cursor.publishedAt}::timestamptz, ${cursor.id}::int)`
    : Prisma.empty;
  const direction = Prisma.raw(backwards ? "ASC" : "DESC");
  const columns = Prisma.sql`a.search || ''::tsvector AS v`;
  // The opening's vector is kept beside the article (article_openings, by trigger); parsing each excerpt here
  // was a fifth of the statement.
  return {
    keys: Prisma.sql`
      WITH candidates AS MATERIALIZED (
        ${selectRows(selection, { columns, order: "DESC", limit: RELEVANCE_CANDIDATES + 1 })}
      ), parts AS MATERIALIZED (
        SELECT c.id, c.published_at,
               ${shareMatching(Prisma.sql`t.title`, clauses)} AS title,
               (t.title @@ ${tsquery}) AS title_phrase,
               ${shareMatching(Prisma.sql`coalesce(o.opening, ''::tsvector)`, clauses)} AS lead,
               ts_rank_cd(c.v, ${filter.typedTsquery ?? tsquery}, 1 | 32) AS proximity,
               greatest(extract(epoch FROM (${options.now}::timestamptz - c.published_at)) / 86400, 0) AS age_days
        FROM (SELECT * FROM candidates ORDER BY published_at DESC, id DESC LIMIT ${RELEVANCE_CANDIDATES}) c
        CROSS JOIN LATERAL (SELECT ts_filter(c.v, '{a}') AS title) t
        LEFT JOIN article_openings o ON o.article_id = c.id
      ), ranked AS (
        SELECT p.*, round((p.partial + ${weights.lead}::float8 * p.lead) * p.recency * ${RANK_SCALE}::float8)::int AS rank
        FROM (SELECT p.*, power(0.5, p.age_days / ${halfLifeDays}::float8) AS recency,
                     ${weights.title}::float8 * p.title + ${weights.titlePhrase}::float8 * p.title_phrase::int
                     + ${weights.proximity}::float8 * p.proximity AS partial
              FROM parts p) p
      )
      SELECT c.id, c.published_at, c.rank, (SELECT count(*)::int FROM candidates) AS candidates,
             jsonb_build_object('title', c.title, 'titlePhrase', c.title_phrase, 'lead', c.lead,
                                'proximity', c.proximity,
                                'ageDays', round(c.age_days), 'recency', c.recency,
                                'halfLifeDays', ${halfLifeDays}::float8, 'score', c.rank::float8 / ${RANK_SCALE}) AS explain,
             NULL::jsonb AS phrase_count
      FROM ranked c
      ${bound}
      ORDER BY c.rank ${direction}, c.published_at ${direction}, c.id ${direction}
      LIMIT ${limit}`,
    order: Prisma.sql`k.rank ${direction}, k.published_at ${direction}, k.id ${direction}`,
  };
}
