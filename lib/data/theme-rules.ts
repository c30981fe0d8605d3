import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { checkRows, sqlCount, sqlId } from "@/lib/db/rows";
import { recordAudit } from "@/lib/data/audit";
import { authorize, type Actor } from "@/lib/data/actor";
import { InvalidError, NotFoundError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { loadStarterRules } from "@/lib/themes/load-starter-rules";
import { createThemeRerun, type ThemeRerunProgress } from "@/lib/themes/rerun";
import { positiveRuleTerms } from "@/lib/themes/rule-query";
import { ruleMatchSql } from "@/lib/themes/rules";
import type { ThemeRuleScope } from "@/lib/themes/scope";
import type { RuleDraft } from "@/lib/validation/themes";

// A theme's rules as admins manage them ("themes:manage", checked here as in themes.ts): each change is
// audited and records a re-run of its theme for the caller to queue; a draft can be previewed first.

const WRITE_TIMEOUT = { maxWait: 10_000, timeout: 30_000 };

/** A rule of exclusions alone would theme nearly everything: its query must look for at least one thing. */
function checkRuleQuery(draft: RuleDraft): void {
  if (positiveRuleTerms(draft.query).length > 0) return;
  const message = "The query needs at least one word or phrase to look for, not only exclusions.";
  throw new InvalidError(message, { query: [message] });
}

function ruleMeta(themeId: number, draft: RuleDraft): Prisma.InputJsonObject {
  return {
    themeId,
    query: draft.query,
    sourceIds: draft.sourceIds,
    weight: draft.weight,
    scope: draft.scope,
    enabled: draft.enabled,
  };
}

export async function createRule(
  themeId: number,
  draft: RuleDraft,
  actor: Actor,
): Promise<{ ruleId: number; rerun: ThemeRerunProgress }> {
  authorize(actor, "themes:manage");
  checkRuleQuery(draft);
  const rule = await db.$transaction(async (tx) => {
    if (!(await tx.theme.findUnique({ where: { id: themeId }, select: { id: true } })))
      throw new NotFoundError("That theme no longer exists.");
    const created = await tx.themeRule.create({
      data: { themeId, ...draft, createdById: actor.id },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "theme_rule.create",
      targetType: "theme_rule",
      targetId: created.id,
      meta: ruleMeta(themeId, draft),
      ip: actor.ip,
    });
    return created;
  }, WRITE_TIMEOUT);
  return { ruleId: rule.id, rerun: await createThemeRerun(themeId) };
}

export async function updateRule(
  ruleId: number,
  draft: RuleDraft,
  actor: Actor,
): Promise<{ rerun: ThemeRerunProgress }> {
  authorize(actor, "themes:manage");
  checkRuleQuery(draft);
  const themeId = await db.$transaction(async (tx) => {
    const before = await tx.themeRule.findUnique({
      where: { id: ruleId },
      select: { themeId: true, query: true, sourceIds: true, weight: true, scope: true, enabled: true },
    });
    if (!before) throw new NotFoundError("That rule no longer exists.");
    await tx.themeRule.update({ where: { id: ruleId }, data: draft });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "theme_rule.update",
      targetType: "theme_rule",
      targetId: ruleId,
      meta: {
        ...ruleMeta(before.themeId, draft),
        before: {
          query: before.query,
          sourceIds: before.sourceIds,
          weight: before.weight,
          scope: before.scope,
          enabled: before.enabled,
        },
      },
      ip: actor.ip,
    });
    return before.themeId;
  }, WRITE_TIMEOUT);
  return { rerun: await createThemeRerun(themeId) };
}

export async function deleteRule(ruleId: number, actor: Actor): Promise<{ rerun: ThemeRerunProgress }> {
  authorize(actor, "themes:manage");
  const themeId = await db.$transaction(async (tx) => {
    const rule = await tx.themeRule.findUnique({ where: { id: ruleId }, select: { themeId: true, query: true } });
    if (!rule) throw new NotFoundError("That rule no longer exists.");
    await tx.themeRule.delete({ where: { id: ruleId } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "theme_rule.delete",
      targetType: "theme_rule",
      targetId: ruleId,
      meta: { themeId: rule.themeId, query: rule.query },
      ip: actor.ip,
    });
    return rule.themeId;
  }, WRITE_TIMEOUT);
  return { rerun: await createThemeRerun(themeId) };
}

/** Adds the starter rules to starter themes that have none; returns the re-runs to queue. */
export async function loadStarterRulesForAdmin(actor: Actor): Promise<{ added: number; reruns: ThemeRerunProgress[] }> {
  authorize(actor, "themes:manage");
  const before = new Set(
    (await db.themeRule.findMany({ select: { themeId: true }, distinct: ["themeId"] })).map((rule) => rule.themeId),
  );
  const added = await db.$transaction(async (tx) => {
    const count = await loadStarterRules(tx);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "theme_rule.load_starter",
      targetType: "theme_rule",
      meta: { added: count },
      ip: actor.ip,
    });
    return count;
  }, WRITE_TIMEOUT);
  const themeIds = (await db.themeRule.findMany({ select: { themeId: true }, distinct: ["themeId"] }))
    .map((rule) => rule.themeId)
    .filter((id) => !before.has(id));
  const reruns: ThemeRerunProgress[] = [];
  for (const themeId of themeIds) reruns.push(await createThemeRerun(themeId));
  return { added, reruns };
}

const previewSample = z.object({ id: sqlId, title: z.string(), publishedAt: z.date() });
const previewRow = previewSample.extend({ added: z.boolean(), n: sqlCount });
export type PreviewSample = z.infer<typeof previewSample>;
export type RulePreview = {
  added: number;
  removed: number;
  addedSample: PreviewSample[];
  removedSample: PreviewSample[];
};

type PreviewRule = { query: string; sourceIds: number[]; scope: ThemeRuleScope };

/** The rule's condition in its scope, as the re-run applies it (lib/themes/rules.ts). */
function rulePredicate(rule: PreviewRule): Prisma.Sql | null {
  return ruleMatchSql(rule)?.where ?? null;
}

function anyOf(predicates: Prisma.Sql[]): Prisma.Sql {
  return predicates.length ? Prisma.sql`(${Prisma.join(predicates, " OR ")})` : Prisma.sql`false`;
}

const PREVIEW_SAMPLE = 5;

/**
 * What saving the draft would change: articles the theme's rules would add and remove, compared with its
 * enabled rules now (the draft replacing `ruleId` when it edits one). Hand decisions are left out: a rule
 * never changes them. Bounded by a statement timeout so a very broad draft cannot hold a connection.
 */
export async function previewRule(
  themeId: number,
  draft: RuleDraft & { ruleId?: number },
  actor: Actor,
): Promise<RulePreview> {
  authorize(actor, "themes:manage");
  checkRuleQuery(draft);
  const rules = await db.themeRule.findMany({
    where: { themeId, enabled: true },
    select: { id: true, query: true, sourceIds: true, scope: true },
  });
  const current = rules.map(rulePredicate).filter((sql): sql is Prisma.Sql => sql !== null);
  const others = rules
    .filter((rule) => rule.id !== draft.ruleId)
    .map(rulePredicate)
    .filter((sql): sql is Prisma.Sql => sql !== null);
  const drafted = draft.enabled ? rulePredicate(draft) : null;
  const next = drafted ? [...others, drafted] : others;
  const rows = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SET LOCAL statement_timeout = '10s'`;
    const diff = await tx.$queryRaw(Prisma.sql`
      WITH diff AS (
        SELECT a.id, a.title, a.published_at, ${anyOf(next)} AS added
        FROM articles a
        WHERE ${anyOf([...current, ...next])} AND (${anyOf(current)}) <> (${anyOf(next)})
          AND NOT EXISTS (SELECT 1 FROM article_themes l WHERE l.article_id = a.id AND l.theme_id = ${themeId} AND l.origin = 'MANUAL')),
      ranked AS (
        SELECT id, title, published_at, added, count(*) OVER (PARTITION BY added)::int AS n,
               row_number() OVER (PARTITION BY added ORDER BY published_at DESC, id DESC) AS rn
        FROM diff)
      SELECT id, title, published_at AS "publishedAt", added, n FROM ranked WHERE rn <= ${PREVIEW_SAMPLE} ORDER BY added DESC, rn`);
    return checkRows("a rule's preview", previewRow, diff);
  }, WRITE_TIMEOUT);
  const pick = (added: boolean) => rows.filter((row) => row.added === added);
  const sample = (added: boolean) => pick(added).map(({ id, title, publishedAt }) => ({ id, title, publishedAt }));
  return {
    added: pick(true)[0]?.n ?? 0,
    removed: pick(false)[0]?.n ?? 0,
    addedSample: sample(true),
    removedSample: sample(false),
  };
}

/** Sources an admin can limit a rule to. */
export async function listRuleSources(): Promise<{ id: number; name: string }[]> {
  return db.source.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });
}
