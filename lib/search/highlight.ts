import { Prisma } from "@/lib/generated/prisma/client";
import { foldWithOrigin } from "@/lib/search/fold";

// Matched terms in a text, marked by PostgreSQL's own ts_headline with the same tsquery the search used, so
// stemming, prefixes and phrases agree exactly with what matched. ts_headline reads the folded text, as the
// search vector does (fold.ts: P'yŏngyang is Pyongyang, 김정은 is 김정 정은), and the marks it puts there are
// carried back onto the text as written with the fold's map of origins, so the reader sees "P'yŏngyang" and
// "김정은동지께서" marked, never the folded forms. Run it on short texts (an excerpt, an opening) for lists: on
// whole bodies it re-parses every article's text and costs more than the list.
// The marks are two control characters that cannot occur in the text (they are stripped from it first); the
// caller gets plain segments and renders them as it likes, so no HTML is ever built from article text.

export type HighlightSegment = { text: string; match: boolean };
/** A matched passage of a text, in UTF-16 offsets of the text as written. */
export type HighlightRange = { start: number; end: number };

const START = "\u0002";
const STOP = "\u0003";
const MARKS = /[\u0002\u0003]/g;
const OPTIONS = `StartSel=${START}, StopSel=${STOP}, HighlightAll=true`;

/** The text as highlighting reads it: without the two mark characters. */
export function withoutMarks(text: string): string {
  return text.replace(MARKS, "");
}

/** SQL for the folded `text` with the words matching `tsquery` marked (read it with markedRanges). */
export function headlineSql(text: Prisma.Sql, tsquery: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`ts_headline('english', search_fold(translate(${text}, ${START + STOP}, '')), ${tsquery}, ${OPTIONS})`;
}

/** Marked folded text as the plain folded text and its marked ranges. */
function readMarks(marked: string): { plain: string; marks: HighlightRange[] } {
  let plain = "";
  const marks: HighlightRange[] = [];
  let open: number | null = null;
  for (const char of marked) {
    if (char === START) open ??= plain.length;
    else if (char === STOP) {
      if (open !== null && plain.length > open) marks.push({ start: open, end: plain.length });
      open = null;
    } else plain += char;
  }
  if (open !== null && plain.length > open) marks.push({ start: open, end: plain.length });
  return { plain, marks };
}

/**
 * Where the marks of `marked` (ts_headline's output over the folded `source`, whole or one fragment of it)
 * fall in `source` itself, merged where they touch or overlap (the pairs 김정, 정은 make one mark), and the
 * span of `source` that `marked` covers. Null when `marked` is not a passage of the folded source.
 */
export function markedRanges(
  marked: string,
  source: string,
): { span: HighlightRange; ranges: HighlightRange[] } | null {
  const { plain, marks } = readMarks(marked);
  const folded = foldWithOrigin(source);
  const offset = folded.text.indexOf(plain);
  if (offset === -1 || !plain) return null;
  const toSource = (start: number, end: number): HighlightRange => ({
    start: folded.origin[offset + start],
    end: folded.origin[offset + end - 1] + 1,
  });
  const ranges: HighlightRange[] = [];
  for (const mark of marks) {
    const range = toSource(mark.start, mark.end);
    const last = ranges[ranges.length - 1];
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else ranges.push(range);
  }
  return { span: toSource(0, plain.length), ranges: joinAcrossSeparators(source, ranges) };
}

/** Marks split only by a space or a hyphen become one ("Kim Jong-un" reads better as one span). */
function joinAcrossSeparators(source: string, ranges: HighlightRange[]): HighlightRange[] {
  const joined: HighlightRange[] = [];
  for (const range of ranges) {
    const last = joined[joined.length - 1];
    if (last && /^[ \t\-\u2010-\u2015]{1,2}$/.test(source.slice(last.end, range.start))) last.end = range.end;
    else joined.push({ ...range });
  }
  return joined;
}

/** `source` from `span.start` to `span.end` as segments, the ranges matched. */
export function segmentsOf(source: string, span: HighlightRange, ranges: HighlightRange[]): HighlightSegment[] {
  const segments: HighlightSegment[] = [];
  let at = span.start;
  for (const range of ranges) {
    const start = Math.max(range.start, at);
    const end = Math.min(range.end, span.end);
    if (start >= end) continue;
    if (start > at) segments.push({ text: source.slice(at, start), match: false });
    segments.push({ text: source.slice(start, end), match: true });
    at = end;
  }
  if (span.end > at) segments.push({ text: source.slice(at, span.end), match: false });
  return segments;
}

/**
 * ts_headline's marked output over the folded `source`, as segments of `source`; output that cannot be
 * placed in the source (it always can, unless the two folds disagree) is shown as it came, marks read.
 */
export function splitHighlighted(marked: string, source: string): HighlightSegment[] {
  const clean = withoutMarks(source);
  const placed = markedRanges(marked, clean);
  if (placed) return segmentsOf(clean, placed.span, placed.ranges);
  const { plain, marks } = readMarks(marked);
  return segmentsOf(plain, { start: 0, end: plain.length }, marks);
}

export function plainSegments(text: string): HighlightSegment[] {
  return text ? [{ text, match: false }] : [];
}

/** How much of a body the snippet search reads: most stories' first mention, at a bounded cost per row. */
export const SNIPPET_SOURCE_CHARS = 3000;
const SNIPPET_OPTIONS = `StartSel=${START}, StopSel=${STOP}, MaxFragments=1, MaxWords=32, MinWords=18, FragmentDelimiter=" … "`;

/**
 * A search result's snippet, as an array of two texts: ts_headline's marked output and the text it was made
 * from (give both to splitHighlighted). The stored excerpt with its matches marked when it has any (cheap:
 * the excerpt is short); otherwise the passage of the body's opening around the words that matched
 * (ts_headline re-parses the text, ~0.3 ms per row for 3,000 characters, so only rows that need it pay);
 * failing both, the excerpt.
 */
export function snippetSql(body: Prisma.Sql, excerpt: Prisma.Sql, tsquery: Prisma.Sql): Prisma.Sql {
  const opening = Prisma.sql`translate(left(${body}, ${SNIPPET_SOURCE_CHARS}::int), ${START + STOP}, '')`;
  const fragment = Prisma.sql`ts_headline('english', search_fold(f.source), ${tsquery}, ${SNIPPET_OPTIONS})`;
  return Prisma.sql`(SELECT CASE WHEN strpos(e.h, ${START}) > 0 THEN ARRAY[e.h, e.source]
      ELSE (SELECT CASE WHEN strpos(f.h, ${START}) > 0 THEN ARRAY[f.h, f.source] ELSE ARRAY[e.h, e.source] END
            FROM (SELECT ${fragment} AS h, f.source FROM (SELECT ${opening} AS source) f) f) END
    FROM (SELECT ${headlineSql(Prisma.sql`e.source`, tsquery)} AS h, e.source
          FROM (SELECT translate(${excerpt}, ${START + STOP}, '') AS source) e) e)`;
}
