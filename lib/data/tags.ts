import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { checkRows, sqlId } from "@/lib/db/rows";
import { recordAudit } from "@/lib/data/audit";
import { authorize, type Actor } from "@/lib/data/actor";
import { describeTarget, resolveArticleTarget, type ArticleTarget } from "@/lib/data/article-selection";
import { findOrCreateTag, type TagSummary } from "@/lib/data/tag-catalogue";
import { NotFoundError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TagRef } from "@/lib/validation/tags";

// Tags on articles, and (re-exported from tag-catalogue.ts) the tags themselves.
//
//   addTagToArticles(target, tag, actor)        "articles:tag" (+ "tags:create" to create a tag by name)
//   removeTagFromArticles(target, tagId, actor) "articles:tag"
//   tagsForArticles(ids)                 each article's tags after a change, for the UI's optimistic state
//
// A link copies its article's published_at (the tag filter walks (tag_id, published_at) in list order).
// Adding a link that exists is a silent success (ON CONFLICT DO NOTHING): two analysts tagging the same
// article at once both keep their tags. Rows are written in article id order so that two overlapping
// bulk changes wait for each other instead of deadlocking.

export type TagLinkChange = { tag: TagSummary; affected: number; requested: number; articleIds: number[] };

const tagLinkRow = z.object({ articleId: sqlId, id: sqlId, name: z.string(), color: z.string() });
const WRITE_TIMEOUT = { maxWait: 10_000, timeout: 60_000 };

async function resolveTag(tx: Prisma.TransactionClient, ref: TagRef, actor: Actor): Promise<TagSummary> {
  if ("name" in ref) return (await findOrCreateTag(tx, { name: ref.name }, actor)).tag;
  const tag = await tx.tag.findUnique({ where: { id: ref.id }, select: { id: true, name: true, color: true } });
  if (!tag) throw new NotFoundError("That tag no longer exists.");
  return tag;
}

/** Links `tagId` to the articles that lack it; returns the new links (for undo). */
export async function insertTagLinks(
  tx: Prisma.TransactionClient,
  articleIds: number[],
  tagId: number,
  actorId: number,
) {
  if (!articleIds.length) return [];
  return tx.$queryRaw<{ articleId: number; createdAt: Date }[]>(Prisma.sql`
    INSERT INTO article_tags (article_id, tag_id, created_by_id, published_at)
    SELECT a.id, ${tagId}, ${actorId}, a.published_at FROM articles a WHERE a.id = ANY(${articleIds}::int[]) ORDER BY a.id
    ON CONFLICT (article_id, tag_id) DO NOTHING
    RETURNING article_id AS "articleId", created_at AS "createdAt"`);
}

export type RemovedTagLink = { articleId: number; createdById: number | null; createdAt: Date };

/** Unlinks `tagId` from the articles; returns the removed links as they were (for undo). */
export async function deleteTagLinks(
  tx: Prisma.TransactionClient,
  articleIds: number[],
  tagId: number,
): Promise<RemovedTagLink[]> {
  if (!articleIds.length) return [];
  return tx.$queryRaw<RemovedTagLink[]>(Prisma.sql`
    WITH doomed AS (
      SELECT article_id FROM article_tags WHERE tag_id = ${tagId} AND article_id = ANY(${articleIds}::int[]) ORDER BY article_id FOR UPDATE
    )
    DELETE FROM article_tags l USING doomed
    WHERE l.tag_id = ${tagId} AND l.article_id = doomed.article_id
    RETURNING l.article_id AS "articleId", l.created_by_id AS "createdById", l.created_at AS "createdAt"`);
}

function linkAuditMeta(
  tag: TagSummary,
  articleIds: number[],
  affected: number,
  target: ArticleTarget,
): Prisma.InputJsonObject {
  return {
    tagId: tag.id,
    tag: tag.name,
    count: affected,
    requested: articleIds.length,
    ...describeTarget(target),
    // A handful of ids answer "which articles?"; a bulk selection is described by its own audit event.
    ...(articleIds.length <= 20 ? { articleIds } : {}),
  };
}

export async function addTagToArticles(target: ArticleTarget, tag: TagRef, actor: Actor): Promise<TagLinkChange> {
  authorize(actor, "articles:tag");
  return db.$transaction(async (tx) => {
    const articleIds = await resolveArticleTarget(tx, target);
    const resolved = await resolveTag(tx, tag, actor);
    const added = await insertTagLinks(tx, articleIds, resolved.id, actor.id);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "articles.tag",
      targetType: "tag",
      targetId: resolved.id,
      meta: linkAuditMeta(resolved, articleIds, added.length, target),
      ip: actor.ip,
    });
    return { tag: resolved, affected: added.length, requested: articleIds.length, articleIds };
  }, WRITE_TIMEOUT);
}

export async function removeTagFromArticles(
  target: ArticleTarget,
  tagId: number,
  actor: Actor,
): Promise<TagLinkChange> {
  authorize(actor, "articles:tag");
  return db.$transaction(async (tx) => {
    const articleIds = await resolveArticleTarget(tx, target);
    const tag = await resolveTag(tx, { id: tagId }, actor);
    const removed = await deleteTagLinks(tx, articleIds, tag.id);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "articles.untag",
      targetType: "tag",
      targetId: tag.id,
      meta: linkAuditMeta(tag, articleIds, removed.length, target),
      ip: actor.ip,
    });
    return { tag, affected: removed.length, requested: articleIds.length, articleIds };
  }, WRITE_TIMEOUT);
}

/** Each article's tags by name, for the UI to replace its optimistic state with the server's. */
export async function tagsForArticles(articleIds: number[]): Promise<Record<number, TagSummary[]>> {
  const result: Record<number, TagSummary[]> = Object.fromEntries(articleIds.map((id) => [id, []]));
  if (!articleIds.length) return result;
  const rows = await db.$queryRaw(Prisma.sql`
    SELECT l.article_id AS "articleId", t.id, t.name, t.color
    FROM article_tags l JOIN tags t ON t.id = l.tag_id
    WHERE l.article_id = ANY(${articleIds}::int[])
    ORDER BY lower(t.name), t.id`);
  for (const { articleId, ...tag } of checkRows("the articles' tags", tagLinkRow, rows)) result[articleId]?.push(tag);
  return result;
}
