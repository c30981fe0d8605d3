import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ReviewStatus } from "@/lib/generated/prisma/enums";
import { COUNT_CAP, PHRASE_CHECK_CAP } from "@/lib/search/article-count";
import { RELATION_COLUMNS } from "@/lib/search/article-relations";
import {
  buildSelection,
  looseFilter,
  selectRows,
  type KeysetBound,
  type ResolvedFilter,
  type TextMode,
} from "@/lib/search/article-sql";
import type { ListCursor } from "@/lib/search/cursor";
import { MARK_CHARACTERS, snippetAnchors, snippetSql } from "@/lib/search/highlight";
import { parsedTextSql } from "@/lib/search/phrase-marks";
import { passageTsquerySql } from "@/lib/search/query-syntax";
import type { PageQuery, RankExplanation } from "@/lib/search/relevance";

// The statement of one page of the article list (list-articles.ts): the keys in list order (by date here,
// by relevance in relevance.ts), then each row's columns and, with a search, its marked snippet.

export type PageRow = {
  id: number;
  publishedAt: Date;
  rank: number | null;
  candidates: number | null;
  explain: Omit<RankExplanation, "weights"> | null;
  /** A sparse phrase search's first page: its loose matches, and the phrase matches among the newest of them. */
  phraseCount: { loose: number; rows: number; matches: number } | null;
  title: string;
  /** The excerpt; with a search, ts_headline's marked snippet and the text it was made from. */
  excerpt: string | [string, string];
  sourceId: number;
  sourceName: string;
  reviewStatus: ReviewStatus;
  complete: boolean;
  language: string;
  undated: boolean;
  editedAt: Date | null;
  goneAt: Date | null;
  /** With a search: the snippet's passage parsed (parsedTextSql), for its marks. */
  passageTokens?: string | null;
  passageVector?: string | null;
  /** RELATION_COLUMNS, unchecked (checkRelations). */
  themes: unknown;
  tags: unknown;
  annotationCount: unknown;
};

export function keysetFor(cursor: ListCursor | null, descending: boolean): KeysetBound | undefined {
  if (!cursor || cursor.sort === "relevance") return undefined;
  // Walking forward in a descending list means smaller keys; a "before" cursor walks back the other way.
  const smaller = descending === (cursor.direction === "after");
  return { op: smaller ? "<" : ">", publishedAt: cursor.publishedAt, id: cursor.id };
}

/**
 * Newest or oldest first from the cursor. With `countCap`, the keys of the first countCap + 1 rows are
 * read and counted in the same statement: for a sparse search, whose GIN plan finds every match before
 * sorting anyway, that is the total for free instead of a second identical index scan.
 */
export function dateOrderQuery(
  filter: ResolvedFilter,
  textMode: TextMode,
  descending: boolean,
  cursor: ListCursor | null,
  limit: number,
  countCap?: number,
  /** A sparse phrase search's newest rows checked for its share of phrase matches (phrasePageQuery). */
  phraseSample = PHRASE_CHECK_CAP,
): PageQuery {
  const keyset = keysetFor(cursor, descending);
  const selection = buildSelection(filter, { textMode, keyset });
  // Walking back from a "before" cursor reads the index the other way; the page is flipped afterwards.
  const walkDescending = keyset ? keyset.op === "<" : descending;
  const order = walkDescending ? "DESC" : "ASC";
  const direction = Prisma.raw(order);
  const pageOrder = Prisma.sql`k.published_at ${direction}, k.id ${direction}`;
  if (countCap === undefined) {
    const rows = selectRows(selection, { order, limit });
    return {
      keys: Prisma.sql`SELECT k.*, NULL::int AS rank, NULL::int AS candidates, NULL::jsonb AS explain,
                              NULL::jsonb AS phrase_count FROM (${rows}) k`,
      order: pageOrder,
    };
  }
  if (filter.looseTsquery && textMode === "index") return phrasePageQuery(filter, order, limit, phraseSample);
  return {
    keys: Prisma.sql`
      WITH counted AS MATERIALIZED (${selectRows(selection, { order, limit: countCap + 1 })})
      SELECT k.*, NULL::int AS rank, (SELECT count(*)::int FROM counted) AS candidates, NULL::jsonb AS explain,
             NULL::jsonb AS phrase_count
      FROM counted k ORDER BY ${pageOrder} LIMIT ${limit}`,
    order: pageOrder,
  };
}

/**
 * The first page of a sparse search with phrases, and its total, from one pass over the heap: the articles with
 * the phrases' words (found by the index alone, up to COUNT_CAP + 1, in list order), the page from those that
 * hold the phrases (checked one by one until the page is full), and the phrase matches among the newest
 * PHRASE_CHECK_CAP of them, which is the total when there are no more, and its share otherwise.
 */
function phrasePageQuery(
  filter: ResolvedFilter,
  order: "DESC" | "ASC",
  limit: number,
  phraseSample: number,
): PageQuery {
  const direction = Prisma.raw(order);
  const loose = selectRows(buildSelection(looseFilter(filter), { textMode: "index" }), { order, limit: COUNT_CAP + 1 });
  const exactMatch = Prisma.sql`ts_match_vq(a.search, ${filter.tsquery})`;
  return {
    keys: Prisma.sql`
      WITH loose AS MATERIALIZED (${loose}),
      sample AS MATERIALIZED (
        SELECT count(*)::int AS rows, count(*) FILTER (WHERE ${exactMatch})::int AS matches
        FROM (SELECT * FROM loose ORDER BY published_at ${direction}, id ${direction} LIMIT ${phraseSample}) s
        JOIN articles a ON a.id = s.id)
      SELECT o.id, o.published_at, NULL::int AS rank, NULL::int AS candidates, NULL::jsonb AS explain,
             (SELECT jsonb_build_object('loose', (SELECT count(*) FROM loose), 'rows', rows, 'matches', matches)
              FROM sample) AS phrase_count
      FROM (SELECT * FROM loose ORDER BY published_at ${direction}, id ${direction} OFFSET 0) o
      CROSS JOIN LATERAL (SELECT 1 FROM articles a WHERE a.id = o.id AND ${exactMatch}) x
      ORDER BY o.published_at ${direction}, o.id ${direction}
      LIMIT ${limit}`,
    order: Prisma.sql`k.published_at ${direction}, k.id ${direction}`,
  };
}

/**
 * The page's keys joined to what a row shows, its themes, tags and note count included; ts_headline runs on these
 * few rows' openings only.
 */
export function pageSql(query: PageQuery, filter: ResolvedFilter): Prisma.Sql {
  const passage =
    filter.passageTsquery !== undefined
      ? filter.passageTsquery
      : filter.search
        ? passageTsquerySql(filter.search)
        : null;
  const excerpt = filter.tsquery
    ? snippetSql(
        Prisma.sql`a.body_text`,
        Prisma.sql`a.excerpt`,
        Prisma.sql`ao.opening`,
        filter.tsquery,
        passage ?? filter.tsquery,
        snippetAnchors(
          (filter.search?.clauses ?? []).flatMap((clause) =>
            clause.filter((term) => !term.negated).map((term) => term.text),
          ),
          filter.commonWords,
        ),
      )
    : null;
  // With a search, the snippet's passage is parsed here for its marks (phrase-marks.ts), not in a second statement.
  const snippet = excerpt
    ? {
        columns: Prisma.sql`x.excerpt, p.tokens AS "passageTokens", p.vector AS "passageVector"`,
        joins: Prisma.sql`CROSS JOIN LATERAL (SELECT ${excerpt} AS excerpt OFFSET 0) x
          CROSS JOIN LATERAL ${parsedTextSql(Prisma.sql`translate(x.excerpt->>0, ${MARK_CHARACTERS}, '')`)} p`,
      }
    : { columns: Prisma.sql`a.excerpt`, joins: Prisma.empty };
  return Prisma.sql`
    SELECT k.id, k.published_at AS "publishedAt", k.rank, k.candidates, k.explain, k.phrase_count AS "phraseCount",
           a.title, ${snippet.columns},
           a.source_id AS "sourceId", s.name AS "sourceName", a.review_status::text AS "reviewStatus",
           a.complete, a.language, a.published_at_estimated AS undated, a.edited_at AS "editedAt", a.gone_at AS "goneAt",
           ${RELATION_COLUMNS}
    FROM (${query.keys}) k
    JOIN articles a ON a.id = k.id
    JOIN sources s ON s.id = a.source_id
    ${excerpt ? Prisma.sql`LEFT JOIN article_openings ao ON ao.article_id = a.id` : Prisma.empty}
    ${snippet.joins}
    ORDER BY ${query.order}`;
}
