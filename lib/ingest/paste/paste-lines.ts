import { LONG_DATE_START, parseDateline } from "@/lib/ingest/paste/paste-dates";

// The lines of a paste, each read for what it can be on an aggregator page. A browser copies the page's
// metadata row ("Date: 10/06/2021 | Source: KCNA.kp (En) | Read original version at source") as one line,
// as cells separated by tabs, or as one cell per line with the `|` separators on lines of their own; the
// cells are read the same way in every shape.

export type LineKind =
  | "blank"
  /** Only metadata cells: Date, Source, the link to the original, `|` separators. */
  | "meta"
  /** The aggregator's date header ("January 22, 2026Jan 22, 2026") or a More From entry's date. */
  | "long-date"
  /** "KCNA KCNA.kp (En)": the outlet's short name and the aggregator's label. */
  | "source"
  | "more-from"
  | "more-articles"
  | "dateline"
  | "text";

export type PasteLine = {
  /** 1-based line number in the paste. */
  number: number;
  /** Whitespace collapsed, invisible characters removed. */
  text: string;
  kind: LineKind;
  meta: MetaCells | null;
};

export type MetaCells = {
  date: string | null;
  source: string | null;
  url: string | null;
  /** The line ends in a bare `Date:` or `Source:`: its value is on the next line. */
  open: "date" | "source" | null;
};

const MORE_FROM = /^More From\s+(\S.{0,60})$/;
const MORE_ARTICLES = /^More Articles$/i;
export const END_MARK = /\s*-0-\s*$/;
const SOURCE_LINE = /^\S+\s+\S.*\([A-Za-z]{2}\)$/;
const LINK_TEXT = /^Read (?:the )?original(?: version)?(?: at (?:the )?source)?$/i;
const URL_CELL = /^https?:\/\/\S+$/i;

export function readLines(text: string): PasteLine[] {
  return text
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .replace(/[\u200B\u200C\u200D\u2060\uFEFF]/g, "")
    .split("\n")
    .map((raw, index) => {
      const text = collapse(raw);
      const meta = readMetaCells(raw);
      return { number: index + 1, text, kind: classify(text, meta), meta };
    });
}

/** "KCNA.kp (En)" from a More From heading; null for any other line. */
export function moreFromLabel(line: string): string | null {
  return MORE_FROM.exec(line)?.[1].trim() ?? null;
}

/** "KCNA KCNA.kp (En)" -> "KCNA.kp (En)". */
export function sourceLineLabel(line: string): string {
  return line.replace(/^(Rodong Sinmun|\S+)\s+/i, "");
}

function collapse(text: string): string {
  return text.replace(/[\s\u00A0\u2007\u202F\u3000]+/g, " ").trim();
}

function classify(text: string, meta: MetaCells | null): LineKind {
  if (text === "") return "blank";
  if (meta) return "meta";
  if (MORE_FROM.test(text) && !/[.!?]$/.test(text)) return "more-from";
  if (MORE_ARTICLES.test(text)) return "more-articles";
  if (LONG_DATE_START.test(text)) return "long-date";
  if (parseDateline(text)) return "dateline";
  if (SOURCE_LINE.test(text)) return "source";
  return "text";
}

/**
 * The metadata a line holds when every cell on it is metadata: `Date: …`, `Source: …`, the link to the
 * original (its text or its address), and a bare `Date:` or `Source:` label with its value in the next cell.
 * Null for a line with anything else on it, so a title or a paragraph is never mistaken for metadata.
 */
function readMetaCells(raw: string): MetaCells | null {
  const cells = raw
    .split(/[\t|]/)
    .map(collapse)
    .filter((cell) => cell !== "");
  const meta: MetaCells = { date: null, source: null, url: null, open: null };
  if (cells.length === 0) return raw.includes("|") ? meta : null;
  for (let i = 0; i < cells.length; i++) {
    const labelled = /^(Date|Source)\s*:\s*(.*)$/i.exec(cells[i]);
    if (labelled) {
      let value = labelled[2].trim();
      if (value === "" && i + 1 < cells.length && !/^(Date|Source)\s*:/i.test(cells[i + 1])) value = cells[++i];
      const field = labelled[1].toLowerCase() === "date" ? "date" : "source";
      meta[field] = value || null;
      meta.open = value === "" ? field : null;
      continue;
    }
    meta.open = null;
    if (URL_CELL.test(cells[i])) meta.url = cells[i];
    else if (!LINK_TEXT.test(cells[i])) return null;
  }
  return meta;
}
