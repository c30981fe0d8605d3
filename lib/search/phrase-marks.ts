import { Prisma } from "@/lib/generated/prisma/client";
import type { ExpandClient } from "@/lib/search/expand-query";
import { fold } from "@/lib/search/fold";
import type { HighlightRange } from "@/lib/search/highlight";
import { spellingVariants, type SearchQuery } from "@/lib/search/query-syntax";

// Which words of a (folded) text a search matched, phrase by phrase. PostgreSQL's ts_headline marks every word
// of the query wherever it occurs, phrase or not: searching "Kim Jong Un" it marks "Kim Jong" in "Kim Jong Il",
// and searching 김정은 (the pairs 김정 정은) it marks 김정 in 김정일. That sends a reader stepping through matches
// to places that do not match. So the words are matched here instead, as the search matches them: PostgreSQL's
// own parser and dictionaries (ts_debug) give every word's lexemes, of the text and of each spelling searched,
// and a spelling matches where its lexemes follow each other (a stop word in it stands for any word, as in
// phraseto_tsquery; a prefix's last word matches by its start).

type Position = { lexemes: string[]; start: number; end: number };
/** A spelling as lexemes, one entry per word; null: a stop word, which takes any word's place. */
type Pattern = { words: (string[] | null)[]; prefix: boolean };
type DebugRow = { n: number; token: string; lexemes: string[] | null };

async function debugTexts(client: ExpandClient, texts: string[]): Promise<DebugRow[][]> {
  if (!texts.length) return [];
  const rows = await client.$queryRaw<DebugRow[]>(Prisma.sql`
    SELECT x.n::int AS n, d.token, d.lexemes
    FROM unnest(${texts}::text[]) WITH ORDINALITY AS x(t, n)
    CROSS JOIN LATERAL ts_debug('english', x.t) WITH ORDINALITY AS d(alias, description, token, dictionaries, dictionary, lexemes, k)
    ORDER BY x.n, d.k`);
  const byText: DebugRow[][] = texts.map(() => []);
  for (const row of rows) byText[row.n - 1].push(row);
  return byText;
}

/** The text's words with their lexemes and where they are; spaces and punctuation are not words. */
function positionsOf(text: string, rows: DebugRow[]): Position[] {
  const positions: Position[] = [];
  let at = 0;
  for (const row of rows) {
    const start = text.startsWith(row.token, at) ? at : text.indexOf(row.token, at);
    if (start === -1) continue;
    at = start + row.token.length;
    if (row.lexemes !== null) positions.push({ lexemes: row.lexemes, start, end: at });
  }
  return positions;
}

/** Every spelling the query looks for (exclusions mark nothing), as folded text, with whether it is a prefix. */
function spellings(query: SearchQuery): { text: string; prefix: boolean }[] {
  const found = new Map<string, boolean>();
  for (const term of query.clauses.flat()) {
    if (term.negated) continue;
    found.set(fold(term.text), term.kind === "prefix");
    for (const variant of spellingVariants(term)) found.set(variant, false);
  }
  return [...found].map(([text, prefix]) => ({ text, prefix }));
}

/** Stop words at either end of a phrase are dropped, as phraseto_tsquery drops them. */
function trimStopWords(words: (string[] | null)[]): (string[] | null)[] {
  let start = 0;
  let end = words.length;
  while (start < end && words[start] === null) start++;
  while (end > start && words[end - 1] === null) end--;
  return words.slice(start, end);
}

function matchesAt(doc: Position[], at: number, pattern: Pattern): boolean {
  for (let k = 0; k < pattern.words.length; k++) {
    const word = pattern.words[k];
    const position = doc[at + k];
    if (!position) return false;
    if (word === null) continue;
    const last = pattern.prefix && k === pattern.words.length - 1;
    const hit = position.lexemes.some((lexeme) =>
      last ? word.some((part) => lexeme.startsWith(part)) : word.includes(lexeme),
    );
    if (!hit) return false;
  }
  return true;
}

function rangesIn(doc: Position[], patterns: Pattern[]): HighlightRange[] {
  const ranges: HighlightRange[] = [];
  for (const pattern of patterns) {
    for (let at = 0; at + pattern.words.length <= doc.length; at++) {
      if (matchesAt(doc, at, pattern))
        ranges.push({ start: doc[at].start, end: doc[at + pattern.words.length - 1].end });
    }
  }
  ranges.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: HighlightRange[] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

/**
 * For each of `texts` (already folded: fold.ts), the passages that match `query`, in the text's offsets.
 * One statement for all the texts and spellings.
 */
export async function markPhrases(
  client: ExpandClient,
  texts: string[],
  query: SearchQuery,
): Promise<HighlightRange[][]> {
  const wanted = spellings(query);
  if (!wanted.length || !texts.length) return texts.map(() => []);
  const debugged = await debugTexts(client, [...wanted.map((spelling) => spelling.text), ...texts]);
  const patterns: Pattern[] = wanted
    .map((spelling, i) => ({
      words: trimStopWords(
        positionsOf(spelling.text, debugged[i]).map((position) => (position.lexemes.length ? position.lexemes : null)),
      ),
      prefix: spelling.prefix,
    }))
    // A spelling of stop words only matches nothing, as the search does.
    .filter((pattern) => pattern.words.some((word) => word !== null));
  return texts.map((text, i) => rangesIn(positionsOf(text, debugged[wanted.length + i]), patterns));
}
