import "server-only";
import { db } from "@/lib/db";

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
      versionCount: true,
      editedAt: true,
      goneAt: true,
      source: { select: { id: true, name: true, url: true } },
    },
  });
}
