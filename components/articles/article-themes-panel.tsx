"use client";

import { RULE_SCOPE_PHRASES } from "@/lib/themes/scope";
import { X } from "lucide-react";
import { useOptimistic, useState, useTransition } from "react";
import { clearThemeAction, setThemeAction } from "@/lib/actions/articles";
import type { ArticleThemeRow } from "@/lib/data/article-themes";
import { formatDateTime, formatUtc } from "@/lib/format";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { ThemeDot } from "@/components/articles/labels";

// The article's themes and why each is there: a rule's query and the words it matched, or who set it by
// hand and when. Analysts set and clear themes by hand; a cleared theme stays listed as removed, since a
// rule will not bring it back.

type ThemeOption = { id: number; name: string; color: string | null };
type Change = { kind: "set" | "clear"; theme: ThemeOption };

function applyThemeChange(
  rows: ArticleThemeRow[],
  change: Change,
  me: { id: number; name: string },
): ArticleThemeRow[] {
  const at = new Date();
  const existing = rows.find((row) => row.theme.id === change.theme.id);
  if (change.kind === "clear") {
    return existing
      ? rows.map((row) =>
          row === existing ? { ...row, origin: "MANUAL", excluded: true, assignedBy: me, assignedAt: at } : row,
        )
      : rows;
  }
  if (existing)
    return rows.map((row) =>
      row === existing ? { ...row, origin: "MANUAL", excluded: false, assignedBy: me, assignedAt: at } : row,
    );
  const theme = { id: change.theme.id, name: change.theme.name, color: change.theme.color ?? "#64748b", slug: "" };
  return [
    ...rows,
    { theme, origin: "MANUAL" as const, excluded: false, rule: null, matchedTerms: [], assignedBy: me, assignedAt: at },
  ].sort((a, b) => a.theme.name.localeCompare(b.theme.name));
}

export function ArticleThemesPanel({
  articleId,
  rows,
  themes,
  canTheme,
  user,
}: {
  articleId: number;
  rows: ArticleThemeRow[];
  themes: ThemeOption[];
  canTheme: boolean;
  user: { id: number; name: string; timeZone: string };
}) {
  const me = { id: user.id, name: user.name };
  const [confirmed, setConfirmed] = useState(rows);
  const [seen, setSeen] = useState(rows);
  if (rows !== seen) {
    setSeen(rows);
    setConfirmed(rows);
  }
  const [shown, applyOptimistic] = useOptimistic(confirmed, (current: ArticleThemeRow[], change: Change) =>
    applyThemeChange(current, change, me),
  );
  const [, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const live = shown.filter((row) => !row.excluded);
  const removed = shown.filter((row) => row.excluded);
  const available = themes.filter((theme) => !live.some((row) => row.theme.id === theme.id));
  const [choice, setChoice] = useState<number>(0);
  const chosen = available.find((theme) => theme.id === choice) ?? available[0];

  function change(next: Change) {
    setError(null);
    startTransition(async () => {
      applyOptimistic(next);
      const action = next.kind === "set" ? setThemeAction : clearThemeAction;
      const result = await action(null, { articleIds: [articleId], themeId: next.theme.id }).catch(() => null);
      startTransition(() => {
        if (!result?.ok) return setError(result?.error ?? "The change could not be sent: try again.");
        const themeRows = result.data?.themeRows;
        setConfirmed((current) => themeRows ?? applyThemeChange(current, next, me));
      });
    });
  }

  const when = (date: Date) => (
    <time dateTime={date.toISOString()} title={formatUtc(date)}>
      {formatDateTime(date, user.timeZone)}
    </time>
  );
  // The words a rule found say most; its query can be long, so it stays on one line, whole in the tooltip.
  const ruleLines = (row: ArticleThemeRow, lead: string) =>
    row.rule ? (
      <>
        {row.matchedTerms.length ? (
          <span className="block">
            {lead} <span className="font-medium text-slate-700">{row.matchedTerms.join(", ")}</span>{" "}
            {RULE_SCOPE_PHRASES[row.rule.scope]}
          </span>
        ) : null}
        <span className="block truncate" title={row.rule.query}>
          rule <code className="rounded bg-slate-100 px-1 font-mono text-[11px] text-slate-700">{row.rule.query}</code>
        </span>
      </>
    ) : null;
  const why = (row: ArticleThemeRow) => {
    if (row.origin === "RULE") return ruleLines(row, "matched") ?? "a rule since deleted";
    return (
      <>
        <span className="block">
          set by {row.assignedBy?.name ?? "someone"} on {when(row.assignedAt)}
        </span>
        {ruleLines(row, "a rule also matched")}
      </>
    );
  };

  return (
    <section aria-labelledby="themes-heading">
      <h2 id="themes-heading" className="mb-1.5 text-xs font-semibold text-slate-900">
        Themes
      </h2>
      {live.length ? (
        <ul className="space-y-1.5" aria-label="Themes of this article">
          {live.map((row) => (
            <li key={row.theme.id} className="text-xs">
              <div className="flex items-center gap-1.5">
                <ThemeDot color={row.theme.color} />
                <span className="font-medium text-slate-800">{row.theme.name}</span>
                {canTheme ? (
                  <button
                    type="button"
                    onClick={() => change({ kind: "clear", theme: row.theme })}
                    className="ml-auto rounded p-0.5 text-slate-400 hover:bg-slate-100 hover:text-slate-800"
                    aria-label={`Clear the theme ${row.theme.name}`}
                  >
                    <X className="h-3 w-3" aria-hidden />
                  </button>
                ) : null}
              </div>
              <p className="ml-3.5 min-w-0 text-[11px] leading-4 text-slate-500">{why(row)}</p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-xs text-slate-500">No theme yet.</p>
      )}
      {removed.length ? (
        <p className="mt-1.5 text-[11px] leading-4 text-slate-500">
          Removed by hand:{" "}
          {removed.map((row, index) => (
            <span key={row.theme.id}>
              {index ? "; " : ""}
              <span className="line-through">{row.theme.name}</span> ({row.assignedBy?.name ?? "someone"},{" "}
              {when(row.assignedAt)})
            </span>
          ))}
        </p>
      ) : null}
      {canTheme && chosen ? (
        <form
          className="mt-2 flex gap-1.5"
          onSubmit={(event) => {
            event.preventDefault();
            change({ kind: "set", theme: chosen });
          }}
        >
          <Select
            aria-label="Theme to set"
            value={chosen.id}
            onChange={(event) => setChoice(Number(event.target.value))}
            className="h-7 min-w-0 flex-1 text-xs"
          >
            {available.map((theme) => (
              <option key={theme.id} value={theme.id}>
                {theme.name}
              </option>
            ))}
          </Select>
          <Button type="submit" size="sm">
            Set theme
          </Button>
        </form>
      ) : null}
      {error ? (
        <p role="alert" className="mt-1 text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </section>
  );
}
