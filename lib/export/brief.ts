import type { ExportAnnotation, ExportRecord } from "@/lib/export/types";

// What a readable brief holds, shared by its Markdown and HTML forms: a summary (how many articles, the date
// span, counts by theme and by source) and the articles in groups, by day or by theme. Each article appears
// once, with all its themes as labels; by theme it sits under the first of its themes in the brief's order
// (themes by name, "No theme" last). The summary needs every article before the first line is written, so
// the brief holds its records: the route caps brief exports at MAX_BRIEF_ROWS.

export const BRIEF_GROUPS = ["theme", "day"] as const;
export type BriefGroup = (typeof BRIEF_GROUPS)[number];
export const MAX_BRIEF_ROWS = 5_000;
export const NO_THEME = "No theme";

export type Count = { name: string; count: number };

export type BriefSummary = {
  articles: number;
  /** The first and last day of the articles, or null for an empty brief. */
  span: { from: Date; to: Date } | null;
  /** Articles per theme (an article with several themes counts under each), most first. */
  themes: Count[];
  /** Articles per source, most first. */
  sources: Count[];
};

export type Brief = { summary: BriefSummary; groups: { label: string; records: ExportRecord[] }[] };

function byName(a: string, b: string): number {
  return a === NO_THEME ? 1 : b === NO_THEME ? -1 : a.localeCompare(b);
}

/** The record's theme names in the brief's order. */
export function themeLabels(record: ExportRecord): string[] {
  return record.themes.map((theme) => theme.name).sort(byName);
}

function counted(values: string[]): Count[] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts]
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => b.count - a.count || byName(a.name, b.name));
}

export async function buildBrief(records: AsyncIterable<ExportRecord>, group: BriefGroup): Promise<Brief> {
  const all: ExportRecord[] = [];
  for await (const record of records) all.push(record);
  const times = all.map((record) => record.publishedAt.getTime());
  const summary: BriefSummary = {
    articles: all.length,
    span: all.length ? { from: new Date(Math.min(...times)), to: new Date(Math.max(...times)) } : null,
    themes: counted(all.flatMap((record) => (record.themes.length ? themeLabels(record) : [NO_THEME]))),
    sources: counted(all.map((record) => record.source.name)),
  };
  const groups = new Map<string, ExportRecord[]>();
  for (const record of all) {
    const label = group === "day" ? briefDate(record.publishedAt) : (themeLabels(record)[0] ?? NO_THEME);
    const list = groups.get(label);
    if (list) list.push(record);
    else groups.set(label, [record]);
  }
  // By day the export's own order (newest or oldest first) stands; by theme, themes by name.
  const labels = group === "day" ? [...groups.keys()] : [...groups.keys()].sort(byName);
  return { summary, groups: labels.map((label) => ({ label, records: groups.get(label)! })) };
}

/** "3 Jan 2017 – 4 Jul 2017" or one day. */
export function describeSpan(span: { from: Date; to: Date }): string {
  const from = briefDate(span.from);
  const to = briefDate(span.to);
  return from === to ? from : `${from} – ${to}`;
}

/** Whole-article notes first, then notes on passages in text order (as the export loads them). */
export function splitAnnotations(annotations: ExportAnnotation[]) {
  return {
    general: annotations.filter((annotation) => annotation.exact === null),
    passages: annotations.filter((annotation) => annotation.exact !== null),
  };
}

export function briefDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
