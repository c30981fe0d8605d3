import type { ExpandClient } from "@/lib/search/expand-query";
import {
  placeFragment,
  plainSegments,
  segmentsOf,
  toSourceRanges,
  withoutMarks,
  type HighlightSegment,
} from "@/lib/search/highlight";
import { markPhrases, type ParsedText } from "@/lib/search/phrase-marks";
import type { SearchQuery } from "@/lib/search/query-syntax";

// The list's snippets with the search's matches marked: each row's passage (snippetSql) found again in its
// folded source, all passages marked in one statement (phrase-marks.ts), the marks carried back onto the
// text as written.

/**
 * Segments for each [passage, source] pair, in order; `parsed`, when given, is each passage's parse without its marks
 * (parsedTextSql), else the passages are parsed here.
 */
export async function markSnippets(
  client: ExpandClient,
  snippets: [passage: string, source: string][],
  query: SearchQuery,
  parsed?: ParsedText[],
): Promise<HighlightSegment[][]> {
  const placed = snippets.map(([passage, source]) => placeFragment(passage, source));
  const texts = placed.flatMap((place, i) =>
    place ? [parsed ? { text: place.text, parsed: parsed[i] } : place.text] : [],
  );
  const marks = await markPhrases(client, texts, query);
  let next = 0;
  return snippets.map(([passage, source], i) => {
    const place = placed[i];
    if (!place) return plainSegments(withoutMarks(passage));
    const shifted = marks[next++].map((range) => ({
      start: range.start + place.span.start,
      end: range.end + place.span.start,
    }));
    const span = {
      start: place.folded.origin[place.span.start],
      end: place.folded.origin[place.span.end - 1] + 1,
    };
    return segmentsOf(source, span, toSourceRanges(source, place.folded, shifted));
  });
}
