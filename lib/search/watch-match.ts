import { Prisma } from "@/lib/generated/prisma/client";
import { buildSelection, type ResolvedFilter } from "@/lib/search/article-sql";
import { resolveFilter } from "@/lib/search/resolve-filter";
import type { SqlClient } from "@/lib/search/text-strategy";
import { parseArticleFilter } from "@/lib/validation/article-filter";

// Matching newly stored articles against every live watch, inside the ingest chunk's transaction
// (lib/ingest/store/index.ts): the matches and the outbox rows of the messages they cause commit with the
// articles or not at all. Each watched view's filter becomes SQL through the desk list's own builder
// (article-sql.ts), so a watch matches exactly what its view lists.
//
// Why one statement per chunk: a query per watch (or per distinct filter) costs a round trip and an index
// probe of the chunk's ids each, ~0.5 ms, which with 1,000 watches is half a second per chunk. Instead the
// chunk's rows are read once into a materialised CTE, with each tsvector copied out of TOAST once (`|| ''`),
// and every distinct filter is one UNION ALL branch over those few hundred rows in memory. Watches with the
// same filter share a branch. A watch is live when its user is active and may still see the view (their own,
// or shared).

export type WatchMatchRow = { watchId: number; articleId: number };

export type LiveWatch = {
  id: number;
  query: string;
  /** Its matches wait for an email digest. */
  digest: boolean;
  immediateEmail: boolean;
  webhook: boolean;
};

/** A resolved filter is reused this long: the names register (which a search's expansion reads) changes rarely. */
const RESOLVED_TTL_MS = 5 * 60_000;
const resolvedCache = new Map<string, { at: number; resolved: ResolvedFilter }>();

async function resolvedFor(client: SqlClient, query: string, now: number): Promise<ResolvedFilter> {
  const cached = resolvedCache.get(query);
  if (cached && now - cached.at < RESOLVED_TTL_MS) return cached.resolved;
  const { filter } = parseArticleFilter(query);
  const resolved = await resolveFilter(client, { ...filter, cursor: undefined }, new Date(now));
  resolvedCache.set(query, { at: now, resolved });
  return resolved;
}

export async function listLiveWatches(client: SqlClient): Promise<LiveWatch[]> {
  return client.$queryRaw<LiveWatch[]>(Prisma.sql`
    SELECT w.id, v.query,
      (w.email AND w.email_frequency <> 'IMMEDIATE') AS digest,
      (w.email AND w.email_frequency = 'IMMEDIATE') AS "immediateEmail",
      (w.webhook_url IS NOT NULL) AS webhook
    FROM watches w
    JOIN saved_views v ON v.id = w.view_id
    JOIN users u ON u.id = w.user_id
    WHERE u.active AND (v.owner_id = w.user_id OR v.shared)`);
}

/** The WHERE over `a` (a row of the chunk) that the desk list applies for this query. */
export function watchCondition(resolved: ResolvedFilter): Prisma.Sql {
  // "walk": the text is checked per row, right for a few hundred rows; the articles driver checks themes and
  // tags per row too, instead of walking their link tables.
  const selection = buildSelection(resolved, { textMode: "walk", articlesDriver: true });
  return selection.branches[0].where;
}

/**
 * Inserts the matches of the given (just stored) articles for every live watch and returns the new ones:
 * an article already matched to a watch is not returned again (the unique (watch, article) pair).
 */
export async function matchNewArticles(
  tx: SqlClient,
  articleIds: number[],
  options: { now?: Date; watches?: LiveWatch[] } = {},
): Promise<{ matches: WatchMatchRow[]; watches: LiveWatch[] }> {
  if (!articleIds.length) return { matches: [], watches: [] };
  const watches = options.watches ?? (await listLiveWatches(tx));
  if (!watches.length) return { matches: [], watches };
  const now = (options.now ?? new Date()).getTime();
  const byQuery = new Map<string, LiveWatch[]>();
  for (const watch of watches) {
    const list = byQuery.get(watch.query);
    if (list) list.push(watch);
    else byQuery.set(watch.query, [watch]);
  }
  const branches: Prisma.Sql[] = [];
  const keys: number[] = [];
  const watchIds: number[] = [];
  const digests: boolean[] = [];
  let key = 0;
  for (const [query, group] of byQuery) {
    const resolved = await resolvedFor(tx, query, now);
    branches.push(Prisma.sql`SELECT ${key}::int AS k, a.id FROM c a WHERE ${watchCondition(resolved)}`);
    for (const watch of group) {
      keys.push(key);
      watchIds.push(watch.id);
      digests.push(watch.digest);
    }
    key++;
  }
  // The columns the filter conditions read (article-sql.ts articleConditions): a condition on another column
  // would fail here loudly, not match wrongly.
  const rows = await tx.$queryRaw<{ watchId: number; articleId: number }[]>(Prisma.sql`
    WITH c AS MATERIALIZED (
      SELECT id, source_id, review_status, language, published_at, published_at_estimated, complete, edited_at, gone_at,
        search || ''::tsvector AS search
      FROM articles WHERE id = ANY(${articleIds}::int[])
    ),
    m AS (${Prisma.join(branches, " UNION ALL ")})
    INSERT INTO watch_matches (watch_id, article_id, digest_pending)
    SELECT w.watch_id, m.id, w.digest
    FROM m JOIN unnest(${keys}::int[], ${watchIds}::int[], ${digests}::bool[]) AS w(k, watch_id, digest) ON w.k = m.k
    ORDER BY w.watch_id, m.id
    ON CONFLICT (watch_id, article_id) DO NOTHING
    RETURNING watch_id AS "watchId", article_id AS "articleId"`);
  return { matches: rows, watches };
}
