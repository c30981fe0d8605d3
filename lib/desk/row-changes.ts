// What a triage write does to the rows on screen, applied at once (optimistically) and again when the
// server confirms. Every change is idempotent, so applying it to rows that already show it (the list
// reloaded first) changes nothing.

export type RowTag = { id: number; name: string; color: string };
export type RowTheme = { id: number; name: string; color: string; origin: "RULE" | "MANUAL" };
export type RowStatus = "NEW" | "REVIEWED" | "FLAGGED";
export type TriageRow = { id: number; reviewStatus: RowStatus; tags: RowTag[]; themes: RowTheme[] };

/** Explicit article ids, or every row of the page ("all matching this filter"). */
export type RowTarget = number[] | "all";

export type RowChange =
  | { kind: "status"; target: RowTarget; status: RowStatus }
  | { kind: "add_tag"; target: RowTarget; tag: RowTag }
  | { kind: "remove_tag"; target: RowTarget; tagId: number }
  | { kind: "set_theme"; target: RowTarget; theme: Omit<RowTheme, "origin"> }
  | { kind: "clear_theme"; target: RowTarget; themeId: number };

const byName = (a: { name: string }, b: { name: string }) =>
  a.name.localeCompare(b.name, "en", { sensitivity: "base" });

function changeRow<T extends TriageRow>(row: T, change: RowChange): T {
  switch (change.kind) {
    case "status":
      return row.reviewStatus === change.status ? row : { ...row, reviewStatus: change.status };
    case "add_tag": {
      const name = change.tag.name.toLowerCase();
      if (row.tags.some((tag) => tag.id === change.tag.id || tag.name.toLowerCase() === name)) return row;
      return { ...row, tags: [...row.tags, change.tag].sort(byName) };
    }
    case "remove_tag":
      return row.tags.some((tag) => tag.id === change.tagId)
        ? { ...row, tags: row.tags.filter((tag) => tag.id !== change.tagId) }
        : row;
    case "set_theme": {
      const existing = row.themes.find((theme) => theme.id === change.theme.id);
      if (existing?.origin === "MANUAL") return row;
      const others = row.themes.filter((theme) => theme.id !== change.theme.id);
      return { ...row, themes: [...others, { ...change.theme, origin: "MANUAL" as const }].sort(byName) };
    }
    case "clear_theme":
      return row.themes.some((theme) => theme.id === change.themeId)
        ? { ...row, themes: row.themes.filter((theme) => theme.id !== change.themeId) }
        : row;
  }
}

export function applyRowChange<T extends TriageRow>(rows: T[], change: RowChange): T[] {
  const targets = change.target === "all" ? null : new Set(change.target);
  let changed = false;
  const next = rows.map((row) => {
    if (targets && !targets.has(row.id)) return row;
    const updated = changeRow(row, change);
    changed ||= updated !== row;
    return updated;
  });
  return changed ? next : rows;
}

/** The server's word on the rows it reported (tags and themes after the write), over the guesses. */
export function mergeServerRows<T extends TriageRow>(
  rows: T[],
  state: { tagsByArticle?: Record<number, RowTag[]>; themesByArticle?: Record<number, RowTheme[]> } | undefined,
): T[] {
  if (!state?.tagsByArticle && !state?.themesByArticle) return rows;
  return rows.map((row) => {
    const tags = state.tagsByArticle?.[row.id];
    const themes = state.themesByArticle?.[row.id];
    return tags || themes ? { ...row, ...(tags ? { tags } : {}), ...(themes ? { themes } : {}) } : row;
  });
}
