import { Prisma } from "@/lib/generated/prisma/client";
import type { ExpandClient } from "@/lib/search/expand-query";
import { fold } from "@/lib/search/fold";
import type { HighlightRange } from "@/lib/search/highlight";
import { spellingVariants, type SearchQuery } from "@/lib/search/query-syntax";

// Which words of a (folded) text a search matched, phrase by phrase. PostgreSQL's ts_headline marks every word
// of the query wherever it occurs, phrase or not: searching "Kim Jong Un" it marks "Kim Jong" in "Kim Jong Il",
// and searching 김정은 (the pairs 김정 정은) it marks 김정 in 김정일. That sends a reader stepping through matches
// to places that do not match. So the words are matched here instead, as the search matches them: PostgreSQL's
// own parser (ts_parse) cuts the text into words, and its vector (to_tsvector, so its dictionaries and stop
// words) says which lexemes stand at each word position; the same for each spelling searched. A spelling
// matches where its lexemes follow each other (a stop word in it stands for any word, as in phraseto_tsquery; a
// prefix's last word matches by its start). ts_debug would say all this in one call, but costs a hundred
// times more (it is SQL over catalogue joins): 100 ms for a page of snippets.

type Position = { lexemes: string[]; start: number; end: number };
/** A spelling as lexemes, one entry per word; null: a stop word, which takes any word's place. */
type Pattern = { words: (string[] | null)[]; prefix: boolean };
/** A text as PostgreSQL parses it (parsedTextSql). */
export type ParsedText = { tokens: string | null; vector: string };

/** ts_parse's tokens come as one text, `type \u0002 token` joined by \u0001 (a third of the cost of JSON). */
const TOKEN_SEPARATOR = "\u0001";
const TYPE_SEPARATOR = "\u0002";

/** Token types of the default parser that the 'english' configuration does not index: they hold no position. */
const UNINDEXED_TOKENS = new Set([12, 13, 14, 23]);

/**
 * A subquery of one row, `tokens` and `vector`, of `text` (a SQL text expression) parsed, to join LATERAL where a
 * statement has the text at hand (the list's page parses its snippets' passages itself: no second round trip). The
 * two separators cannot stand in a token: they are parsed as spaces, at the same offsets.
 */
export function parsedTextSql(text: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(
    SELECT (SELECT string_agg(p.tokid::text || ${TYPE_SEPARATOR} || p.token, ${TOKEN_SEPARATOR} ORDER BY p.k)
            FROM ts_parse('default', x.t) WITH ORDINALITY AS p(tokid, token, k)) AS tokens,
           to_tsvector('english', x.t)::text AS vector
    FROM (SELECT translate(${text}, ${TOKEN_SEPARATOR + TYPE_SEPARATOR}, '  ') AS t OFFSET 0) x)`;
}

async function parseTexts(client: ExpandClient, texts: string[]): Promise<ParsedText[]> {
  if (!texts.length) return [];
  return client.$queryRaw<ParsedText[]>(Prisma.sql`
    SELECT p.tokens, p.vector
    FROM unnest(${texts}::text[]) WITH ORDINALITY AS u(t, n)
    CROSS JOIN LATERAL ${parsedTextSql(Prisma.sql`u.t`)} p
    ORDER BY u.n`);
}

const SPELLINGS_CACHE_LIMIT = 2_000;
/** The spellings' parses by spellings: a pure function of them, and the same for every page of a search. */
const spellingsCache = new Map<string, ParsedText[]>();

async function parseSpellings(client: ExpandClient, texts: string[]): Promise<ParsedText[]> {
  const key = JSON.stringify(texts);
  let parsed = spellingsCache.get(key);
  if (!parsed) {
    parsed = await parseTexts(client, texts);
    if (spellingsCache.size >= SPELLINGS_CACHE_LIMIT) spellingsCache.clear();
    spellingsCache.set(key, parsed);
  }
  return parsed;
}

/** Lexemes by word position, from a tsvector's text form ('jong':2 'kim':1,5 ...). */
function lexemesByPosition(vector: string): Map<number, string[]> {
  const byPosition = new Map<number, string[]>();
  // A scan, not a regular expression: this runs for every snippet of every page. In the text form a quote in a
  // lexeme is doubled and a backslash escapes the next character; positions may carry a weight letter (1A).
  let i = vector.indexOf("'");
  while (i !== -1) {
    let lexeme = "";
    let j = i + 1;
    for (;;) {
      const c = vector[j];
      if (c === undefined) return byPosition;
      if (c === "\\") {
        lexeme += vector[j + 1] ?? "";
        j += 2;
      } else if (c === "'") {
        if (vector[j + 1] === "'") {
          lexeme += "'";
          j += 2;
        } else break;
      } else {
        lexeme += c;
        j++;
      }
    }
    j++;
    if (vector[j] === ":") {
      j++;
      let at = 0;
      for (; j <= vector.length; j++) {
        const code = j < vector.length ? vector.charCodeAt(j) : 32;
        if (code >= 48 && code <= 57) at = at * 10 + code - 48;
        else if (code >= 65 && code <= 68) continue;
        else {
          if (at) {
            const found = byPosition.get(at);
            if (found) found.push(lexeme);
            else byPosition.set(at, [lexeme]);
          }
          at = 0;
          if (code !== 44) break;
        }
      }
    }
    i = vector.indexOf("'", j);
  }
  return byPosition;
}

/** The text's words with their lexemes (none for a stop word) and where they are. */
function positionsOf(text: string, row: ParsedText | undefined): Position[] {
  const lexemes = lexemesByPosition(row?.vector ?? "");
  const positions: Position[] = [];
  let at = 0;
  let word = 0;
  for (const token of row?.tokens?.split(TOKEN_SEPARATOR) ?? []) {
    const split = token.indexOf(TYPE_SEPARATOR);
    const type = Number(token.slice(0, split));
    const piece = token.slice(split + 1);
    const start = text.startsWith(piece, at) ? at : text.indexOf(piece, at);
    if (start === -1) continue;
    at = start + piece.length;
    if (UNINDEXED_TOKENS.has(type)) continue;
    word++;
    positions.push({ lexemes: lexemes.get(word) ?? [], start, end: at });
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

/** A search's patterns, indexed by the lexemes their first word may be, once for every text of a page. */
type PatternIndex = { byFirst: Map<string, Pattern[]>; everywhere: Pattern[] };

function indexPatterns(patterns: Pattern[]): PatternIndex {
  const byFirst = new Map<string, Pattern[]>();
  const everywhere: Pattern[] = [];
  for (const pattern of patterns) {
    const first = pattern.words[0];
    // Trimmed patterns start with a word; a one-word prefix matches by a lexeme's start, so it is tried everywhere.
    if (first === null || (pattern.prefix && pattern.words.length === 1)) {
      everywhere.push(pattern);
      continue;
    }
    for (const lexeme of new Set(first)) {
      const found = byFirst.get(lexeme);
      if (found) found.push(pattern);
      else byFirst.set(lexeme, [pattern]);
    }
  }
  return { byFirst, everywhere };
}

function rangesIn(doc: Position[], patterns: PatternIndex): HighlightRange[] {
  const ranges: HighlightRange[] = [];
  const tryAt = (pattern: Pattern, at: number) => {
    if (at + pattern.words.length <= doc.length && matchesAt(doc, at, pattern))
      ranges.push({ start: doc[at].start, end: doc[at + pattern.words.length - 1].end });
  };
  // A pattern is tried only where its first word stands (a name's twenty spellings against a passage's fifty words,
  // for every row of a page, was a thousand tries a row). A word with two lexemes may try a pattern twice: the
  // same range, merged below.
  for (let at = 0; at < doc.length; at++) {
    for (const lexeme of doc[at].lexemes) {
      const starting = patterns.byFirst.get(lexeme);
      if (starting) for (const pattern of starting) tryAt(pattern, at);
    }
    for (const pattern of patterns.everywhere) tryAt(pattern, at);
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

/** The query's spellings as patterns of lexemes. */
async function patternsOf(client: ExpandClient, query: SearchQuery): Promise<Pattern[]> {
  const wanted = spellings(query);
  if (!wanted.length) return [];
  const parsed = await parseSpellings(
    client,
    wanted.map((spelling) => spelling.text),
  );
  return (
    wanted
      .map((spelling, i) => ({
        words: trimStopWords(
          positionsOf(spelling.text, parsed[i]).map((position) => (position.lexemes.length ? position.lexemes : null)),
        ),
        prefix: spelling.prefix,
      }))
      // A spelling of stop words only matches nothing, as the search does.
      .filter((pattern) => pattern.words.some((word) => word !== null))
  );
}

/**
 * For each of `texts` (already folded: fold.ts), the passages that match `query`, in the text's offsets. Each text
 * comes with its parse (parsedTextSql) or is parsed here, all in one statement.
 */
export async function markPhrases(
  client: ExpandClient,
  texts: (string | { text: string; parsed: ParsedText })[],
  query: SearchQuery,
): Promise<HighlightRange[][]> {
  if (!texts.length) return [];
  const found = await patternsOf(client, query);
  if (!found.length) return texts.map(() => []);
  const patterns = indexPatterns(found);
  const unparsed = texts.flatMap((text) => (typeof text === "string" ? [text] : []));
  const parsed = await parseTexts(client, unparsed);
  let next = 0;
  return texts.map((text) =>
    typeof text === "string"
      ? rangesIn(positionsOf(text, parsed[next++]), patterns)
      : rangesIn(positionsOf(text.text, text.parsed), patterns),
  );
}
