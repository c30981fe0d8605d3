import { Prisma } from "@/lib/generated/prisma/client";
import { aliasKey } from "@/lib/names/alias-key";
import { isStopWordsOnly, stopWordTerms, type SearchQuery, type SearchTerm } from "@/lib/search/query-syntax";

// A search that names anything in the names register searches every spelling of it. The query's words are
// read as the register reads spellings (alias-key.ts), so `Kim Jong-un`, `kim jong un` and `Kim Jongun` all
// name Kim Jong-un, and `"Hwasong 17"` names the Hwasong-17 that KCNA calls Hwasongpho-17. The words that named
// it become one clause: the words as typed, as a phrase, or any other spelling. The register is read on every
// search (two index probes of a table of a few thousand rows, ~1 ms), so a new spelling counts at once.
//
// What was added is returned for the desk to show ("also searched: ..."), each spelling removable: the
// filter's `noAliases` lists the alias ids an analyst took out, which stay in the URL like every filter.

/** A query's words are looked up as spans of at most this many (the longest name in the register has 7). */
const MAX_SPAN_WORDS = 8;

export type SearchedSpelling = { aliasId: number; alias: string };

export type AliasExpansion = {
  /** The words of the query that named the entry, as typed. */
  typed: string;
  entry: { id: number; canonical: string; kind: string };
  /** Spellings searched besides the typed one. */
  searched: SearchedSpelling[];
  /** Spellings the analyst took out (noAliases). */
  removed: SearchedSpelling[];
};

export type SearchExpansion = {
  query: SearchQuery;
  expansions: AliasExpansion[];
  /** Why part of the search finds nothing, for the desk to show. */
  notes: string[];
};

export type ExpandClient = { $queryRaw<T = unknown>(query: Prisma.Sql): PromiseLike<T> };

/** A run of the query's words (or one phrase) that may name an entry. */
type Span = { start: number; end: number; text: string; key: string; negated: boolean };

type AliasRow = { id: number; entryId: number; alias: string; key: string; canonical: string; kind: string };

const single = (clause: SearchTerm[]) => (clause.length === 1 ? clause[0] : null);

// The desk lists first the spellings that tell most to an analyst of Korea: Hangul, Hanja, then plain Latin,
// Latin with marks, Kana, Cyrillic, the rest; in the register's order within each.
const SCRIPT_ORDER = [
  /\p{Script=Hangul}/u,
  /\p{Script=Han}/u,
  /^[\x00-\x7f]+$/,
  /^\p{Script=Latin}/u,
  /[\p{Script=Hiragana}\p{Script=Katakana}]/u,
  /\p{Script=Cyrillic}/u,
];
const scriptRank = (alias: string) => {
  const rank = SCRIPT_ORDER.findIndex((pattern) => pattern.test(alias));
  return rank === -1 ? SCRIPT_ORDER.length : rank;
};

/** Every run of plain words, and every phrase, with its register key. */
function candidateSpans(query: SearchQuery): Span[] {
  const spans: Span[] = [];
  query.clauses.forEach((clause, start) => {
    const term = single(clause);
    if (!term || term.kind === "prefix") return;
    if (term.kind === "phrase") {
      spans.push({ start, end: start + 1, text: term.text, key: aliasKey(term.text), negated: term.negated });
      return;
    }
    if (term.negated) return;
    const words: string[] = [];
    for (let end = start; end < query.clauses.length && end - start < MAX_SPAN_WORDS; end++) {
      const next = single(query.clauses[end]);
      if (!next || next.kind !== "word" || next.negated) break;
      words.push(next.text);
      spans.push({ start, end: end + 1, text: words.join(" "), key: aliasKey(words.join(" ")), negated: false });
    }
  });
  return spans.filter((span) => span.key);
}

/** Longest spans first, left to right, none overlapping. */
function chooseSpans(spans: Span[], known: Set<string>): Span[] {
  const chosen: Span[] = [];
  let covered = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start || b.end - a.end)) {
    if (span.start < covered || !known.has(span.key)) continue;
    chosen.push(span);
    covered = span.end;
  }
  return chosen;
}

async function registerRows(client: ExpandClient, keys: string[]): Promise<AliasRow[]> {
  return client.$queryRaw<AliasRow[]>(Prisma.sql`
    SELECT a.id, a.entry_id AS "entryId", a.alias, a.key, e.canonical, lower(e.kind::text) AS kind
    FROM name_aliases a JOIN name_entries e ON e.id = a.entry_id
    WHERE a.status = 'ACCEPTED'
      AND a.entry_id IN (SELECT entry_id FROM name_aliases WHERE key = ANY(${keys}::text[]) AND status = 'ACCEPTED')
    ORDER BY a.entry_id, a.id`);
}

function explainStopWords(query: SearchQuery): string[] {
  const skipped = stopWordTerms(query);
  if (!skipped.length) return [];
  const list = skipped.map((text) => `“${text}”`).join(", ");
  return isStopWordsOnly(query)
    ? [
        `Nothing to search for: ${list} ${skipped.length === 1 ? "is a word" : "are words"} too common to search. Add a name, a place or a less common word.`,
      ]
    : [`Skipped ${list}: too common to search.`];
}

/** The register keys a query's words could name: what readRegister needs for it. */
export function registerKeys(query: SearchQuery): string[] {
  return [...new Set(candidateSpans(query).map((span) => span.key))];
}

/** What readRegister read: rows of the names register. */
export type RegisterRows = AliasRow[];

/**
 * The register's accepted spellings of every entry one of these keys names, read once for many queries (watch
 * matching expands a thousand at a time). Expanding a query with the rows read for more keys than its own gives
 * the same answer: its spans find the same entries, and each entry comes with all its spellings either way.
 */
export async function readRegister(client: ExpandClient, keys: string[]): Promise<RegisterRows> {
  return keys.length ? registerRows(client, keys) : [];
}

/** The query with every register name it mentions searched in all its spellings, less the removed ones. */
export async function expandSearch(
  client: ExpandClient,
  query: SearchQuery,
  options: { removed?: number[]; register?: RegisterRows } = {},
): Promise<SearchExpansion> {
  const notes = explainStopWords(query);
  const spans = candidateSpans(query);
  if (!spans.length) return { query, expansions: [], notes };
  const rows = options.register ?? (await registerRows(client, [...new Set(spans.map((span) => span.key))]));
  if (!rows.length) return { query, expansions: [], notes };

  const entryOfKey = new Map(rows.map((row) => [row.key, row.entryId]));
  const removed = new Set(options.removed ?? []);
  const clauses: SearchTerm[][] = [];
  const expansions: AliasExpansion[] = [];
  let next = 0;
  for (const span of chooseSpans(spans, new Set(entryOfKey.keys()))) {
    clauses.push(...query.clauses.slice(next, span.start));
    next = span.end;
    const spellings = rows
      .filter((row) => row.entryId === entryOfKey.get(span.key) && row.key !== span.key)
      .sort((a, b) => scriptRank(a.alias) - scriptRank(b.alias));
    const searched = spellings.filter((row) => !removed.has(row.id));
    const typed: SearchTerm = { kind: "phrase", text: span.text, negated: span.negated };
    const others = searched.map((row): SearchTerm => ({
      kind: "phrase",
      text: row.alias,
      negated: span.negated,
      aliasIds: [row.id],
    }));
    // Excluding a name excludes each of its spellings: one clause each, where including takes any one of them.
    if (span.negated) clauses.push(...[typed, ...others].map((term) => [term]));
    else clauses.push([typed, ...others]);
    const { entryId, canonical, kind } = rows.find((row) => row.entryId === entryOfKey.get(span.key))!;
    const spelling = (row: AliasRow): SearchedSpelling => ({ aliasId: row.id, alias: row.alias });
    expansions.push({
      typed: span.text,
      entry: { id: entryId, canonical, kind },
      searched: searched.map(spelling),
      removed: spellings.filter((row) => removed.has(row.id)).map(spelling),
    });
  }
  clauses.push(...query.clauses.slice(next));
  return { query: { clauses }, expansions, notes };
}
