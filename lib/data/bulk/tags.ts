import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { deleteTagLinks, insertTagLinks } from "@/lib/data/tags";
import { findOrCreateTag } from "@/lib/data/tag-catalogue";
import { ConflictError, NotFoundError } from "@/lib/errors";
import type { TagRef } from "@/lib/validation/tags";
import { alreadyClause, articlesWord } from "@/lib/wording";
import { countArticles, lockEffect, notIn, type BulkKind, type UndoBase } from "./kind";

// Adding and removing a tag on many articles.

type AddTagUndo = UndoBase & { type: "add_tag"; tagId: number; articleIds: number[]; createdAt: string | null };
type RemoveTagUndo = UndoBase & {
  type: "remove_tag";
  tagId: number;
  articleIds: number[];
  createdByIds: (number | null)[];
  createdAts: string[];
};

export const addTag: BulkKind<{ type: "add_tag"; tag: TagRef }, AddTagUndo> = {
  permission: "articles:tag",
  async apply(tx, ids, action, actor) {
    const tag =
      "name" in action.tag
        ? (await findOrCreateTag(tx, { name: action.tag.name }, actor)).tag
        : await tx.tag.findUnique({ where: { id: action.tag.id }, select: { id: true, name: true, color: true } });
    if (!tag) throw new NotFoundError("That tag no longer exists.");
    await lockEffect(tx, `tag+:${tag.id}`);
    const added = await insertTagLinks(tx, ids, tag.id, actor.id);
    const changed = added.map((row) => row.articleId);
    const asserted = notIn(ids, changed);
    return {
      affected: added.length,
      summary: `Tagged ${articlesWord(added.length)} with “${tag.name}”${alreadyClause(asserted.length, "had it")}`,
      undo: {
        type: "add_tag",
        effect: `tag+:${tag.id}`,
        asserted,
        tagId: tag.id,
        articleIds: changed,
        createdAt: added[0]?.createdAt.toISOString() ?? null,
      },
      meta: { tagId: tag.id, tag: tag.name },
    };
  },
  changed: (undo) => undo.articleIds,
  async restore(tx, undo, bulkActorId, only) {
    const articleIds = undo.articleIds.filter((id) => only.has(id));
    if (!articleIds.length || !undo.createdAt) return 0;
    return countArticles(
      await tx.$queryRaw<{ articleId: number }[]>(Prisma.sql`
        DELETE FROM article_tags
        WHERE tag_id = ${undo.tagId} AND article_id = ANY(${articleIds}::int[])
          AND created_at = ${undo.createdAt}::timestamptz AND created_by_id IS NOT DISTINCT FROM ${bulkActorId}::int
        RETURNING article_id AS "articleId"`),
    );
  },
};

export const removeTag: BulkKind<{ type: "remove_tag"; tagId: number }, RemoveTagUndo> = {
  permission: "articles:tag",
  async apply(tx, ids, action) {
    const tag = await tx.tag.findUnique({ where: { id: action.tagId }, select: { id: true, name: true } });
    if (!tag) throw new NotFoundError("That tag no longer exists.");
    await lockEffect(tx, `tag-:${tag.id}`);
    const removed = await deleteTagLinks(tx, ids, tag.id);
    const asserted = notIn(
      ids,
      removed.map((row) => row.articleId),
    );
    return {
      affected: removed.length,
      summary: `Removed “${tag.name}” from ${articlesWord(removed.length)}${alreadyClause(asserted.length, "lacked it")}`,
      undo: {
        type: "remove_tag",
        effect: `tag-:${tag.id}`,
        asserted,
        tagId: tag.id,
        articleIds: removed.map((row) => row.articleId),
        createdByIds: removed.map((row) => row.createdById),
        createdAts: removed.map((row) => row.createdAt.toISOString()),
      },
      meta: { tagId: tag.id, tag: tag.name },
    };
  },
  changed: (undo) => undo.articleIds,
  async restore(tx, undo, _bulkActorId, only) {
    const keep = undo.articleIds.map((_, i) => i).filter((i) => only.has(undo.articleIds[i]));
    if (!keep.length) return 0;
    const tag = await tx.tag.findUnique({ where: { id: undo.tagId }, select: { id: true } });
    if (!tag) throw new ConflictError("That tag has been deleted since: there is nothing to put back.");
    return countArticles(
      await tx.$queryRaw<{ articleId: number }[]>(Prisma.sql`
        INSERT INTO article_tags (article_id, tag_id, created_by_id, created_at, published_at)
        SELECT r.article_id, ${undo.tagId}, u.id, r.created_at, a.published_at
        FROM unnest(${keep.map((i) => undo.articleIds[i])}::int[], ${keep.map((i) => undo.createdByIds[i])}::int[],
                    ${keep.map((i) => undo.createdAts[i])}::timestamptz[]) AS r(article_id, created_by_id, created_at)
        JOIN articles a ON a.id = r.article_id
        LEFT JOIN users u ON u.id = r.created_by_id
        ORDER BY r.article_id
        ON CONFLICT (article_id, tag_id) DO NOTHING
        RETURNING article_id AS "articleId"`),
    );
  },
};
