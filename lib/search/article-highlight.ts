import "server-only";
import { db } from "@/lib/db";
import { expandSearch, type AliasExpansion, type ExpandClient } from "@/lib/search/expand-query";
import { foldWithOrigin } from "@/lib/search/fold";
import { toSourceRanges, type HighlightRange } from "@/lib/search/highlight";
import { markPhrases } from "@/lib/search/phrase-marks";
import { isEmptySearch, parseSearchQuery } from "@/lib/search/query-syntax";
import type { ArticleFilter } from "@/lib/validation/article-filter";

// The reading view's marks: where the desk's search (with every spelling the register adds, less those the
// analyst took out) matches in the article's text, as offsets into bodyText, which the page renders
// character for character: phrase by phrase in the folded body (phrase-marks.ts: a few ms for a long
// article), carried back onto the text as written (highlight.ts). Exclusions mark nothing.

export type ArticleMatches = {
  /** Matched passages of bodyText, in order, none overlapping. */
  ranges: HighlightRange[];
  expansions: AliasExpansion[];
};

export async function articleMatches(
  bodyText: string,
  filter: Pick<ArticleFilter, "q" | "noAliases">,
  client: ExpandClient = db,
): Promise<ArticleMatches | null> {
  const parsed = filter.q ? parseSearchQuery(filter.q) : null;
  if (!parsed || isEmptySearch(parsed)) return null;
  const expansion = await expandSearch(client, parsed, { removed: filter.noAliases });
  const folded = foldWithOrigin(bodyText);
  const [ranges] = await markPhrases(client, [folded.text], expansion.query);
  return { ranges: toSourceRanges(bodyText, folded, ranges), expansions: expansion.expansions };
}
