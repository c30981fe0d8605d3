import "server-only";
import { z } from "zod";
import { checkRows, sqlCount, sqlId } from "@/lib/db/rows";
import { Prisma } from "@/lib/generated/prisma/client";
import { ThemeOrigin } from "@/lib/generated/prisma/enums";
import type { SqlClient } from "@/lib/search/text-strategy";

// What a page of the article list shows beside each row: its live themes, its tags and how many notes it
// has (at most a page, so their rows are checked, not cast).

const themeLink = z.object({
  articleId: sqlId,
  id: sqlId,
  name: z.string(),
  color: z.string(),
  origin: z.enum(ThemeOrigin),
});
const tagLink = z.object({ articleId: sqlId, id: sqlId, name: z.string(), color: z.string() });

const rowRelations = z.object({
  id: sqlId,
  themes: z.array(themeLink.omit({ articleId: true })),
  tags: z.array(tagLink.omit({ articleId: true })),
  annotationCount: sqlCount,
});

/**
 * What a row of the list shows beside it, as three columns of the page's own statement (list-page-sql.ts): `themes`
 * and `tags` (JSON arrays, by name) and `annotationCount`, for the article `a`. Three index probes a row inside the
 * statement cost less than three statements over the page's ids, which took three round trips after the page and
 * contended with the snippets' marking for the pool and the two cores.
 */
export const RELATION_COLUMNS = Prisma.sql`
  (SELECT coalesce(json_agg(json_build_object('id', t.id, 'name', t.name, 'color', t.color, 'origin', l.origin::text)
                            ORDER BY t.name), '[]')
   FROM article_themes l JOIN themes t ON t.id = l.theme_id WHERE l.article_id = a.id AND NOT l.excluded) AS themes,
  (SELECT coalesce(json_agg(json_build_object('id', t.id, 'name', t.name, 'color', t.color) ORDER BY t.name), '[]')
   FROM article_tags l JOIN tags t ON t.id = l.tag_id WHERE l.article_id = a.id) AS tags,
  (SELECT count(*)::int FROM annotations n WHERE n.article_id = a.id) AS "annotationCount"`;

/** The rows' RELATION_COLUMNS, checked. */
export function checkRelations(rows: unknown) {
  return checkRows("the list's themes, tags and notes", rowRelations, rows);
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
