import "server-only";
import { z } from "zod";
import { checkRows, sqlCount, sqlId } from "@/lib/db/rows";
import { Prisma } from "@/lib/generated/prisma/client";
import { ThemeOrigin } from "@/lib/generated/prisma/enums";
import type { SqlClient } from "@/lib/search/text-strategy";

// What a page of the article list shows beside each row: its live themes, its tags and how many notes it
// has, three queries over the page's ids (at most a page, so their rows are checked, not cast).

const themeLink = z.object({
  articleId: sqlId,
  id: sqlId,
  name: z.string(),
  color: z.string(),
  origin: z.enum(ThemeOrigin),
});
const tagLink = z.object({ articleId: sqlId, id: sqlId, name: z.string(), color: z.string() });
const noteCount = z.object({ articleId: sqlId, n: sqlCount });

function byArticle<Row extends { articleId: number }>(rows: Row[]): Map<number, Omit<Row, "articleId">[]> {
  const grouped = new Map<number, Omit<Row, "articleId">[]>();
  for (const { articleId, ...rest } of rows) {
    const list = grouped.get(articleId) ?? [];
    list.push(rest);
    grouped.set(articleId, list);
  }
  return grouped;
}

/** The themes the articles show (not removed by hand), by name. */
export async function liveThemeLinks(client: SqlClient, ids: number[]) {
  const rows = await client.$queryRaw(Prisma.sql`
    SELECT l.article_id AS "articleId", t.id, t.name, t.color, l.origin::text AS origin
    FROM article_themes l JOIN themes t ON t.id = l.theme_id
    WHERE l.article_id = ANY(${ids}::int[]) AND NOT l.excluded
    ORDER BY t.name`);
  return checkRows("the articles' themes", themeLink, rows);
}

export async function loadArticleRelations(client: SqlClient, ids: number[]) {
  const [themes, tags, notes] = await Promise.all([
    liveThemeLinks(client, ids),
    client.$queryRaw(Prisma.sql`
      SELECT l.article_id AS "articleId", t.id, t.name, t.color
      FROM article_tags l JOIN tags t ON t.id = l.tag_id
      WHERE l.article_id = ANY(${ids}::int[])
      ORDER BY t.name`),
    client.$queryRaw(Prisma.sql`
      SELECT article_id AS "articleId", count(*)::int AS n FROM annotations WHERE article_id = ANY(${ids}::int[]) GROUP BY article_id`),
  ]);
  return {
    themes: byArticle(themes),
    tags: byArticle(checkRows("the list's tags", tagLink, tags)),
    annotations: new Map(checkRows("the list's note counts", noteCount, notes).map((row) => [row.articleId, row.n])),
  };
}
