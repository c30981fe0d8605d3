import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { findTheme, writeManualThemeRows, writeThemeExclusions, type ThemeRowState } from "@/lib/data/article-themes";
import { alreadyClause, articlesWord } from "@/lib/wording";
import { countArticles, lockEffect, notIn, type BulkKind, type UndoBase } from "./kind";

// Setting a theme by hand on many articles, or clearing it (an exclusion a rule re-run never overrides).

/** Theme rows as jsonb_to_recordset reads them back: short keys keep a 50,000-row undo compact. */
type StoredThemeRow = { a: number; o: string; x: boolean; r: number | null; m: string[]; b: number | null; t: string };

type ThemeUndo = UndoBase & {
  type: "set_theme" | "clear_theme";
  themeId: number;
  at: string | null;
  changed: number[];
  previous: StoredThemeRow[];
};

function storeThemeRows(rows: ThemeRowState[]): StoredThemeRow[] {
  return rows.map((row) => ({
    a: row.articleId,
    o: row.origin,
    x: row.excluded,
    r: row.ruleId,
    m: row.matchedTerms,
    b: row.assignedById,
    t: row.assignedAt.toISOString(),
  }));
}

export const changeTheme: BulkKind<{ type: "set_theme" | "clear_theme"; themeId: number }, ThemeUndo> = {
  permission: "articles:theme",
  async apply(tx, ids, action, actor) {
    const theme = await findTheme(tx, action.themeId);
    const set = action.type === "set_theme";
    const effect = `theme${set ? "+" : "-"}:${theme.id}`;
    await lockEffect(tx, effect);
    const change = await (set ? writeManualThemeRows : writeThemeExclusions)(tx, ids, theme.id, actor.id);
    const asserted = notIn(ids, change.changed);
    const summary = set
      ? `Set theme “${theme.name}” on ${articlesWord(change.changed.length)}${alreadyClause(asserted.length, "had it")}`
      : `Cleared theme “${theme.name}” from ${articlesWord(change.changed.length)}${alreadyClause(asserted.length, "lacked it")}`;
    return {
      affected: change.changed.length,
      summary,
      undo: {
        type: action.type,
        effect,
        asserted,
        themeId: theme.id,
        at: change.at?.toISOString() ?? null,
        changed: change.changed,
        previous: storeThemeRows(change.previous),
      },
      meta: { themeId: theme.id, theme: theme.name },
    };
  },
  changed: (undo) => undo.changed,
  async restore(tx, undo, bulkActorId, only) {
    const changed = undo.changed.filter((id) => only.has(id));
    if (!changed.length || !undo.at) return 0;
    // Rows still as the action left them: MANUAL, by the same person at the same moment.
    const untouched = (alias: string) => Prisma.sql`
      ${Prisma.raw(alias)}.theme_id = ${undo.themeId} AND ${Prisma.raw(alias)}.origin = 'MANUAL'
      AND ${Prisma.raw(alias)}.excluded = ${undo.type === "clear_theme"}
      AND ${Prisma.raw(alias)}.assigned_at = ${undo.at}::timestamptz
      AND ${Prisma.raw(alias)}.assigned_by_id IS NOT DISTINCT FROM ${bulkActorId}::int`;
    const hadRow = new Set(undo.previous.map((row) => row.a));
    const inserted = changed.filter((id) => !hadRow.has(id));
    const previous = undo.previous.filter((row) => only.has(row.a));
    const deleted = inserted.length
      ? await tx.$queryRaw<{ articleId: number }[]>(Prisma.sql`
          DELETE FROM article_themes x WHERE x.article_id = ANY(${inserted}::int[]) AND ${untouched("x")}
          RETURNING x.article_id AS "articleId"`)
      : [];
    const restored = previous.length
      ? await tx.$queryRaw<{ articleId: number }[]>(Prisma.sql`
          UPDATE article_themes x
          SET origin = p.o::"ThemeOrigin", excluded = p.x, matched_terms = p.m, assigned_at = p.t,
              rule_id = (SELECT id FROM theme_rules WHERE id = p.r),
              assigned_by_id = (SELECT id FROM users WHERE id = p.b)
          FROM jsonb_to_recordset(${JSON.stringify(previous)}::jsonb) AS p(a int, o text, x boolean, r int, m text[], b int, t timestamptz)
          WHERE x.article_id = p.a AND ${untouched("x")}
          RETURNING x.article_id AS "articleId"`)
      : [];
    return countArticles([...deleted, ...restored]);
  },
};
