import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { VersionSeenBy } from "@/lib/generated/prisma/enums";
import type { ExportVersion } from "@/lib/export/types";
import { authorize, type Actor } from "@/lib/data/actor";
import type { Permission } from "@/lib/permissions";

// Reads of an article's versions (article_versions): for the article page's history, the versions API and
// the JSON exports. Every version is kept; the article row holds the latest.

/** A batch's versions, oldest first, in one query. */
export async function loadBatchVersions(
  client: { $queryArrays(query: Prisma.Sql): Promise<unknown[][]> },
  ids: number[],
): Promise<Map<number, ExportVersion[]>> {
  const rows = await client.$queryArrays(Prisma.sql`
      SELECT article_id, version, title, body_text, url, seen_at, seen_by::text
        FROM article_versions WHERE article_id = ANY(${ids}::int[])
       ORDER BY article_id, version`);
  const versions = new Map<number, ExportVersion[]>();
  for (const row of rows) {
    const [articleId, version, title, bodyText, url, seenAt, seenBy] = row as [
      number,
      number,
      string,
      string,
      string | null,
      Date,
      string,
    ];
    const list = versions.get(articleId) ?? [];
    list.push({ version, title, bodyText, url, seenAt, seenBy });
    versions.set(articleId, list);
  }
  return versions;
}

export type ArticleVersionRow = {
  version: number;
  title: string;
  bodyText: string;
  bodyHtml: string | null;
  url: string | null;
  imageHashes: string[] | null;
  seenAt: Date;
  seenBy: VersionSeenBy;
  runId: number | null;
};

export type ArticleVersions = {
  articleId: number;
  versionCount: number;
  editedAt: Date | null;
  goneAt: Date | null;
  lastSeenAt: Date | null;
  lastCheckedAt: Date | null;
  versions: ArticleVersionRow[];
};

/** Every version of the article, oldest first, with its change marks; null when there is no such article. */
export async function listArticleVersions(
  actor: Actor,
  articleId: number,
  permission: Permission = "articles:read",
): Promise<ArticleVersions | null> {
  authorize(actor, permission);
  const article = await db.article.findUnique({
    where: { id: articleId },
    select: {
      id: true,
      versionCount: true,
      editedAt: true,
      goneAt: true,
      lastSeenAt: true,
      lastCheckedAt: true,
      versions: {
        orderBy: { version: "asc" },
        select: {
          version: true,
          title: true,
          bodyText: true,
          bodyHtml: true,
          url: true,
          imageHashes: true,
          seenAt: true,
          seenBy: true,
          runId: true,
        },
      },
    },
  });
  if (!article) return null;
  const { id, versions, ...marks } = article;
  return { articleId: id, ...marks, versions };
}
