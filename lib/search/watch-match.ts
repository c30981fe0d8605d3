import { Prisma } from "@/lib/generated/prisma/client";
import { buildSelection, type ResolvedFilter } from "@/lib/search/article-sql";
import { readRegister, registerKeys } from "@/lib/search/expand-query";
import { isEmptySearch, parseSearchQuery } from "@/lib/search/query-syntax";
import { resolveFilter } from "@/lib/search/resolve-filter";
import type { SqlClient } from "@/lib/search/text-strategy";
import { factorTsquery } from "@/lib/search/tsquery-factor";
import { tsqueryTexts } from "@/lib/search/tsquery-text";
import { parseArticleFilter } from "@/lib/validation/article-filter";

// Matching stored articles against every live watch, in the worker's transaction that also writes the outbox rows
// of the messages the matches cause (lib/data/watch-outbox.ts). Each watched view's filter becomes SQL through
// the desk list's own builder (article-sql.ts), so a watch matches exactly what its view lists.
//
// One statement per batch of articles, whose plan does not grow with the number of filters: the batch's rows are
// read once into a materialised CTE (each tsvector copied out of TOAST once, `|| ''`), every filter's search is a
// tsquery value in a second one, and the filters are grouped by everything but their search (in practice a
// handful of shapes: a language, a status, a date bound): a group's articles are picked once by what its filters
// share, then joined with their searches, both conditions built by the desk's builder (the search read from the
// filter's row, `f.q`). Measured with 1,000 watches, each its own
// filter, recording 2,025 articles' 98,022 matches (2 busy cores, CPU time, warm): 1.96-2.0 s in PostgreSQL and
// 0.06-0.07 s in Node, against 2.7-3.2 s and 0.3-0.6 s for a UNION ALL of one branch per filter, which spent
// 225 ms a batch planning its 1,000 branches. Most of what is left is writing the match rows (their indexes and
// foreign keys). Matching alone took 0.52-0.73 s; testing each search only on the articles holding one of its
// necessary words (the batch's words joined with the searches') took as long, 0.53-0.75 s: unnesting and joining
// a batch's 46,000 words costs what it saves when watches follow common words.
//
// A watch is live when its user is active and may still see the view (their own, or shared). The names register
// is read on every batch (one query for all the searches), so a new spelling counts from the next batch.

export type LiveWatch = {
  id: number;
  query: string;
  /** Its matches wait for an email digest. */
  digest: boolean;
  immediateEmail: boolean;
  webhook: boolean;
};

/** Filters alike but for their search: the condition on `a` (an article of the batch) they share, and whether they search. */
type FilterGroup = { condition: Prisma.Sql; searches: boolean; keys: number[] };

export type MatchPlan = {
  /** Per distinct filter (its key is the index): its search's tsquery, as text, or null for none. */
  tsqueries: (string | null)[];
  groups: FilterGroup[];
  /** Per live watch: the key of its filter. */
  watches: { watch: LiveWatch; key: number }[];
};

const CACHE_LIMIT = 20_000;
/** The register keys a view's query could name, by query (a pure function of it; parsing a thousand takes 10-100 ms). */
const keysCache = new Map<string, string[]>();
/** The last batch's filters, and what they were made of. */
let lastFilters: { inputs: string; tsqueries: (string | null)[]; groups: FilterGroup[] } | undefined;

export async function listLiveWatches(client: SqlClient): Promise<LiveWatch[]> {
  return client.$queryRaw<LiveWatch[]>(Prisma.sql`
    SELECT w.id, v.query,
      (w.email AND w.email_frequency <> 'IMMEDIATE') AS digest,
      (w.email AND w.email_frequency = 'IMMEDIATE') AS "immediateEmail",
      (w.webhook_url IS NOT NULL) AS webhook
    FROM watches w
    JOIN saved_views v ON v.id = w.view_id
    JOIN users u ON u.id = w.user_id
    WHERE u.active AND (v.owner_id = w.user_id OR v.shared)
    ORDER BY w.id`);
}

/** The WHERE over `a` (an article) that the desk list applies for this filter, its search given as `tsquery`. */
export function watchCondition(resolved: ResolvedFilter, tsquery: Prisma.Sql | null = resolved.tsquery): Prisma.Sql {
  // "walk": the text is checked per row, right for a few hundred rows; the articles driver checks themes and
  // tags per row too, instead of walking their link tables.
  const selection = buildSelection(
    { ...resolved, tsquery, looseTsquery: null },
    { textMode: "walk", articlesDriver: true },
  );
  return selection.branches[0].where;
}

function searchKeys(query: string): string[] {
  let keys = keysCache.get(query);
  if (!keys) {
    const { q } = parseArticleFilter(query).filter;
    const search = q ? parseSearchQuery(q) : null;
    keys = search && !isEmptySearch(search) ? registerKeys(search) : [];
    if (keysCache.size >= CACHE_LIMIT) keysCache.clear();
    keysCache.set(query, keys);
  }
  return keys;
}

/**
 * What one batch's statement needs: the live watches' filters, resolved now, grouped by all but their search.
 * Resolving a thousand filters takes 150-250 ms, so the last answer is kept and reused while its inputs are the
 * same: the distinct queries, the register's rows for their words (read on every batch) and the day (a "last 7
 * days" view moves at midnight UTC). Nothing else reaches resolveFilter.
 */
export async function planWatchMatching(
  client: SqlClient,
  watches: LiveWatch[],
  now: Date = new Date(),
): Promise<MatchPlan> {
  const queries = [...new Set(watches.map((watch) => watch.query))];
  const register = await readRegister(client, [...new Set(queries.flatMap(searchKeys))]);
  const inputs = JSON.stringify([queries, register, now.toISOString().slice(0, 10)]);
  if (lastFilters?.inputs !== inputs) {
    const resolved = await Promise.all(
      queries.map((query) =>
        resolveFilter(client, { ...parseArticleFilter(query).filter, cursor: undefined }, now, {
          register,
          compile: false,
        }),
      ),
    );
    // Factored as the desk's searches are (tsquery-factor.ts): the same matches, checked faster.
    const tsqueries = (
      await tsqueryTexts(
        client,
        resolved.map((filter) => filter.tsquery),
      )
    ).map((text) => (text === null ? null : factorTsquery(text)));
    const groups = new Map<string, FilterGroup>();
    resolved.forEach((filter, key) => {
      const condition = watchCondition(filter, null);
      const searches = filter.tsquery !== null;
      const groupKey = JSON.stringify([condition.sql, condition.values, searches]);
      const group = groups.get(groupKey);
      if (group) group.keys.push(key);
      else groups.set(groupKey, { condition, searches, keys: [key] });
    });
    lastFilters = { inputs, tsqueries, groups: [...groups.values()] };
  }
  const keyOf = new Map(queries.map((query, key) => [query, key]));
  return {
    tsqueries: lastFilters.tsqueries,
    groups: lastFilters.groups,
    watches: watches.map((watch) => ({ watch, key: keyOf.get(watch.query)! })),
  };
}

/** The desk's text condition alone, on a search given as the filter row's `f.q`. */
const SEARCH_CONDITION = watchCondition(
  { search: null, tsquery: null, looseTsquery: null, typedTsquery: null, tagMode: "any" },
  Prisma.sql`f.q`,
);

/**
 * The statement's start: `WITH c` (the articles, as `a` reads them), `f` (the filters) and `m` (each match as
 * filter key `k` and article `id`), for the caller to finish with what it writes.
 */
export function matchesCte(plan: MatchPlan, articleIds: number[]): Prisma.Sql {
  const groupOf: number[] = [];
  plan.groups.forEach((group, g) => group.keys.forEach((key) => (groupOf[key] = g)));
  const keys = plan.tsqueries.map((_, key) => key);
  // Each group's articles first, in a CTE of their own: what the group's filters share (a theme's EXISTS probe,
  // say) is checked once per article, not once per filter and article; then each filter's search on those. The
  // desk's condition is the AND of the two.
  const groupArticles = plan.groups.map(
    (group, g) => Prisma.sql`${Prisma.raw(`c${g}`)} AS MATERIALIZED (SELECT * FROM c a WHERE ${group.condition})`,
  );
  const branches = plan.groups.map(
    (group, g) =>
      Prisma.sql`SELECT f.k, a.id FROM f CROSS JOIN ${Prisma.raw(`c${g}`)} a
        WHERE f.g = ${g}${group.searches ? Prisma.sql` AND ${SEARCH_CONDITION}` : Prisma.empty}`,
  );
  // The columns the filter conditions read (article-sql.ts articleConditions): a condition on another column
  // would fail here loudly, not match wrongly.
  return Prisma.sql`
    WITH c AS MATERIALIZED (
      SELECT id, source_id, review_status, language, published_at, published_at_estimated, complete, edited_at, gone_at,
        search || ''::tsvector AS search
      FROM articles WHERE id = ANY(${articleIds}::int[])
    ),
    f AS MATERIALIZED (
      SELECT * FROM unnest(${keys}::int[], ${groupOf}::int[], ${plan.tsqueries}::tsquery[]) AS f(k, g, q)
    ),
    ${Prisma.join(groupArticles, ",\n    ")},
    m AS (${Prisma.join(branches, " UNION ALL ")})`;
}
