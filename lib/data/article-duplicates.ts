import "server-only";
import { db } from "@/lib/db";
import type { DuplicateKind } from "@/lib/generated/prisma/enums";

// "Also published by": the other sightings of an article that ingestion folded into it (the same story
// from another outlet or URL), most similar first.

export type ArticleDuplicateItem = {
  id: number;
  source: { id: number; name: string };
  url: string | null;
  title: string;
  publishedAt: Date;
  kind: DuplicateKind;
  similarity: number;
};

const MAX_DUPLICATES = 50;

export async function listArticleDuplicates(articleId: number): Promise<ArticleDuplicateItem[]> {
  return db.articleDuplicate.findMany({
    where: { articleId },
    orderBy: [{ similarity: "desc" }, { publishedAt: "asc" }, { id: "asc" }],
    take: MAX_DUPLICATES,
    select: {
      id: true,
      url: true,
      title: true,
      publishedAt: true,
      kind: true,
      similarity: true,
      source: { select: { id: true, name: true } },
    },
  });
}
