import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { checkRows, sqlId } from "@/lib/db/rows";
import { Prisma } from "@/lib/generated/prisma/client";
import { INDEXED_SEARCH } from "@/lib/search/article-sql";
import type { SqlClient } from "@/lib/search/text-strategy";

// The reading view's neighbours of an article.
//
// moreFromSource: the same outlet's articles just before and just after it, two short walks of the
// (source_id, published_at, id) index.
//
// similarArticles: full-text similarity, bounded. The article's own tsvector gives its terms; each is
// weighed by how often it occurs in the article (title words count extra) and by how rare it is in the
// whole collection, which PostgreSQL's ANALYZE already measured for the tsvector column (pg_stats'
// most_common_elems: a term missing there is rarer than the rarest listed). The top TERMS become an OR
// query ranked with ts_rank, but only over a bounded set of candidates: the NEARBY articles published
// just before and after (news is told around the same days), plus up to ANYTIME articles of any date that
// share its CORE_TERMS rarest-and-most-used terms (found by the GIN index, an intersection of short
// posting lists). Ranking never reads more than ~2 * NEARBY + ANYTIME tsvectors, whatever the table's size.

export type RelatedArticle = {
  id: number;
  title: string;
  publishedAt: Date;
  source: { id: number; name: string };
  /** similarArticles only: ts_rank against the article's top terms. */
  score?: number;
};

const TERMS = 10;
const CORE_TERMS = 3;
const NEARBY = 150;
const ANYTIME = 150;
/** Terms in more than this share of articles say nothing about a story. */
const COMMON_SHARE = 0.2;
/** The share assumed for every term when ANALYZE has not run yet. */
const UNKNOWN_SHARE = 0.001;

const relatedRow = z.object({
  id: sqlId,
  title: z.string(),
  publishedAt: z.date(),
  sourceId: sqlId,
  sourceName: z.string(),
  score: z.number().nullable(),
});
type RelatedRow = z.infer<typeof relatedRow>;

function toRelated(row: RelatedRow): RelatedArticle {
  return {
    id: row.id,
    title: row.title,
    publishedAt: row.publishedAt,
    source: { id: row.sourceId, name: row.sourceName },
    ...(row.score !== null ? { score: row.score } : {}),
  };
}

/** Up to `limit` articles of the same source around the article's date, newest first. */
export async function moreFromSource(
  article: { id: number; sourceId: number; publishedAt: Date },
  options: { limit?: number; client?: SqlClient } = {},
): Promise<RelatedArticle[]> {
  const client = options.client ?? db;
  const half = Math.max(1, Math.ceil((options.limit ?? 6) / 2));
  const key = Prisma.sql`(${article.publishedAt}::timestamptz, ${article.id}::int)`;
  const rows = await client.$queryRaw(Prisma.sql`
    SELECT a.id, a.title, a.published_at AS "publishedAt", s.id AS "sourceId", s.name AS "sourceName", NULL::float8 AS score
    FROM (
      (SELECT id FROM articles WHERE source_id = ${article.sourceId} AND (published_at, id) < ${key}
       ORDER BY published_at DESC, id DESC LIMIT ${half})
      UNION ALL
      (SELECT id FROM articles WHERE source_id = ${article.sourceId} AND (published_at, id) > ${key}
       ORDER BY published_at ASC, id ASC LIMIT ${half})
    ) k
    JOIN articles a ON a.id = k.id
    JOIN sources s ON s.id = a.source_id
    ORDER BY a.published_at DESC, a.id DESC`);
  return checkRows("more from the source", relatedRow, rows).map(toRelated);
}

/** Up to `limit` articles most similar in wording to the article, best first; [] for an unknown id. */
export async function similarArticles(
  articleId: number,
  options: { limit?: number; client?: SqlClient } = {},
): Promise<RelatedArticle[]> {
  const client = options.client ?? db;
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? 6), 1), 20);
  const rows = await client.$queryRaw(Prisma.sql`
    WITH src AS MATERIALIZED (
      SELECT id, search, published_at FROM articles WHERE id = ${articleId}
    ), stats AS (
      SELECT st.most_common_elems::text::text[] AS elems, st.most_common_elem_freqs AS freqs
      FROM pg_stats st
      WHERE st.schemaname = current_schema() AND st.tablename = 'articles' AND st.attname = 'search'
    ), freq AS (
      -- most_common_elem_freqs ends with three summary values (min, max, null share) after the per-term ones.
      SELECT u.lexeme, u.share
      FROM stats CROSS JOIN LATERAL unnest(stats.elems, stats.freqs[1:cardinality(stats.elems)]) AS u(lexeme, share)
    ), rarest AS (
      SELECT COALESCE(min(share) / 2, ${UNKNOWN_SHARE}::float8) AS share FROM freq
    ), terms AS MATERIALIZED (
      SELECT t.lexeme,
             (COALESCE(cardinality(t.positions), 1) + CASE WHEN 'A' = ANY(t.weights) THEN 3 ELSE 0 END)
               * ln(1 / COALESCE(f.share, (SELECT share FROM rarest))) AS weight
      FROM src CROSS JOIN LATERAL unnest(src.search) AS t
      LEFT JOIN freq f ON f.lexeme = t.lexeme
      WHERE length(t.lexeme) BETWEEN 3 AND 40 AND t.lexeme !~ '^[0-9]+$' AND COALESCE(f.share, 0) < ${COMMON_SHARE}
      ORDER BY weight DESC, t.lexeme
      LIMIT ${TERMS}
    ), q AS (
      -- websearch_to_tsquery reads any text safely; 'simple' keeps the already stemmed terms as they are.
      SELECT websearch_to_tsquery('simple', (SELECT string_agg(lexeme, ' or ') FROM terms)) AS any_term,
             websearch_to_tsquery('simple', (SELECT string_agg(lexeme, ' ') FROM (SELECT lexeme FROM terms ORDER BY weight DESC, lexeme LIMIT ${CORE_TERMS}) c)) AS core
    ), candidates AS (
      -- Scalar subqueries, not a join with src: the planner then walks the index from the article's key.
      (SELECT a.id FROM articles a WHERE (a.published_at, a.id) < ((SELECT published_at FROM src), ${articleId}::int)
       ORDER BY a.published_at DESC, a.id DESC LIMIT ${NEARBY})
      UNION
      (SELECT a.id FROM articles a WHERE (a.published_at, a.id) > ((SELECT published_at FROM src), ${articleId}::int)
       ORDER BY a.published_at ASC, a.id ASC LIMIT ${NEARBY})
      UNION
      (SELECT a.id FROM articles a, q WHERE ${INDEXED_SEARCH} @@ q.core AND a.id <> ${articleId} LIMIT ${ANYTIME})
    ), ranked AS MATERIALIZED (
      -- Ranked once: a non-match ranks 0, so no separate @@ reads each tsvector a second time.
      SELECT a.id, a.title, a.published_at, a.source_id, ts_rank(a.search, q.any_term, 1)::float8 AS score
      FROM candidates c JOIN articles a ON a.id = c.id CROSS JOIN q
    )
    SELECT r.id, r.title, r.published_at AS "publishedAt", s.id AS "sourceId", s.name AS "sourceName", r.score
    FROM ranked r JOIN sources s ON s.id = r.source_id
    WHERE r.score > 0
    ORDER BY r.score DESC, r.published_at DESC, r.id DESC
    LIMIT ${limit}`);
  return checkRows("similar articles", relatedRow, rows).map(toRelated);
}
