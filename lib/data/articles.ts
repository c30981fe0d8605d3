import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ReviewStatus } from "@/lib/generated/prisma/enums";
import { db } from "@/lib/db";

export type ArticleListItem = {
  id: number;
  title: string;
  excerpt: string;
  publishedAt: Date;
  sourceName: string;
  reviewStatus: ReviewStatus;
  complete: boolean;
};

export type Cursor = { publishedAt: Date; id: number };

export function encodeCursor(cursor: Cursor): string {
  return `${cursor.publishedAt.toISOString()}_${cursor.id}`;
}

export function decodeCursor(value: string | undefined | null): Cursor | null {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)_(\d{1,10})$/.exec(value ?? "");
  if (!match) return null;
  const publishedAt = new Date(match[1]);
  const id = Number(match[2]);
  return Number.isNaN(publishedAt.getTime()) || id > 2_147_483_647 ? null : { publishedAt, id };
}

export type ArticlePage = {
  items: ArticleListItem[];
  /** Cursor of the page after this one (older articles), if any. */
  olderCursor: string | null;
  /** Cursor of the page before this one (newer articles), if any. */
  newerCursor: string | null;
};

/**
 * Newest first, keyset-paged on (published_at, id): the row comparison walks
 * articles_published_at_id_idx whatever the depth, where OFFSET would scan every skipped row.
 */
export async function listArticlePage(options: {
  after?: Cursor | null;
  before?: Cursor | null;
  take?: number;
}): Promise<ArticlePage> {
  const take = Math.min(Math.max(options.take ?? 50, 1), 200);
  const backwards = Boolean(options.before);
  const bound = options.before ?? options.after;
  const where = bound
    ? backwards
      ? Prisma.sql`WHERE (a.published_at, a.id) > (${bound.publishedAt}, ${bound.id})`
      : Prisma.sql`WHERE (a.published_at, a.id) < (${bound.publishedAt}, ${bound.id})`
    : Prisma.empty;
  const order = backwards
    ? Prisma.sql`ORDER BY a.published_at ASC, a.id ASC`
    : Prisma.sql`ORDER BY a.published_at DESC, a.id DESC`;
  const rows = await db.$queryRaw<ArticleListItem[]>`
    SELECT a.id, a.title, a.excerpt, a.published_at AS "publishedAt", s.name AS "sourceName",
           a.review_status AS "reviewStatus", a.complete
    FROM articles a JOIN sources s ON s.id = a.source_id
    ${where}
    ${order}
    LIMIT ${take + 1}`;
  const hasMore = rows.length > take;
  const items = rows.slice(0, take);
  if (backwards) items.reverse();
  const first = items[0];
  const last = items[items.length - 1];
  return {
    items,
    olderCursor: last && (backwards || hasMore) ? encodeCursor(last) : null,
    newerCursor: first && (!backwards ? Boolean(bound) : hasMore) ? encodeCursor(first) : null,
  };
}

/** The planner's row estimate: instant on a million rows, where count(*) would scan them all. */
export async function estimateArticleCount(): Promise<number> {
  const rows = await db.$queryRaw<{ estimate: number }[]>`
    SELECT GREATEST(reltuples, 0)::float8 AS estimate FROM pg_class WHERE oid = 'articles'::regclass`;
  const estimate = Math.round(rows[0]?.estimate ?? 0);
  if (estimate > 0) return estimate;
  // Never analysed yet (a fresh database): small enough to count.
  return db.article.count();
}

export async function getArticle(id: number) {
  return db.article.findUnique({
    where: { id },
    select: {
      id: true,
      title: true,
      byline: true,
      url: true,
      bodyText: true,
      bodyHtml: true,
      language: true,
      publishedAt: true,
      undated: true,
      fetchedAt: true,
      reviewStatus: true,
      complete: true,
      source: { select: { id: true, name: true, url: true } },
    },
  });
}
