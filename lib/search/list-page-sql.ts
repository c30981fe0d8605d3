import "server-only";
import { z } from "zod";
import { checkRows, sqlCount, sqlId } from "@/lib/db/rows";
import { Prisma } from "@/lib/generated/prisma/client";
import { ReviewStatus } from "@/lib/generated/prisma/enums";
import {
  buildSelection,
  selectRows,
  type KeysetBound,
  type ResolvedFilter,
  type TextMode,
} from "@/lib/search/article-sql";
import type { ListCursor } from "@/lib/search/cursor";
import { snippetSql } from "@/lib/search/highlight";
import type { SqlClient } from "@/lib/search/text-strategy";

// The SQL of one page of the article list (list-articles.ts runs it): the keys of the page in date or
// relevance order from a cursor, then the columns a row shows for just those keys.

/** Relevance ranks only the newest this many matches (list-articles.ts says why). */
export const RELEVANCE_CANDIDATES = 500;

const pageRow = z.object({
  id: sqlId,
  publishedAt: z.date(),
  undated: z.boolean(),
  rank: z.number().int().nullable(),
  candidates: sqlCount.nullable(),
  title: z.string(),
  excerpt: z.string(),
  sourceId: sqlId,
  sourceName: z.string(),
  reviewStatus: z.enum(ReviewStatus),
  complete: z.boolean(),
  language: z.string(),
});
export type PageRow = z.infer<typeof pageRow>;

/** ts_rank as an integer, so cursors carry it exactly; normalisation 1 divides by 1 + log(length). */
export const RANK_SCALE = 10_000_000;

export function keysetFor(cursor: ListCursor | null, descending: boolean): KeysetBound | undefined {
  if (!cursor || cursor.sort === "relevance") return undefined;
  // Walking forward in a descending list means smaller keys; a "before" cursor walks back the other way.
  const smaller = descending === (cursor.direction === "after");
  return { op: smaller ? "<" : ">", publishedAt: cursor.publishedAt, id: cursor.id };
}

export type PageQuery = { keys: Prisma.Sql; order: Prisma.Sql };

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
      keys: Prisma.sql`SELECT k.*, NULL::int AS rank, NULL::int AS candidates FROM (${rows}) k`,
      order: pageOrder,
    };
  }
  return {
    keys: Prisma.sql`
      WITH counted AS MATERIALIZED (${selectRows(selection, { order, limit: countCap + 1 })})
      SELECT k.*, NULL::int AS rank, (SELECT count(*)::int FROM counted) AS candidates
      FROM counted k ORDER BY ${pageOrder} LIMIT ${limit}`,
    order: pageOrder,
  };
}

export function relevanceQuery(
  filter: ResolvedFilter,
  textMode: TextMode,
  cursor: ListCursor | null,
  limit: number,
): PageQuery {
  const selection = buildSelection(filter, { textMode });
  const backwards = cursor?.direction === "before";
  const bound = cursor
    ? Prisma.sql`WHERE (c.rank, c.published_at, c.id) ${Prisma.raw(backwards ? ">" : "<")} (${cursor.rank ?? 0}::int, ${cursor.publishedAt}::timestamptz, ${cursor.id}::int)`
    : Prisma.empty;
  const direction = Prisma.raw(backwards ? "ASC" : "DESC");
  const rank = Prisma.sql`round(ts_rank(a.search, ${filter.tsquery}, 1) * ${RANK_SCALE})::int AS rank`;
  return {
    keys: Prisma.sql`
      WITH candidates AS MATERIALIZED (
        ${selectRows(selection, { columns: rank, order: "DESC", limit: RELEVANCE_CANDIDATES + 1 })}
      ), ranked AS (
        SELECT * FROM candidates ORDER BY published_at DESC, id DESC LIMIT ${RELEVANCE_CANDIDATES}
      )
      SELECT c.id, c.published_at, c.rank, (SELECT count(*)::int FROM candidates) AS candidates
      FROM ranked c
      ${bound}
      ORDER BY c.rank ${direction}, c.published_at ${direction}, c.id ${direction}
      LIMIT ${limit}`,
    order: Prisma.sql`k.rank ${direction}, k.published_at ${direction}, k.id ${direction}`,
  };
}

/** The page's keys joined to what a row shows; ts_headline runs on these few rows' openings only. */
function pageSql(query: PageQuery, filter: ResolvedFilter): Prisma.Sql {
  const excerpt = filter.tsquery
    ? snippetSql(Prisma.sql`a.body_text`, Prisma.sql`a.excerpt`, filter.tsquery)
    : Prisma.sql`a.excerpt`;
  return Prisma.sql`
    SELECT k.id, k.published_at AS "publishedAt", a.published_at_estimated AS undated, k.rank, k.candidates,
           a.title, ${excerpt} AS excerpt,
           a.source_id AS "sourceId", s.name AS "sourceName", a.review_status::text AS "reviewStatus",
           a.complete, a.language
    FROM (${query.keys}) k
    JOIN articles a ON a.id = k.id
    JOIN sources s ON s.id = a.source_id
    ORDER BY ${query.order}`;
}

/** The page's rows, checked: they hold the review status and the joined source. */
export async function queryPage(client: SqlClient, query: PageQuery, filter: ResolvedFilter): Promise<PageRow[]> {
  return checkRows("the list page", pageRow, await client.$queryRaw(pageSql(query, filter)));
}
