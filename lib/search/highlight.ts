import { Prisma } from "@/lib/generated/prisma/client";
import { CJK_RANGES, foldedWords, foldWithOrigin, type Folded } from "@/lib/search/fold";

// Search matches in a text, shown on the text as written. The search reads the folded text (fold.ts:
// P'yŏngyang is Pyongyang, 김정은 is 김정 정은), so matches are found in the folded text (phrase-marks.ts, with
// PostgreSQL's own parser and dictionaries, so stemming, prefixes and phrases agree with what matched) and
// carried back onto the original with the fold's map of origins: the reader sees "P'yŏngyang" and
// "김정은동지께서" marked, never the folded forms. The caller gets plain segments and renders them as it likes,
// so no HTML is ever built from article text.
//
// For a list, PostgreSQL picks the passage to show (snippetSql): the excerpt when it matches, else the passage
// of the body's opening around the words that matched, as ts_headline finds it. ts_headline reads the folded
// opening and marks its passage with two control characters that cannot occur in the text (they are stripped
// from it first); the passage is found again in the folded source (placeFragment) and marked afresh.

export type HighlightSegment = { text: string; match: boolean };
/** A passage of a text, in UTF-16 offsets. */
export type HighlightRange = { start: number; end: number };

const START = "\u0002";
const STOP = "\u0003";
const MARKS = /[\u0002\u0003]/g;
/** The two mark characters, for SQL's translate() to take out as withoutMarks does. */
export const MARK_CHARACTERS = START + STOP;

/** The text as highlighting reads it: without the two mark characters. */
export function withoutMarks(text: string): string {
  return text.replace(MARKS, "");
}

/** Where a passage of the folded `source` lies, given the passage (marks or none); null when it is not one. */
export function placeFragment(
  fragment: string,
  source: string,
): { folded: Folded; span: HighlightRange; text: string } | null {
  const text = withoutMarks(fragment);
  const folded = foldWithOrigin(source);
  const start = folded.text.indexOf(text);
  if (start === -1 || !text) return null;
  return { folded, span: { start, end: start + text.length }, text };
}

/** Ranges of folded text as ranges of the original, joined where only a space or a hyphen parts them. */
export function toSourceRanges(source: string, folded: Folded, ranges: HighlightRange[]): HighlightRange[] {
  const joined: HighlightRange[] = [];
  for (const range of ranges) {
    if (range.end <= range.start) continue;
    const start = folded.origin[range.start];
    const end = folded.origin[range.end - 1] + 1;
    const last = joined[joined.length - 1];
    // "Kim Jong-un" reads better as one mark than as three.
    if (last && (start <= last.end || /^[ \t\-\u2010-\u2015]{1,2}$/.test(source.slice(last.end, start))))
      last.end = Math.max(last.end, end);
    else joined.push({ start, end });
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

export function plainSegments(text: string): HighlightSegment[] {
  return text ? [{ text, match: false }] : [];
}

/** How much of a body the snippet search reads: most stories' first mention, at a bounded cost per row. */
export const SNIPPET_SOURCE_CHARS = 3000;
/** Around an anchor (snippetAnchors), the passage is looked for in this much text. */
const ANCHOR_BEFORE = 120;
const ANCHOR_WINDOW = 400;
/**
 * The same for Hangul and Han anchors: a character there is a syllable or a word, and every pair of them a word of
 * the folded text, so 160 characters hold the passage (32 words) several times over at under half the cost.
 */
const DENSE_ANCHOR_BEFORE = 50;
const DENSE_ANCHOR_WINDOW = 160;
/** How much of a body is searched for the anchors. */
const ANCHOR_SEARCH_CHARS = 20_000;
const CJK_RUN = new RegExp(`[${CJK_RANGES}]{2,}`, "g");

const SNIPPET_OPTIONS = `StartSel=${START}, StopSel=${STOP}, MaxFragments=1, MaxWords=32, MinWords=18, FragmentDelimiter=" … "`;

/**
 * Where snippetSql looks for the passage, as one case-insensitive regular expression: the Hangul and Han runs of a
 * search's wanted words as they stand in a text, and, when every term has a word that is neither `common` nor short,
 * the start of each such word at a word's start (its first letters, so that "missiles" finds "missile"). One
 * regexp_instr pass costs a quarter of a strpos per anchor. A term without such a word ("Kim Jong Un" where "kim" and
 * "jong" are common) could match anywhere, so then only the Hangul and Han runs anchor. Searching 400 characters
 * around the first anchor instead of the body's first 3,000 makes the fold and ts_headline several times cheaper; a
 * body with none is searched from its start, and so is one whose window shows no match.
 * `complete`: every term has an anchor, so a text holding none of them cannot match (the excerpt is then not folded).
 */
export type SnippetAnchors = {
  pattern: string | null;
  complete: boolean;
  /** Every anchor is Hangul or Han (the window around it is shorter). */
  dense?: boolean;
};

export function snippetAnchors(texts: string[], common: string[] = []): SnippetAnchors {
  const skip = new Set(common);
  const terms = texts.map((text) => ({
    cjk: text.match(CJK_RUN) ?? [],
    latin: foldedWords(text.replace(CJK_RUN, " ")).filter((word) => word.length >= 3 && !skip.has(word)),
  }));
  const complete = terms.length > 0 && terms.every((term) => term.cjk.length > 0 || term.latin.length > 0);
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const cjk = [...new Set(terms.flatMap((term) => term.cjk))].map(escape);
  const latin = complete
    ? [...new Set(terms.flatMap((term) => term.latin).map((word) => word.slice(0, Math.max(4, word.length - 2))))].map(
        escape,
      )
    : [];
  const parts = [...(latin.length ? [`(?:^|[^[:alnum:]])(?:${latin.join("|")})`] : []), ...cjk];
  return {
    pattern: parts.length ? parts.join("|") : null,
    complete,
    ...(cjk.length && !latin.length ? { dense: true } : {}),
  };
}

/**
 * A search result's snippet, as an array of two texts: the passage to show, folded, and the text it is a
 * passage of, with the search's matches still to mark (placeFragment, phrase-marks.ts). The stored excerpt when it
 * matches (cheap: the excerpt is short); otherwise the passage of the body's opening around the words that
 * matched (ts_headline re-parses the text, ~0.3 ms per row for 3,000 characters, so only rows that need it
 * pay); failing both, the excerpt. `passageQuery` (passageTsquerySql) is what ts_headline looks for: the
 * search's words in one OR, far cheaper for it than the search's phrases.
 */
export function snippetSql(
  body: Prisma.Sql,
  excerpt: Prisma.Sql,
  /** The excerpt's search vector (article_openings.opening, or article_opening_vector of the excerpt). */
  openingVector: Prisma.Sql,
  tsquery: Prisma.Sql,
  passageQuery: Prisma.Sql = tsquery,
  { pattern, complete, dense }: SnippetAnchors = { pattern: null, complete: false },
): Prisma.Sql {
  const clean = (text: Prisma.Sql) => Prisma.sql`translate(${text}, ${START + STOP}, '')`;
  // Folding and ts_headline cost by the character (2.5 ms a row for 3,000 characters of Korean, whose Hangul folds
  // into overlapping pairs; ~0.6 ms for English against a name's ten spellings): the passage is looked for only
  // around the first anchor the body holds.
  const opening = Prisma.sql`left(${body}, ${SNIPPET_SOURCE_CHARS}::int)`;
  // An excerpt holding no anchor of a search whose every term has one cannot match: it is not folded (0.3 ms a row
  // for Korean). Unfolded, it is shown unmarked, as an excerpt that does not match is.
  const excerptMayMatch =
    complete && pattern ? Prisma.sql`regexp_instr(s.source, ${pattern}, 1, 1, 0, 'i') > 0` : Prisma.sql`TRUE`;
  // OFFSET 0 keeps each inner result computed once: flattened, the planner would fold and headline the same
  // text again at every reference.
  const headline = (source: Prisma.Sql, otherwise: Prisma.Sql) =>
    Prisma.sql`(SELECT CASE WHEN strpos(f.h, ${START}) > 0 THEN json_build_array(f.h, f.source) ELSE ${otherwise} END
            FROM (SELECT ts_headline('english', search_fold(o.source), ${passageQuery}, ${SNIPPET_OPTIONS}) AS h, o.source
                  FROM (SELECT ${clean(source)} AS source OFFSET 0) o OFFSET 0) f)`;
  const plain = Prisma.sql`json_build_array(coalesce(e.folded, e.source), e.source)`;
  // Around the first anchor; a body without one from its opening. An anchor can stand where the search does not
  // match (a word's start inside another word): the opening then too. CASE runs only the branch it takes.
  // The body is read once (p.body) for the anchor and the passage: each mention of the column would fetch it from
  // TOAST and decompress it again.
  const bodyOpening = Prisma.sql`left(p.body, ${SNIPPET_SOURCE_CHARS}::int)`;
  const passage = pattern
    ? Prisma.sql`(SELECT CASE WHEN p.at > 0
          THEN ${headline(
            Prisma.sql`substr(p.body, greatest(1, p.at - ${dense ? DENSE_ANCHOR_BEFORE : ANCHOR_BEFORE}::int), ${dense ? DENSE_ANCHOR_WINDOW : ANCHOR_WINDOW}::int)`,
            headline(bodyOpening, plain),
          )}
          ELSE ${headline(bodyOpening, plain)} END
        FROM (SELECT b.body, regexp_instr(b.body, ${pattern}, 1, 1, 0, 'i') AS at
              FROM (SELECT left(${body}, ${ANCHOR_SEARCH_CHARS}::int) AS body OFFSET 0) b OFFSET 0) p)`
    : headline(opening, plain);
  return Prisma.sql`(SELECT CASE WHEN e.matches THEN json_build_array(e.folded, e.source)
      ELSE ${passage} END
    FROM (SELECT x.source, x.folded,
                 x.folded IS NOT NULL AND coalesce(${openingVector} @@ ${tsquery}, false) AS matches
          FROM (SELECT s.source, CASE WHEN ${excerptMayMatch} THEN search_fold(s.source) END AS folded
                FROM (SELECT ${clean(excerpt)} AS source OFFSET 0) s OFFSET 0) x
          OFFSET 0) e)`;
}
