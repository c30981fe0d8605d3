import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { checkRows, sqlCount, sqlId } from "@/lib/db/rows";
import { recordAudit } from "@/lib/data/audit";
import { authorize, type Actor } from "@/lib/data/actor";
import { ConflictError, InvalidError, NotFoundError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { latestThemeReruns, type ThemeRerunProgress } from "@/lib/themes/rerun";
import type { ThemeRuleScope } from "@/lib/themes/scope";
import type { ThemeInput } from "@/lib/validation/themes";

// Themes and their rules as admins manage them ("themes:manage", checked here with the actor's role so a
// forged request from a viewer or analyst stops whatever called it). Every change is audited; a rule change
// records a re-run of its theme, which the caller queues for the worker (lib/jobs/themes.ts). The rules'
// writes and the preview of a draft live in theme-rules.ts.

const adminThemeRow = z.object({
  id: sqlId,
  name: z.string(),
  slug: z.string(),
  description: z.string(),
  color: z.string(),
  parentId: sqlId.nullable(),
  parentName: z.string().nullable(),
  byRule: sqlCount,
  byHand: sqlCount,
  rules: sqlCount,
});
export type AdminThemeRow = z.infer<typeof adminThemeRow>;

export type AdminRule = {
  id: number;
  query: string;
  sourceIds: number[];
  weight: number;
  scope: ThemeRuleScope;
  enabled: boolean;
  updatedAt: Date;
};

export type AdminTheme = Omit<AdminThemeRow, "rules"> & { rules: AdminRule[]; rerun: ThemeRerunProgress | null };

const WRITE_TIMEOUT = { maxWait: 10_000, timeout: 30_000 };

function slugify(name: string): string {
  return (
    name
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "theme"
  );
}

/** Every theme (or the one asked for) with its counts, by name. */
export async function listThemesForAdmin(themeId?: number): Promise<AdminThemeRow[]> {
  const rows = await db.$queryRaw(Prisma.sql`
    SELECT t.id, t.name, t.slug, t.description, t.color, t.parent_id AS "parentId", p.name AS "parentName",
      (SELECT count(*)::int FROM article_themes l WHERE l.theme_id = t.id AND l.origin = 'RULE') AS "byRule",
      (SELECT count(*)::int FROM article_themes l WHERE l.theme_id = t.id AND l.origin = 'MANUAL' AND NOT l.excluded) AS "byHand",
      (SELECT count(*)::int FROM theme_rules r WHERE r.theme_id = t.id) AS rules
    FROM themes t LEFT JOIN themes p ON p.id = t.parent_id
    ${themeId === undefined ? Prisma.empty : Prisma.sql`WHERE t.id = ${themeId}`}
    ORDER BY t.name`);
  return checkRows("the admin's themes", adminThemeRow, rows);
}

export async function getThemeForAdmin(themeId: number): Promise<AdminTheme | null> {
  const [row] = await listThemesForAdmin(themeId);
  if (!row) return null;
  const [rules, reruns] = await Promise.all([
    db.themeRule.findMany({
      where: { themeId },
      orderBy: [{ weight: "desc" }, { id: "asc" }],
      select: { id: true, query: true, sourceIds: true, weight: true, scope: true, enabled: true, updatedAt: true },
    }),
    latestThemeReruns([themeId]),
  ]);
  return { ...row, rules, rerun: reruns.get(themeId) ?? null };
}

export async function getThemeRerunProgress(themeId: number): Promise<ThemeRerunProgress | null> {
  return (await latestThemeReruns([themeId])).get(themeId) ?? null;
}

async function checkParent(
  tx: Prisma.TransactionClient,
  themeId: number | null,
  parentId: number | undefined,
): Promise<void> {
  if (parentId === undefined) return;
  if (parentId === themeId)
    throw new InvalidError("A theme cannot be its own parent.", { parentId: ["Choose another theme."] });
  // Walk up from the new parent: meeting the theme itself would make a loop.
  const [loop] = await tx.$queryRaw<{ found: boolean }[]>(Prisma.sql`
    WITH RECURSIVE up AS (
      SELECT id, parent_id FROM themes WHERE id = ${parentId}
      UNION SELECT t.id, t.parent_id FROM themes t JOIN up ON t.id = up.parent_id)
    SELECT bool_or(id = ${themeId ?? 0}) AS found FROM up`);
  if (loop?.found)
    throw new InvalidError("That parent is inside this theme.", {
      parentId: ["Choose a theme that is not below this one."],
    });
  if (!(await tx.theme.findUnique({ where: { id: parentId }, select: { id: true } })))
    throw new NotFoundError("The parent theme no longer exists.");
}

export async function createTheme(input: ThemeInput, actor: Actor): Promise<{ id: number }> {
  authorize(actor, "themes:manage");
  try {
    return await db.$transaction(async (tx) => {
      await checkParent(tx, null, input.parentId);
      const theme = await tx.theme.create({
        data: {
          name: input.name,
          slug: slugify(input.name),
          description: input.description,
          color: input.color,
          parentId: input.parentId ?? null,
        },
        select: { id: true },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "theme.create",
        targetType: "theme",
        targetId: theme.id,
        meta: { name: input.name },
        ip: actor.ip,
      });
      return theme;
    }, WRITE_TIMEOUT);
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(`A theme named "${input.name}" already exists.`);
    throw error;
  }
}

export async function updateTheme(themeId: number, input: ThemeInput, actor: Actor): Promise<void> {
  authorize(actor, "themes:manage");
  try {
    await db.$transaction(async (tx) => {
      const before = await tx.theme.findUnique({ where: { id: themeId }, select: { name: true } });
      if (!before) throw new NotFoundError("That theme no longer exists.");
      await checkParent(tx, themeId, input.parentId);
      await tx.theme.update({
        where: { id: themeId },
        data: {
          name: input.name,
          slug: slugify(input.name),
          description: input.description,
          color: input.color,
          parentId: input.parentId ?? null,
        },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "theme.update",
        targetType: "theme",
        targetId: themeId,
        meta: { from: before.name, name: input.name },
        ip: actor.ip,
      });
    }, WRITE_TIMEOUT);
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(`A theme named "${input.name}" already exists.`);
    throw error;
  }
}

/** Deletes the theme, its rules and every article's row of it (by rule and by hand). */
export async function deleteTheme(themeId: number, actor: Actor): Promise<void> {
  authorize(actor, "themes:manage");
  await db.$transaction(async (tx) => {
    const theme = await tx.theme.findUnique({
      where: { id: themeId },
      select: { name: true, _count: { select: { articles: true } } },
    });
    if (!theme) throw new NotFoundError("That theme no longer exists.");
    await tx.theme.delete({ where: { id: themeId } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "theme.delete",
      targetType: "theme",
      targetId: themeId,
      meta: { name: theme.name, articles: theme._count.articles },
      ip: actor.ip,
    });
  }, WRITE_TIMEOUT);
}
