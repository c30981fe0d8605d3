import { Prisma } from "@/lib/generated/prisma/client";
import { buildSelection } from "@/lib/search/article-sql";
import { probeText, type SqlClient } from "@/lib/search/text-strategy";
import type { ArticleFilter } from "@/lib/validation/article-filter";
import { resolveFilter } from "@/lib/search/resolve-filter";

// The ids of every article a list filter matches, for "select all N matching this filter" in bulk
// actions. Same SQL as the list (article-sql.ts, text-strategy.ts): what the analyst saw is what is
// changed. Paging and order do not apply; the ids come newest first.

export type MatchingIds = {
  ids: number[];
  /** True when more than `cap` articles match: `ids` then holds the newest `cap` only. */
  capped: boolean;
};

export async function matchingArticleIds(
  client: SqlClient,
  filter: ArticleFilter,
  cap: number,
  options: { now?: Date } = {},
): Promise<MatchingIds> {
  const resolved = await resolveFilter(client, { ...filter, cursor: undefined }, options.now);
  const textMode = resolved.tsquery ? (await probeText(client, resolved)).mode : "index";
  const selection = buildSelection(resolved, { textMode });
  const rows = await client.$queryRaw<{ id: number }[]>(Prisma.sql`
    SELECT ${selection.keyId} AS id
    FROM ${selection.from}
    WHERE ${selection.where}
    ORDER BY ${selection.keyAt} DESC, ${selection.keyId} DESC
    LIMIT ${cap + 1}`);
  return { ids: rows.slice(0, cap).map((row) => row.id), capped: rows.length > cap };
}
