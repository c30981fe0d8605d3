import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { checkRows, sqlCount, sqlId } from "@/lib/db/rows";
import { recordAudit } from "@/lib/data/audit";
import { authorize, authorizeAdmin, type Actor } from "@/lib/data/actor";
import { ConflictError, InvalidError, NotFoundError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { defaultTagColor, tagColorSchema, tagNameSchema, type TagColor } from "@/lib/validation/tags";

// The tags themselves, the team's shared labels (their links to articles are in tags.ts, which the rest
// of the app imports both from).
//
//   searchTags(prefix, limit)            autocomplete: name or word prefix, case-insensitive, most used first
//   listTags()                           every tag with its exact usage count (for a tag manager)
//   createTag({ name, color? }, actor)   "tags:create"; returns the existing tag for a name that differs only in case
//   findOrCreateTag(tx, input, actor)    the same inside a caller's transaction (tagging by a new name)
//   updateTag(tagId, { name?, color? }, actor)  admins
//   deleteTag(tagId, actor)                     admins

export type TagSummary = { id: number; name: string; color: string };
export type TagSearchHit = TagSummary & { uses: number };
export type TagWithUsage = TagSummary & {
  uses: number;
  createdAt: Date;
  createdBy: { id: number; name: string } | null;
};

const tagRow = z.object({ id: sqlId, name: z.string(), color: z.string() });
const tagListRow = tagRow.extend({
  uses: sqlCount,
  createdAt: z.date(),
  createdById: sqlId.nullable(),
  createdByName: z.string().nullable(),
});

/** Autocomplete ranks by usage counted up to here: enough to order, cheap for a tag on 100,000 articles. */
const SEARCH_USAGE_CAP = 1_000;
/** Namespace of the advisory lock that serialises creating and renaming tags of one lower-cased name. */
const TAG_NAME_LOCK = 7_340_001;
const WRITE_TIMEOUT = { maxWait: 10_000, timeout: 60_000 };

function checkName(name: string): string {
  const parsed = tagNameSchema.safeParse(name);
  if (!parsed.success)
    throw new InvalidError(parsed.error.issues[0].message, { name: parsed.error.issues.map((issue) => issue.message) });
  return parsed.data;
}

function checkColor(color: string): TagColor {
  const parsed = tagColorSchema.safeParse(color);
  if (!parsed.success)
    throw new InvalidError(parsed.error.issues[0].message, { color: [parsed.error.issues[0].message] });
  return parsed.data;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

export async function searchTags(prefix: string, limit = 10): Promise<TagSearchHit[]> {
  const needle = escapeLike(prefix.normalize("NFC").replace(/\s+/g, " ").trim().toLowerCase());
  const take = Math.min(Math.max(Math.trunc(limit), 1), 50);
  return db.$queryRaw<TagSearchHit[]>(Prisma.sql`
    SELECT t.id, t.name, t.color,
           (SELECT count(*)::int FROM (SELECT 1 FROM article_tags l WHERE l.tag_id = t.id LIMIT ${SEARCH_USAGE_CAP}) u) AS uses
    FROM tags t
    WHERE lower(t.name) LIKE ${`${needle}%`} ESCAPE '\\' OR lower(t.name) LIKE ${`% ${needle}%`} ESCAPE '\\'
    ORDER BY lower(t.name) = ${needle} DESC, uses DESC, lower(t.name) LIKE ${`${needle}%`} ESCAPE '\\' DESC, lower(t.name), t.id
    LIMIT ${take}`);
}

export async function listTags(): Promise<TagWithUsage[]> {
  const rows = await db.$queryRaw(Prisma.sql`
    SELECT t.id, t.name, t.color, COALESCE(u.uses, 0)::int AS uses, t.created_at AS "createdAt",
           t.created_by_id AS "createdById", c.name AS "createdByName"
    FROM tags t
    LEFT JOIN (SELECT tag_id, count(*) AS uses FROM article_tags GROUP BY tag_id) u ON u.tag_id = t.id
    LEFT JOIN users c ON c.id = t.created_by_id
    ORDER BY lower(t.name), t.id`);
  return checkRows("the tag list", tagListRow, rows).map(({ createdById, createdByName, ...tag }) => ({
    ...tag,
    createdBy: createdById !== null && createdByName !== null ? { id: createdById, name: createdByName } : null,
  }));
}

async function lockTagName(tx: Prisma.TransactionClient, name: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${TAG_NAME_LOCK}::int, hashtext(lower(${name})))`;
}

async function findTagByName(
  tx: Prisma.TransactionClient,
  name: string,
  exceptId?: number,
): Promise<TagSummary | null> {
  const [tag] = await tx.$queryRaw<TagSummary[]>(Prisma.sql`
    SELECT id, name, color FROM tags WHERE lower(name) = lower(${name}) AND id <> ${exceptId ?? 0} ORDER BY id LIMIT 1`);
  return tag ?? null;
}

/** The tag named `name` in any case, created (audited) when there is none. Call inside a transaction. */
export async function findOrCreateTag(
  tx: Prisma.TransactionClient,
  input: { name: string; color?: string },
  actor: Actor,
): Promise<{ tag: TagSummary; created: boolean }> {
  const name = checkName(input.name);
  const color = input.color ? checkColor(input.color) : defaultTagColor(name);
  // Two analysts typing "Missile" and "missile" at the same moment: the second waits here, then finds the first's.
  await lockTagName(tx, name);
  const existing = await findTagByName(tx, name);
  if (existing) return { tag: existing, created: false };
  authorize(actor, "tags:create");
  const tag = await tx.tag.create({
    data: { name, color, createdById: actor.id },
    select: { id: true, name: true, color: true },
  });
  await recordAudit(tx, {
    actorId: actor.id,
    action: "tag.create",
    targetType: "tag",
    targetId: tag.id,
    meta: { name, color },
    ip: actor.ip,
  });
  return { tag, created: true };
}

export async function createTag(
  input: { name: string; color?: string },
  actor: Actor,
): Promise<{ tag: TagSummary; created: boolean }> {
  authorize(actor, "tags:create");
  const attempt = () => db.$transaction((tx) => findOrCreateTag(tx, input, actor));
  try {
    return await attempt();
  } catch (error) {
    // A tag inserted without the lock (a script, the seed) under the same exact name: it is ours to reuse.
    if (isUniqueViolation(error)) return attempt();
    throw error;
  }
}

export async function updateTag(
  tagId: number,
  changes: { name?: string; color?: string },
  actor: Actor,
): Promise<TagSummary> {
  authorizeAdmin(actor);
  const name = changes.name === undefined ? undefined : checkName(changes.name);
  const color = changes.color === undefined ? undefined : checkColor(changes.color);
  try {
    return await db.$transaction(async (tx) => {
      const before = await tx.tag.findUnique({ where: { id: tagId }, select: { id: true, name: true, color: true } });
      if (!before) throw new NotFoundError("That tag no longer exists.");
      if (name !== undefined) {
        await lockTagName(tx, name);
        const clash = await findTagByName(tx, name, tagId);
        if (clash) throw new ConflictError(`A tag named “${clash.name}” already exists.`);
      }
      const after = await tx.tag.update({
        where: { id: tagId },
        data: { name, color },
        select: { id: true, name: true, color: true },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "tag.update",
        targetType: "tag",
        targetId: tagId,
        meta: { from: { name: before.name, color: before.color }, to: { name: after.name, color: after.color } },
        ip: actor.ip,
      });
      return after;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(`A tag named “${name}” already exists.`);
    throw error;
  }
}

/** Deletes the tag and its links (the articles stay). */
export async function deleteTag(tagId: number, actor: Actor): Promise<{ name: string; links: number }> {
  authorizeAdmin(actor);
  return db.$transaction(async (tx) => {
    const tag = await tx.tag.findUnique({
      where: { id: tagId },
      select: { name: true, _count: { select: { articles: true } } },
    });
    if (!tag) throw new NotFoundError("That tag no longer exists.");
    await tx.tag.delete({ where: { id: tagId } });
    const links = tag._count.articles;
    await recordAudit(tx, {
      actorId: actor.id,
      action: "tag.delete",
      targetType: "tag",
      targetId: tagId,
      meta: { name: tag.name, links },
      ip: actor.ip,
    });
    return { name: tag.name, links };
  }, WRITE_TIMEOUT);
}
