import "server-only";
import type { ThemeRuleScope } from "@/lib/generated/prisma/enums";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/data/audit";
import { authorize, type Actor } from "@/lib/data/actor";
import { describeTarget, resolveArticleTarget, type ArticleTarget } from "@/lib/data/article-selection";
import { NotFoundError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { liveThemeLinks } from "@/lib/search/article-relations";
import type { ThemeOrigin } from "@/lib/generated/prisma/enums";

// Themes set or cleared by hand. An analyst's decision is a MANUAL row, which rule re-runs never touch:
// setting makes the row MANUAL and live (a rule's row is kept as a confirmed one, its rule and matched
// words still shown); clearing keeps a MANUAL row with `excluded`, so a re-run cannot put the theme back.
// Clearing applies to articles that have the theme; it writes nothing for the others.
//
//   setThemeOnArticles(target, themeId, actor)    "articles:theme"; audited
//   clearThemeOnArticles(target, themeId, actor)  "articles:theme"; audited
//   articleThemes(articleId)                      every theme row of an article: why it is there, who, when
//   liveThemesForArticles(ids)                    each article's shown themes, for the UI's optimistic state

export type ThemeSummary = { id: number; name: string; color: string };

/** An article_themes row's state before a change, enough to put it back exactly. */
export type ThemeRowState = {
  articleId: number;
  origin: ThemeOrigin;
  excluded: boolean;
  ruleId: number | null;
  matchedTerms: string[];
  assignedById: number | null;
  assignedAt: Date;
};

export type ThemeRowsChange = {
  /** Articles whose row was written. */
  changed: number[];
  /** The rows those articles had before (an article missing here had none). */
  previous: ThemeRowState[];
  /** assigned_at of the written rows: the transaction's time. */
  at: Date | null;
};

export type ThemeChange = { theme: ThemeSummary; affected: number; requested: number; articleIds: number[] };

const WRITE_TIMEOUT = { maxWait: 10_000, timeout: 60_000 };

async function lockThemeRows(
  tx: Prisma.TransactionClient,
  articleIds: number[],
  themeId: number,
  liveOnly: boolean,
): Promise<ThemeRowState[]> {
  return tx.$queryRaw<ThemeRowState[]>(Prisma.sql`
    SELECT article_id AS "articleId", origin::text AS origin, excluded, rule_id AS "ruleId",
           COALESCE(matched_terms, '{}') AS "matchedTerms", assigned_by_id AS "assignedById", assigned_at AS "assignedAt"
    FROM article_themes
    WHERE theme_id = ${themeId} AND article_id = ANY(${articleIds}::int[]) ${liveOnly ? Prisma.sql`AND NOT excluded` : Prisma.empty}
    ORDER BY article_id FOR UPDATE`);
}

/** Makes `themeId` a live MANUAL theme of the articles where it is not one already. */
export async function writeManualThemeRows(
  tx: Prisma.TransactionClient,
  articleIds: number[],
  themeId: number,
  actorId: number,
): Promise<ThemeRowsChange> {
  if (!articleIds.length) return { changed: [], previous: [], at: null };
  const before = await lockThemeRows(tx, articleIds, themeId, false);
  const written = await tx.$queryRaw<{ articleId: number; assignedAt: Date }[]>(Prisma.sql`
    INSERT INTO article_themes (article_id, theme_id, origin, excluded, assigned_by_id, assigned_at, published_at)
    SELECT a.id, ${themeId}, 'MANUAL', false, ${actorId}, now(), a.published_at
    FROM articles a WHERE a.id = ANY(${articleIds}::int[]) ORDER BY a.id
    ON CONFLICT (article_id, theme_id) DO UPDATE
      SET origin = 'MANUAL', excluded = false, assigned_by_id = EXCLUDED.assigned_by_id, assigned_at = EXCLUDED.assigned_at
      WHERE article_themes.origin <> 'MANUAL' OR article_themes.excluded
    RETURNING article_id AS "articleId", assigned_at AS "assignedAt"`);
  const changed = new Set(written.map((row) => row.articleId));
  return {
    changed: [...changed],
    previous: before.filter((row) => changed.has(row.articleId)),
    at: written[0]?.assignedAt ?? null,
  };
}

/** Turns the articles' live rows of `themeId` into MANUAL exclusions. */
export async function writeThemeExclusions(
  tx: Prisma.TransactionClient,
  articleIds: number[],
  themeId: number,
  actorId: number,
): Promise<ThemeRowsChange> {
  if (!articleIds.length) return { changed: [], previous: [], at: null };
  const before = await lockThemeRows(tx, articleIds, themeId, true);
  if (!before.length) return { changed: [], previous: [], at: null };
  const written = await tx.$queryRaw<{ articleId: number; assignedAt: Date }[]>(Prisma.sql`
    UPDATE article_themes SET origin = 'MANUAL', excluded = true, assigned_by_id = ${actorId}, assigned_at = now()
    WHERE theme_id = ${themeId} AND article_id = ANY(${before.map((row) => row.articleId)}::int[])
    RETURNING article_id AS "articleId", assigned_at AS "assignedAt"`);
  return { changed: written.map((row) => row.articleId), previous: before, at: written[0]?.assignedAt ?? null };
}

export async function findTheme(tx: Prisma.TransactionClient, themeId: number): Promise<ThemeSummary> {
  const theme = await tx.theme.findUnique({ where: { id: themeId }, select: { id: true, name: true, color: true } });
  if (!theme) throw new NotFoundError("That theme no longer exists.");
  return theme;
}

async function changeThemes(
  target: ArticleTarget,
  themeId: number,
  actor: Actor,
  mode: "set" | "clear",
): Promise<ThemeChange> {
  authorize(actor, "articles:theme");
  return db.$transaction(async (tx) => {
    const theme = await findTheme(tx, themeId);
    const articleIds = await resolveArticleTarget(tx, target);
    const write = mode === "set" ? writeManualThemeRows : writeThemeExclusions;
    const { changed } = await write(tx, articleIds, themeId, actor.id);
    await recordAudit(tx, {
      actorId: actor.id,
      action: mode === "set" ? "articles.theme_set" : "articles.theme_clear",
      targetType: "theme",
      targetId: themeId,
      meta: {
        themeId,
        theme: theme.name,
        count: changed.length,
        requested: articleIds.length,
        ...describeTarget(target),
        ...(articleIds.length <= 20 ? { articleIds } : {}),
      },
      ip: actor.ip,
    });
    return { theme, affected: changed.length, requested: articleIds.length, articleIds };
  }, WRITE_TIMEOUT);
}

export function setThemeOnArticles(target: ArticleTarget, themeId: number, actor: Actor): Promise<ThemeChange> {
  return changeThemes(target, themeId, actor, "set");
}

export function clearThemeOnArticles(target: ArticleTarget, themeId: number, actor: Actor): Promise<ThemeChange> {
  return changeThemes(target, themeId, actor, "clear");
}

export type ArticleThemeRow = {
  theme: ThemeSummary & { slug: string };
  origin: ThemeOrigin;
  /** Removed by hand: shown as such, never re-added by a rule. */
  excluded: boolean;
  rule: { id: number; query: string; scope: ThemeRuleScope } | null;
  matchedTerms: string[];
  assignedBy: { id: number; name: string } | null;
  assignedAt: Date;
};

/** Every theme row of the article, live ones and exclusions, by theme name. */
export async function articleThemes(articleId: number): Promise<ArticleThemeRow[]> {
  return db.articleTheme.findMany({
    where: { articleId },
    orderBy: { theme: { name: "asc" } },
    select: {
      theme: { select: { id: true, name: true, color: true, slug: true } },
      origin: true,
      excluded: true,
      rule: { select: { id: true, query: true, scope: true } },
      matchedTerms: true,
      assignedBy: { select: { id: true, name: true } },
      assignedAt: true,
    },
  });
}

/** The themes each article shows (not excluded), in the list's shape. */
export async function liveThemesForArticles(
  articleIds: number[],
): Promise<Record<number, (ThemeSummary & { origin: ThemeOrigin })[]>> {
  const result: Record<number, (ThemeSummary & { origin: ThemeOrigin })[]> = Object.fromEntries(
    articleIds.map((id) => [id, []]),
  );
  if (!articleIds.length) return result;
  const rows = await liveThemeLinks(db, articleIds);
  for (const { articleId, ...theme } of rows) result[articleId]?.push(theme);
  return result;
}
