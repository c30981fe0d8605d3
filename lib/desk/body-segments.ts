// The reading view renders an article's plain text (bodyText) so that a position in the page maps back
// to a position in bodyText exactly: each line with text becomes a paragraph that knows where it starts,
// and its text is cut into segments at every annotation boundary, so highlighting adds elements but
// never a character. Annotation offsets are UTF-16 offsets into bodyText, as the server stores them. The
// search's matches (lib/search/article-highlight.ts) cut the text the same way; each matched segment knows
// which match it belongs to, so the page can step from one match to the next.

export type BodySegment = {
  start: number;
  end: number;
  annotationIds: number[];
  /** The index of the search match this segment is part of. */
  matchIndex?: number;
};
export type BodyParagraph = { start: number; end: number; segments: BodySegment[] };
export type AnnotationRange = { id: number; start: number; end: number };
export type MatchRange = { start: number; end: number };

/** bodyText's non-blank lines as paragraphs, each cut where a highlighted passage or a match starts or ends. */
export function segmentBody(
  text: string,
  ranges: readonly AnnotationRange[],
  matches: readonly MatchRange[] = [],
): BodyParagraph[] {
  const paragraphs: BodyParagraph[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    const newline = text.indexOf("\n", lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    if (text.slice(lineStart, lineEnd).trim()) paragraphs.push(cutParagraph(lineStart, lineEnd, ranges, matches));
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  return paragraphs;
}

function cutParagraph(
  start: number,
  end: number,
  ranges: readonly AnnotationRange[],
  matches: readonly MatchRange[],
): BodyParagraph {
  const inside = ranges.filter((range) => range.start < end && range.end > start && range.end > range.start);
  const found = matches
    .map((match, index) => ({ ...match, index }))
    .filter((match) => match.start < end && match.end > start && match.end > match.start);
  const cuts = new Set([start, end]);
  for (const range of [...inside, ...found]) {
    cuts.add(Math.max(start, range.start));
    cuts.add(Math.min(end, range.end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: BodySegment[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const [from, to] = [points[i], points[i + 1]];
    const annotationIds = inside.filter((range) => range.start <= from && range.end >= to).map((range) => range.id);
    const match = found.find((range) => range.start <= from && range.end >= to);
    segments.push({ start: from, end: to, annotationIds, ...(match ? { matchIndex: match.index } : {}) });
  }
  return { start, end, segments };
}

/** The passage without the whitespace a drag selection picks up at its ends; null when nothing is left. */
export function trimPassage(text: string, start: number, end: number): { start: number; end: number } | null {
  let from = Math.max(0, Math.min(start, end));
  let to = Math.min(text.length, Math.max(start, end));
  while (from < to && /\s/.test(text[from])) from++;
  while (to > from && /\s/.test(text[to - 1])) to--;
  return to > from ? { start: from, end: to } : null;
}
