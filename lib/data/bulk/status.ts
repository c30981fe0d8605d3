import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ReviewStatus } from "@/lib/generated/prisma/enums";
import { updateReviewStatus } from "@/lib/data/article-status";
import { alreadyClause, articlesWord, STATUS_WORD } from "@/lib/wording";
import { countArticles, lockEffect, notIn, type BulkKind, type UndoBase } from "./kind";

// Marking many articles new, reviewed or flagged.

type StatusUndo = UndoBase & {
  type: "set_status";
  status: ReviewStatus;
  previous: Partial<Record<ReviewStatus, number[]>>;
};

export const setStatus: BulkKind<{ type: "set_status"; status: ReviewStatus }, StatusUndo> = {
  permission: "articles:review",
  async apply(tx, ids, action) {
    const effect = `status:${action.status}`;
    await lockEffect(tx, effect);
    const changes = await updateReviewStatus(tx, ids, action.status);
    const previous: Partial<Record<ReviewStatus, number[]>> = {};
    for (const change of changes) (previous[change.previous] ??= []).push(change.articleId);
    const asserted = notIn(
      ids,
      changes.map((change) => change.articleId),
    );
    return {
      affected: changes.length,
      summary: `Marked ${articlesWord(changes.length)} ${STATUS_WORD[action.status]}${alreadyClause(asserted.length, STATUS_WORD[action.status])}`,
      undo: { type: "set_status", effect, asserted, status: action.status, previous },
      meta: { status: action.status },
    };
  },
  changed: (undo) => Object.values(undo.previous).flat(),
  async restore(tx, undo, _bulkActorId, only) {
    const entries = (Object.entries(undo.previous) as [ReviewStatus, number[]][]).map(
      ([status, list]) => [status, list.filter((id) => only.has(id))] as const,
    );
    const ids = entries.flatMap(([, list]) => list);
    if (!ids.length) return 0;
    const statuses = entries.flatMap(([status, list]) => list.map(() => status));
    return countArticles(
      await tx.$queryRaw<{ articleId: number }[]>(Prisma.sql`
        WITH previous AS (SELECT * FROM unnest(${ids}::int[], ${statuses}::text[]) AS p(id, status)),
        target AS (
          SELECT a.id, p.status FROM articles a JOIN previous p ON p.id = a.id
          WHERE a.review_status = ${undo.status}::"ReviewStatus"
          ORDER BY a.id FOR UPDATE OF a
        )
        UPDATE articles a SET review_status = target.status::"ReviewStatus", updated_at = now()
        FROM target WHERE a.id = target.id
        RETURNING a.id AS "articleId"`),
    );
  },
};
