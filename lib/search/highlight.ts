import { Prisma } from "@/lib/generated/prisma/client";

// Matched terms in an excerpt, marked by PostgreSQL's own ts_headline with the same tsquery the search
// used, so stemming, prefixes and phrases agree exactly with what matched. Run it on the short excerpt
// of each listed row only: on whole bodies it re-parses every article's text and costs more than the list.
// The marks are two control characters that cannot occur in the text (they are stripped from it first);
// the caller gets plain segments and renders them as it likes, so no HTML is ever built from article text.

export type HighlightSegment = { text: string; match: boolean };

const START = "\u0002";
const STOP = "\u0003";
const OPTIONS = `StartSel=${START}, StopSel=${STOP}, HighlightAll=true`;

/** SQL for `text` with the words matching `tsquery` wrapped in the marks that splitHighlighted reads. */
export function headlineSql(text: Prisma.Sql, tsquery: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`ts_headline('english', translate(${text}, ${START + STOP}, ''), ${tsquery}, ${OPTIONS})`;
}

/** The marked text from headlineSql as segments; text without marks is one unmatched segment. */
export function splitHighlighted(marked: string): HighlightSegment[] {
  const segments: HighlightSegment[] = [];
  const push = (text: string, match: boolean) => {
    if (!text) return;
    const last = segments[segments.length - 1];
    // ts_headline marks "Kim", "Jong" and "Un" apart; one segment per run reads and renders better.
    if (last && last.match === match) last.text += text;
    else segments.push({ text, match });
  };
  let rest = marked;
  while (rest) {
    const start = rest.indexOf(START);
    if (start === -1) {
      push(rest.replaceAll(STOP, ""), false);
      break;
    }
    push(rest.slice(0, start).replaceAll(STOP, ""), false);
    const stop = rest.indexOf(STOP, start + 1);
    const end = stop === -1 ? rest.length : stop;
    push(rest.slice(start + 1, end).replaceAll(START, ""), true);
    rest = rest.slice(end + 1);
  }
  return mergeSpacedMatches(segments);
}

/** A lone space between two matched words joins them, so a matched phrase is one highlighted span. */
function mergeSpacedMatches(segments: HighlightSegment[]): HighlightSegment[] {
  const merged: HighlightSegment[] = [];
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    const previous = merged[merged.length - 1];
    const next = segments[i + 1];
    if (!segment.match && /^[ \t]+$/.test(segment.text) && previous?.match && next?.match) {
      previous.text += segment.text + next.text;
      i++;
      continue;
    }
    merged.push({ ...segment });
  }
  return merged;
}

export function plainSegments(text: string): HighlightSegment[] {
  return text ? [{ text, match: false }] : [];
}

/** How much of a body the snippet search reads: most stories' first mention, at a bounded cost per row. */
export const SNIPPET_SOURCE_CHARS = 3000;
const SNIPPET_OPTIONS = `StartSel=${START}, StopSel=${STOP}, MaxFragments=1, MaxWords=32, MinWords=18, FragmentDelimiter=" … "`;

/**
 * A search result's snippet: the stored excerpt with its matches marked when it has any (cheap: the excerpt
 * is short); otherwise the passage of the body's opening around the words that matched (ts_headline re-parses
 * the text, ~0.3 ms per row for 3,000 characters, so only rows that need it pay); failing both, the excerpt.
 */
export function snippetSql(body: Prisma.Sql, excerpt: Prisma.Sql, tsquery: Prisma.Sql): Prisma.Sql {
  const opening = Prisma.sql`translate(left(${body}, ${SNIPPET_SOURCE_CHARS}::int), ${START + STOP}, '')`;
  const fragment = Prisma.sql`ts_headline('english', ${opening}, ${tsquery}, ${SNIPPET_OPTIONS})`;
  return Prisma.sql`(SELECT CASE WHEN strpos(e.h, ${START}) > 0 THEN e.h
      ELSE (SELECT CASE WHEN strpos(f.h, ${START}) > 0 THEN f.h ELSE e.h END FROM (SELECT ${fragment} AS h) f) END
    FROM (SELECT ${headlineSql(excerpt, tsquery)} AS h) e)`;
}
