import { Prisma } from "@/lib/generated/prisma/client";
import { parseSearchQuery, type SearchTerm } from "@/lib/search/query-syntax";
import type { SqlClient } from "@/lib/search/text-strategy";

// Relevance as Presswatch ranked before this change (main at daa33e8), kept so `search.ndcg10_before` can be
// measured again on any machine: the same query syntax, each term through plainto/phraseto/to_tsquery with no
// folding of spellings and no names register, over `search_before` (the vector without folding, which
// search-corpus.ts adds); the newest 500 matches ranked by ts_rank with length normalisation 1, ties newest
// first.

const CANDIDATES = 500;

function termSql(term: SearchTerm): Prisma.Sql {
  const sql =
    term.kind === "phrase"
      ? Prisma.sql`phraseto_tsquery('english', ${term.text})`
      : term.kind === "prefix"
        ? Prisma.sql`to_tsquery('english', ${`${term.text}:*`})`
        : Prisma.sql`plainto_tsquery('english', ${term.text})`;
  return term.negated ? Prisma.sql`(!! ${sql})` : sql;
}

function tsquerySql(q: string): Prisma.Sql | null {
  const { clauses } = parseSearchQuery(q);
  if (!clauses.length) return null;
  const parts = clauses.map((clause) =>
    clause.length === 1 ? termSql(clause[0]) : Prisma.sql`(${Prisma.join(clause.map(termSql), " || ")})`,
  );
  return parts.length === 1 ? parts[0] : Prisma.sql`(${Prisma.join(parts, " && ")})`;
}

/** The article ids the old "best match" put first, best first. */
export async function rankBefore(client: SqlClient, q: string, take: number): Promise<number[]> {
  const tsquery = tsquerySql(q);
  if (!tsquery) return [];
  const rows = await client.$queryRaw<{ id: number }[]>(Prisma.sql`
    WITH c AS MATERIALIZED (
      SELECT id, published_at, round(ts_rank(search_before, ${tsquery}, 1) * 10000000)::int AS rank FROM articles
      WHERE search_before @@ ${tsquery} ORDER BY published_at DESC, id DESC LIMIT ${CANDIDATES})
    SELECT id FROM c ORDER BY rank DESC, published_at DESC, id DESC LIMIT ${take}`);
  return rows.map((row) => row.id);
}
