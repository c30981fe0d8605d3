import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/data/audit";
import { authorize, type Actor } from "@/lib/data/actor";
import { describeTarget, resolveArticleTarget, type ArticleTarget } from "@/lib/data/article-selection";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ReviewStatus } from "@/lib/generated/prisma/enums";

// An article's review status (new, reviewed, flagged): the analysts' triage mark.
//
//   setReviewStatus(target, status, actor)   "articles:review"; audited; returns how many changed

export type StatusChange = { articleId: number; previous: ReviewStatus };

const WRITE_TIMEOUT = { maxWait: 10_000, timeout: 60_000 };

/** Sets the status where it differs; returns each changed article's previous status (for undo). */
export async function updateReviewStatus(
  tx: Prisma.TransactionClient,
  articleIds: number[],
  status: ReviewStatus,
): Promise<StatusChange[]> {
  if (!articleIds.length) return [];
  // Rows are locked in id order first: two overlapping bulk changes then queue instead of deadlocking.
  return tx.$queryRaw<StatusChange[]>(Prisma.sql`
    WITH target AS (
      SELECT id, review_status FROM articles
      WHERE id = ANY(${articleIds}::int[]) AND review_status <> ${status}::"ReviewStatus"
      ORDER BY id FOR UPDATE
    )
    UPDATE articles a SET review_status = ${status}::"ReviewStatus", updated_at = now()
    FROM target WHERE a.id = target.id
    RETURNING a.id AS "articleId", target.review_status::text AS previous`);
}

export async function setReviewStatus(
  target: ArticleTarget,
  status: ReviewStatus,
  actor: Actor,
): Promise<{ affected: number; requested: number; articleIds: number[] }> {
  authorize(actor, "articles:review");
  return db.$transaction(async (tx) => {
    const articleIds = await resolveArticleTarget(tx, target);
    const changed = await updateReviewStatus(tx, articleIds, status);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "articles.review",
      targetType: articleIds.length === 1 ? "article" : undefined,
      targetId: articleIds.length === 1 ? articleIds[0] : undefined,
      meta: {
        status,
        count: changed.length,
        requested: articleIds.length,
        ...describeTarget(target),
        ...(articleIds.length <= 20 ? { articleIds } : {}),
      },
      ip: actor.ip,
    });
    return { affected: changed.length, requested: articleIds.length, articleIds };
  }, WRITE_TIMEOUT);
}
