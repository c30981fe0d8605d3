import "server-only";
import { encodeListCursor, type CursorDirection } from "@/lib/search/cursor";
import { listArticles, type SqlClient } from "@/lib/search/list-articles";
import type { ArticleFilter } from "@/lib/validation/article-filter";

// The article before and after one in a list: the list's own keyset query, started at the article itself
// (a cursor made from its sort keys) and one row long, so the neighbours are exactly the rows the list shows
// around it, across its page boundaries. A list sorted by best match steps by date instead: its order depends
// on scores the article page does not have.

export type Neighbour = { id: number; title: string };
export type Neighbours = { previous: Neighbour | null; next: Neighbour | null };

export async function articleNeighbours(
  filter: ArticleFilter,
  article: { id: number; publishedAt: Date },
  options: { client?: SqlClient; now?: Date } = {},
): Promise<Neighbours> {
  const sort = filter.sort === "relevance" ? "newest" : filter.sort;
  const step = async (direction: CursorDirection) => {
    const cursor = encodeListCursor({ sort, direction, publishedAt: article.publishedAt, id: article.id });
    const page = await listArticles({ ...filter, sort, cursor }, { take: 1, count: false, ...options });
    const row = page.items[0];
    return row ? { id: row.id, title: row.title } : null;
  };
  const [previous, next] = await Promise.all([step("before"), step("after")]);
  return { previous, next };
}
