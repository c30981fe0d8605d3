import { Prisma } from "@/lib/generated/prisma/client";
import { MAX_SEARCH_INPUT } from "@/lib/constants";
import { fold, foldedWords } from "@/lib/search/fold";
import { joinedVariants, splitVariants } from "@/lib/search/romanization";
import { ENGLISH_STOP_WORDS } from "@/lib/search/stop-words";

// The analysts' search syntax, as websearch_to_tsquery reads it, plus prefixes:
//   words          all must appear (stemmed: "missiles" finds "missile")
//   "a phrase"     the words in this order (an unclosed quote runs to the end)
//   a OR b         either (OR binds tighter than the implicit AND: `kim OR park visit` = (kim | park) & visit)
//   -word -"a b"   must not appear
//   missil*        any word starting with "missil"
// The input is parsed here into a small tree, and each leaf becomes its own PostgreSQL call with the user's
// text as a bound parameter (plainto_tsquery, phraseto_tsquery, to_tsquery for a prefix cleaned down to
// letters and digits), combined with &&, || and !!: no user text is ever spliced into SQL or tsquery syntax.
// Every word and phrase goes through search_fold, as the stored vector does (fold.ts): a word that folds into
// several (Jong-un, Hwasong17, 김정은) is the phrase of them, so it matches however it was written; a phrase of
// romanised syllables is also searched joined, a capitalised name also split (romanization.ts).

/** Longer input is cut: nobody types more, and a pasted article would make a huge query. */
export { MAX_SEARCH_INPUT };
export const MAX_SEARCH_TERMS = 24;

export type SearchTerm = {
  kind: "word" | "phrase" | "prefix";
  /** The word, the phrase's words, or a prefix's letters and digits (without the `*`). */
  text: string;
  negated: boolean;
  /** A spelling from the names register that the query's words named (expand-query.ts): the alias ids. */
  aliasIds?: number[];
};

/** Every clause must match; a clause matches when any of its terms does. */
export type SearchQuery = { clauses: SearchTerm[][] };

type Token = { kind: "or" } | { kind: "term"; term: SearchTerm };

const WORD_CHARACTER = /[\p{L}\p{N}]/u;
const NOT_WORD_CHARACTER = /[^\p{L}\p{N}]+/gu;
const SPACE = /\s/u;

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    if (SPACE.test(input[i])) {
      i++;
      continue;
    }
    let negated = false;
    if (input[i] === "-") {
      i++;
      // A lone "-" (or one before a space) excludes nothing.
      if (i >= input.length || SPACE.test(input[i])) continue;
      negated = true;
    }
    if (input[i] === '"') {
      const close = input.indexOf('"', i + 1);
      const end = close === -1 ? input.length : close;
      const text = input
        .slice(i + 1, end)
        .replace(/\s+/g, " ")
        .trim();
      i = end + 1;
      if (WORD_CHARACTER.test(text)) tokens.push({ kind: "term", term: { kind: "phrase", text, negated } });
      continue;
    }
    let end = i;
    while (end < input.length && !SPACE.test(input[end]) && input[end] !== '"') end++;
    const word = input.slice(i, end);
    i = end;
    if (!negated && /^or$/i.test(word)) {
      tokens.push({ kind: "or" });
      continue;
    }
    if (word.endsWith("*")) {
      // Only letters and digits reach to_tsquery: "u.s.*" is the prefix "us", "*" alone is nothing.
      const stem = word.replace(/\*+$/, "").replace(NOT_WORD_CHARACTER, "");
      if (stem) tokens.push({ kind: "term", term: { kind: "prefix", text: stem, negated } });
      continue;
    }
    if (WORD_CHARACTER.test(word)) tokens.push({ kind: "term", term: { kind: "word", text: word, negated } });
  }
  return tokens;
}

/** The search box's text as a tree; OR with nothing on one side is dropped, as websearch_to_tsquery does. */
export function parseSearchQuery(input: string): SearchQuery {
  const clauses: SearchTerm[][] = [];
  let orPending = false;
  let terms = 0;
  for (const token of tokenize(input.normalize("NFKC").slice(0, MAX_SEARCH_INPUT))) {
    if (token.kind === "or") {
      orPending = clauses.length > 0;
      continue;
    }
    if (terms >= MAX_SEARCH_TERMS) break;
    terms++;
    if (orPending) clauses[clauses.length - 1].push(token.term);
    else clauses.push([token.term]);
    orPending = false;
  }
  return { clauses };
}

export function isEmptySearch(query: SearchQuery): boolean {
  return query.clauses.length === 0;
}

function formatTerm(term: SearchTerm): string {
  const body = term.kind === "phrase" ? `"${term.text}"` : term.kind === "prefix" ? `${term.text}*` : term.text;
  return term.negated ? `-${body}` : body;
}

/** The query written back in the syntax, normalised: what the search understood. */
export function formatSearchQuery(query: SearchQuery): string {
  return query.clauses.map((clause) => clause.map(formatTerm).join(" OR ")).join(" ");
}

const VARIANTS_CACHE_LIMIT = 5_000;
/** Variants by kind and text: a pure function of them, asked five times per term on every page of a search. */
const variantsCache = new Map<string, readonly string[]>();

/** The folded spellings a word or phrase is also searched as: joined or split romanised syllables. */
export function spellingVariants(term: SearchTerm): readonly string[] {
  if (term.kind === "prefix") return [];
  const key = `${term.kind}\u0000${term.text}`;
  const cached = variantsCache.get(key);
  if (cached) return cached;
  const words = foldedWords(term.text);
  const variants = joinedVariants(words);
  if (term.kind === "word" && words.length === 1)
    variants.push(...splitVariants(fold(term.text).replace(/[^A-Za-z]/g, "")));
  const spelled = Object.freeze(variants.map((variant) => variant.join(" ")));
  if (variantsCache.size >= VARIANTS_CACHE_LIMIT) variantsCache.clear();
  variantsCache.set(key, spelled);
  return spelled;
}

function prefixSql(text: string): Prisma.Sql | null {
  const words = foldedWords(text);
  if (!words.length) return null;
  // A prefix that folds into several words (김정은*, KN23*) is the phrase of them, the last one a prefix.
  const last = Prisma.sql`to_tsquery('english', ${`${words[words.length - 1]}:*`})`;
  if (words.length === 1) return last;
  return Prisma.sql`tsquery_phrase(phraseto_tsquery('english', ${words.slice(0, -1).join(" ")}), ${last})`;
}

function termSql(term: SearchTerm): Prisma.Sql | null {
  let sql: Prisma.Sql | null;
  if (term.kind === "prefix") sql = prefixSql(term.text);
  else {
    const spellings = [
      Prisma.sql`phraseto_tsquery('english', search_fold(${term.text}))`,
      ...spellingVariants(term).map((variant) => Prisma.sql`phraseto_tsquery('english', ${variant})`),
    ];
    sql = spellings.length === 1 ? spellings[0] : Prisma.sql`(${Prisma.join(spellings, " || ")})`;
  }
  if (!sql) return null;
  return term.negated ? Prisma.sql`(!! ${sql})` : sql;
}

/**
 * A SQL expression of type tsquery for the parsed search, or null when it has no terms. Stop words
 * alone ("the") give an empty tsquery, which matches nothing, as websearch_to_tsquery's would.
 */
export function searchTsquerySql(query: SearchQuery): Prisma.Sql | null {
  const clauses = query.clauses
    .map((clause) => clause.map(termSql).filter((sql): sql is Prisma.Sql => sql !== null))
    .filter((clause) => clause.length > 0)
    .map((clause) => (clause.length === 1 ? clause[0] : Prisma.sql`(${Prisma.join(clause, " || ")})`));
  if (!clauses.length) return null;
  return clauses.length === 1 ? clauses[0] : Prisma.sql`(${Prisma.join(clauses, " && ")})`;
}

/** A term's words, not their order: a phrase as the AND of its words, less the common ones while a rarer is left. */
function looseTermSql(term: SearchTerm, common: string[]): Prisma.Sql | null {
  if (term.kind === "prefix") {
    const words = foldedWords(term.text);
    if (words.length < 2) return prefixSql(term.text);
    return Prisma.sql`(plainto_tsquery('english', ${words.slice(0, -1).join(" ")}) && to_tsquery('english', ${`${words[words.length - 1]}:*`}))`;
  }
  const spellings = [
    Prisma.sql`search_loose_words(search_fold(${term.text}), ${common}::text[])`,
    ...spellingVariants(term).map((variant) => Prisma.sql`search_loose_words(${variant}, ${common}::text[])`),
  ];
  return spellings.length === 1 ? spellings[0] : Prisma.sql`(${Prisma.join(spellings, " || ")})`;
}

function hasPhrase(term: SearchTerm): boolean {
  return foldedWords(term.text).length > 1 || spellingVariants(term).some((variant) => variant.includes(" "));
}

function positiveClauses(query: SearchQuery): SearchTerm[][] {
  return query.clauses.map((clause) => clause.filter((term) => !term.negated)).filter((c) => c.length);
}

/** Whether the search's wanted terms include a phrase (so it has a loose form, looseTsquerySql). */
export function hasPhrases(query: SearchQuery): boolean {
  return positiveClauses(query).some((clause) => clause.some(hasPhrase));
}

/**
 * The search without word order, and without exclusions: every article the search matches matches this, and
 * the GIN index answers it alone, where a phrase makes it re-read every candidate's vector from TOAST to check
 * positions (~15 us each: 4,500 candidates of a name's ten spellings on 1M articles cost 65 ms). Null when the
 * search has no phrase, so the two are the same. article-sql.ts lets the index find these, in date order, and
 * checks the phrases only on as many as a page needs.
 */
export function looseTsquerySql(query: SearchQuery, common: string[] = []): Prisma.Sql | null {
  if (!hasPhrases(query)) return null;
  const positive = positiveClauses(query);
  const clauses = positive
    .map((clause) => clause.map((term) => looseTermSql(term, common)).filter((sql): sql is Prisma.Sql => sql !== null))
    .filter((clause) => clause.length > 0)
    .map((clause) => (clause.length === 1 ? clause[0] : Prisma.sql`(${Prisma.join(clause, " || ")})`));
  if (!clauses.length) return null;
  return clauses.length === 1 ? clauses[0] : Prisma.sql`(${Prisma.join(clauses, " && ")})`;
}

/**
 * Every word the search looks for, in any of its spellings, as one OR (prefixes kept): what ts_headline needs
 * to pick a passage. Given the search itself, a name the register expands to twenty spellings of phrases, it
 * takes 40 ms a row instead of 0.5 (it tests every phrase on every stretch of text); which words matched as
 * phrases is settled afterwards (phrase-marks.ts). The words are letters and digits only, as for a prefix.
 */
export function passageTsquerySql(query: SearchQuery): Prisma.Sql | null {
  const words = new Set<string>();
  for (const term of query.clauses.flat()) {
    if (term.negated) continue;
    const folded = foldedWords(term.text);
    folded.forEach((word, i) => words.add(term.kind === "prefix" && i === folded.length - 1 ? `${word}:*` : word));
    for (const variant of spellingVariants(term)) for (const word of variant.split(" ")) words.add(word);
  }
  return words.size ? Prisma.sql`to_tsquery('english', ${[...words].join(" | ")})` : null;
}

/** Each clause's own tsquery, exclusions left out: what a relevance score counts matches of. */
export function clauseTsquerySqls(query: SearchQuery): Prisma.Sql[] {
  return query.clauses
    .map((clause) =>
      clause
        .filter((term) => !term.negated)
        .map(termSql)
        .filter((sql): sql is Prisma.Sql => sql !== null),
    )
    .filter((clause) => clause.length > 0)
    .map((clause) => (clause.length === 1 ? clause[0] : Prisma.sql`(${Prisma.join(clause, " || ")})`));
}

/** The search's terms that are only stop words (the search skips them), each once, as written. */
export function stopWordTerms(query: SearchQuery): string[] {
  const found = new Set<string>();
  for (const term of query.clauses.flat()) {
    const words = foldedWords(term.text);
    if (words.length && words.every((word) => ENGLISH_STOP_WORDS.has(word))) found.add(term.text);
  }
  return [...found];
}

/** True when every term the search looks for is a stop word: it can match nothing. */
export function isStopWordsOnly(query: SearchQuery): boolean {
  const positive = query.clauses.flat().filter((term) => !term.negated);
  const skipped = new Set(stopWordTerms(query));
  return positive.length > 0 && positive.every((term) => skipped.has(term.text));
}
