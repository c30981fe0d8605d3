import "server-only";
import { db } from "@/lib/db";
import { authorize, type Actor } from "@/lib/data/actor";

// Each person's read/unread mark (article_reads), apart from the team's review status: opening an article
// marks it read for its reader only; "mark unread" takes the mark away. Not audited: it is nobody's business
// but the reader's, and it changes nothing anyone else sees.

/** Marks one article read for the actor (again: the time moves on). */
export async function markArticleRead(articleId: number, actor: Actor): Promise<void> {
  authorize(actor, "articles:read");
  await db.$executeRaw`
    INSERT INTO article_reads (user_id, article_id, read_at) VALUES (${actor.id}, ${articleId}, now())
    ON CONFLICT (user_id, article_id) DO UPDATE SET read_at = EXCLUDED.read_at`;
}

/** Takes the actor's read mark off these articles; returns how many had one. */
export async function markArticlesUnread(articleIds: number[], actor: Actor): Promise<number> {
  authorize(actor, "articles:read");
  if (!articleIds.length) return 0;
  const { count } = await db.articleRead.deleteMany({ where: { userId: actor.id, articleId: { in: articleIds } } });
  return count;
}

/** Which of these articles the user has read (one query for a page of the list). */
export async function readArticleIds(userId: number, articleIds: number[]): Promise<Set<number>> {
  if (!articleIds.length) return new Set();
  const rows = await db.articleRead.findMany({
    where: { userId, articleId: { in: articleIds } },
    select: { articleId: true },
  });
  return new Set(rows.map((row) => row.articleId));
}
