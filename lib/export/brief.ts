import type { ExportAnnotation, ExportRecord } from "@/lib/export/types";

// The order of a readable brief, shared by its Markdown and HTML forms. By day follows the export's own
// date order and streams; by theme must see every story before writing the first group (a story sits
// under each of its themes), so it holds the records: the route caps brief exports at MAX_BRIEF_ROWS.

export const BRIEF_GROUPS = ["theme", "day"] as const;
export type BriefGroup = (typeof BRIEF_GROUPS)[number];
export const MAX_BRIEF_ROWS = 5_000;
export const NO_THEME = "No theme";

export type BriefEvent = { kind: "group"; label: string } | { kind: "story"; record: ExportRecord };

export async function* briefEvents(
  records: AsyncIterable<ExportRecord>,
  group: BriefGroup,
): AsyncGenerator<BriefEvent> {
  if (group === "day") {
    let day: string | null = null;
    for await (const record of records) {
      const label = record.publishedAt.toISOString().slice(0, 10);
      if (label !== day) yield { kind: "group", label };
      day = label;
      yield { kind: "story", record };
    }
    return;
  }
  const byTheme = new Map<string, ExportRecord[]>();
  for await (const record of records) {
    const names = record.themes.length ? record.themes.map((theme) => theme.name) : [NO_THEME];
    for (const name of names) {
      const list = byTheme.get(name);
      if (list) list.push(record);
      else byTheme.set(name, [record]);
    }
  }
  const labels = [...byTheme.keys()].sort((a, b) => (a === NO_THEME ? 1 : b === NO_THEME ? -1 : a.localeCompare(b)));
  for (const label of labels) {
    yield { kind: "group", label };
    for (const record of byTheme.get(label)!) yield { kind: "story", record };
  }
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
