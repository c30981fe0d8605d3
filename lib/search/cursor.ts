import type { ArticleSort } from "@/lib/validation/article-filter";
import { MAX_ID } from "@/lib/constants";

// Keyset cursors of the article list: the sort keys of the row a page starts after (or ends before),
// packed into a short URL-safe token. "na.<ms>.<id>" = newest first, after that row; "rb.<rank>.<ms>.<id>"
// = by relevance, before that row. A cursor made for another sort is ignored, not misread.

export type CursorDirection = "after" | "before";

export type ListCursor = {
  sort: ArticleSort;
  direction: CursorDirection;
  publishedAt: Date;
  id: number;
  /** Relevance only: the integer rank the list sorts by. */
  rank?: number;
};

const SORT_CODE: Record<ArticleSort, string> = { newest: "n", oldest: "o", relevance: "r" };

export function encodeListCursor(cursor: ListCursor): string {
  const keys = [cursor.publishedAt.getTime(), cursor.id].map((n) => n.toString(36));
  if (cursor.sort === "relevance") keys.unshift((cursor.rank ?? 0).toString(36));
  return `${SORT_CODE[cursor.sort]}${cursor.direction === "after" ? "a" : "b"}.${keys.join(".")}`;
}

function parseInteger(text: string): number | null {
  if (!/^-?[0-9a-z]{1,12}$/.test(text)) return null;
  const value = parseInt(text, 36);
  return Number.isSafeInteger(value) ? value : null;
}

/** The cursor if it is well formed and made for `sort`, else null (the list then starts at its first page). */
export function decodeListCursor(token: string | undefined, sort: ArticleSort): ListCursor | null {
  if (!token) return null;
  const [head, ...keys] = token.split(".");
  if (head?.length !== 2 || head[0] !== SORT_CODE[sort] || !"ab".includes(head[1])) return null;
  const numbers = keys.map(parseInteger);
  if (numbers.length !== (sort === "relevance" ? 3 : 2) || numbers.some((n) => n === null)) return null;
  const [ms, id] = numbers.slice(-2) as number[];
  const rank = sort === "relevance" ? (numbers[0] as number) : undefined;
  const publishedAt = new Date(ms);
  if (Number.isNaN(publishedAt.getTime()) || id < 1 || id > MAX_ID || (rank !== undefined && rank < 0)) return null;
  return {
    sort,
    direction: head[1] === "a" ? "after" : "before",
    publishedAt,
    id,
    ...(rank !== undefined ? { rank } : {}),
  };
}
