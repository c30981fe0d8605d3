import { Prisma } from "@/lib/generated/prisma/client";
import type { ExpandClient } from "@/lib/search/expand-query";

// A search's tsquery SQL (query-syntax.ts) folds each spelling in PL/pgSQL (search_fold, ~20 us a spelling) and
// PostgreSQL does that while planning, at every place the tsquery stands: a name in 23 spellings cost 5 ms of
// planning in the relevance statement, and again in the probe, the count and the facets. The texts are computed
// once, in one statement, and kept: a tsquery is a pure function of its SQL and values (the search, its
// spellings, the common words), so the desk's list, facets and timeline of one search, and the next page, share
// them. The statements then carry the tsquery as a typed constant (`'...'::tsquery`), which costs nothing to plan.

const CACHE_LIMIT = 20_000;
const cache = new Map<string, string>();

const keyOf = (sql: Prisma.Sql) => JSON.stringify([sql.sql, sql.values]);

/** The tsquery of each SQL expression as text (null stays null): from the cache, the rest in one statement. */
export async function tsqueryTexts(client: ExpandClient, queries: (Prisma.Sql | null)[]): Promise<(string | null)[]> {
  const missing = new Map<string, Prisma.Sql>();
  for (const query of queries) if (query && !cache.has(keyOf(query))) missing.set(keyOf(query), query);
  if (missing.size) {
    const [row] = await client.$queryRaw<{ texts: string[] }[]>(
      Prisma.sql`SELECT ARRAY[${Prisma.join([...missing.values()].map((sql) => Prisma.sql`(${sql})::text`))}]::text[] AS texts`,
    );
    if (cache.size + missing.size > CACHE_LIMIT) cache.clear();
    [...missing.keys()].forEach((key, i) => cache.set(key, row.texts[i]));
  }
  return queries.map((query) => (query ? cache.get(keyOf(query))! : null));
}

/** A tsquery's text as the constant a statement carries. */
export function tsqueryConstant(text: string): Prisma.Sql {
  return Prisma.sql`${text}::tsquery`;
}
