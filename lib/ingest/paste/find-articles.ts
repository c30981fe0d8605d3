import { excerpt } from "@/lib/ingest/paste/more-from";
import {
  END_MARK,
  moreFromLabel,
  sourceLineLabel,
  type MetaCells,
  type PasteLine,
} from "@/lib/ingest/paste/paste-lines";

// Where the articles of a paste start and end: each at a title followed by a Date line (its cells on one
// line or several), or, without a Date line, by a dateline at the start of the text, after another
// article's end mark or after a source line; More From lists from their heading to "More Articles".

export type Anchor = {
  /** Index of the title line, or -1 when the article has none. */
  title: number;
  /** Index of the first line belonging to the article (date header, source line or title). */
  start: number;
  bodyStart: number;
  meta: MetaCells | null;
  /** Line number of the Date line, or of the dateline when there is none. */
  at: number;
  headerSource: string | null;
};

export type Section = { start: number; end: number; label: string };

/** A Date line (its cells on one line or several) after a title. */
export function findMetaAnchors(lines: PasteLine[], read: Set<number>): Anchor[] {
  const anchors: Anchor[] = [];
  for (let i = 0; i < lines.length; i++) {
    const meta = lines[i].meta;
    if (!meta || (meta.date === null && meta.open !== "date")) continue;
    let first = i;
    for (let j = i - 1; j >= 0 && isMetaOrBlank(lines[j]); j--) if (lines[j].kind === "meta") first = j;
    const merged: MetaCells = { date: null, source: null, url: null, open: null };
    let last = i;
    for (let j = first; j < lines.length; j++) {
      const line = lines[j];
      if (j > i && line.meta?.date) break;
      if (line.kind === "blank") continue;
      if (line.meta) {
        merged.date ??= line.meta.date;
        merged.source ??= line.meta.source;
        merged.url ??= line.meta.url;
        merged.open = line.meta.open;
      } else if (merged.open && line.text.length <= 60) {
        merged[merged.open] ??= line.text;
        merged.open = null;
      } else break;
      last = j;
    }
    for (let j = first; j <= last; j++) read.add(j);
    const title = findTitle(lines, first);
    const header = headerOf(lines, title);
    anchors.push({
      title,
      start: title === -1 ? first : header.start,
      bodyStart: last + 1,
      meta: merged,
      at: lines[i].number,
      headerSource: header.source,
    });
    i = last;
  }
  return anchors;
}

/** A dateline after a title, where an article can start: at the top, after an end mark or a source line. */
export function findDatelineAnchors(lines: PasteLine[], errors: string[]): Anchor[] {
  const anchors: Anchor[] = [];
  let inList = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.kind === "more-from") inList = true;
    if (line.kind === "more-articles") inList = false;
    if (line.kind !== "dateline") continue;
    const before = previousFilled(lines, i);
    if (before === -1) {
      errors.push(`Line ${line.number}: the article starting "${excerpt(line.text)}" has no title above it.`);
      continue;
    }
    if (!isTitleLine(lines, before)) continue;
    const above = previousFilled(lines, before);
    const opener = above === -1 ? null : lines[above];
    const starts =
      opener === null ||
      END_MARK.test(opener.text) ||
      opener.kind === "source" ||
      (!inList && (opener.kind === "long-date" || opener.kind === "more-articles"));
    if (!starts) continue;
    const header = headerOf(lines, before);
    anchors.push({
      title: before,
      start: header.start,
      bodyStart: i,
      meta: null,
      at: line.number,
      headerSource: header.source,
    });
  }
  return anchors;
}

/**
 * Each More From list runs from its heading to "More Articles", or else to the next article or list. One
 * pass from the end, so a paste of many headings costs no more than a paste of many lines.
 */
export function findSections(lines: PasteLine[], anchors: Anchor[]): Section[] {
  const starts = new Set(anchors.map((anchor) => anchor.start));
  const sections: Section[] = [];
  let end = lines.length;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (starts.has(i)) end = i;
    if (lines[i].kind === "more-articles") end = i + 1;
    const label = lines[i].kind === "more-from" ? moreFromLabel(lines[i].text) : null;
    if (label === null) continue;
    sections.push({ start: i, end, label });
    end = i;
  }
  return sections.reverse();
}

function isMetaOrBlank(line: PasteLine): boolean {
  return line.kind === "blank" || (line.kind === "meta" && line.meta?.date === null);
}

function previousFilled(lines: PasteLine[], index: number): number {
  for (let i = index - 1; i >= 0; i--) if (lines[i].kind !== "blank") return i;
  return -1;
}

// A title reads as text; one that ends like a source line ("… (UN)") counts when the source line is above it.
function isTitleLine(lines: PasteLine[], index: number): boolean {
  const kind = lines[index].kind;
  if (kind === "text") return true;
  const above = previousFilled(lines, index);
  return kind === "source" && above !== -1 && lines[above].kind === "source";
}

function findTitle(lines: PasteLine[], metaStart: number): number {
  const before = previousFilled(lines, metaStart);
  return before !== -1 && isTitleLine(lines, before) ? before : -1;
}

/** The page header above a title: the aggregator's date header and the source line, when present. */
function headerOf(lines: PasteLine[], title: number): { start: number; source: string | null } {
  if (title === -1) return { start: -1, source: null };
  let start = title;
  let source: string | null = null;
  let at = previousFilled(lines, title);
  if (at !== -1 && lines[at].kind === "source") {
    source = sourceLineLabel(lines[at].text);
    start = at;
    at = previousFilled(lines, at);
  }
  if (at !== -1 && lines[at].kind === "long-date") start = at;
  return { start, source };
}
