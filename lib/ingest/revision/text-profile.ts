import { splitDateline, splitSentences } from "@/lib/ingest/fingerprint";

// What the revision check reads of one text, computed once per item: its words sentence by sentence, the
// words it writes as names (capitalised inside a sentence) or numbers, and the date of its dateline.
// A formulaic KCNA story differs from its sibling of the same day almost only in those names and numbers,
// while an edit rewords common words and keeps them, so they are kept apart from the other words.

export type Sentence = {
  words: string[];
  /** The normalized sentence, for exact matching. */
  key: string;
};

export type TextProfile = {
  titleWords: string[];
  /** Title words that are names whatever the title's capitalisation: acronyms ("DPRK", "FM") and numbers. */
  titleNames: Set<string>;
  /** "jun 10" from "Pyongyang, June 10 (KCNA) --", or null without a dateline. */
  datelineDay: string | null;
  sentences: Sentence[];
  wordCount: number;
  /** Lower-cased words written as names (capitalised inside a sentence) or containing a digit. */
  names: Set<string>;
  /** Word pairs of the whole body, for the cheap first look. */
  pairs: Set<string>;
};

// Capitalised inside a sentence for another reason: quoted Title Case titles ("Let Us Make Our Country ...").
const FUNCTION_WORDS = new Set(
  "a an and as at be by for from in into is it its of on or our the their this to us we with let".split(" "),
);
const MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split(" ");
const DATELINE_DAY =
  /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s*(\d{1,2})\b|\b(\d{1,2})\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i;

/** KCNA's end-of-story mark, which one outlet prints and another does not. */
const END_MARK = /(^|\s)-0-(?=\s|$)/g;
const DIGIT_LETTER = /(\p{N})(?=\p{L})|(\p{L})(?=\p{N})/gu;
const NOT_WORD = /[^\p{L}\p{M}\p{N}]+/u;

/** The words of a text as normalizeText makes them, with digits split from letters ("240mm" is "240 mm"). */
function rawTokens(text: string): string[] {
  return text.normalize("NFKC").replace(END_MARK, " ").replace(DIGIT_LETTER, "$1$2 ").split(NOT_WORD).filter(Boolean);
}

export function revisionWords(text: string): string[] {
  return rawTokens(text).map((token) => token.toLowerCase());
}

function datelineDay(dateline: string | null): string | null {
  const match = dateline ? DATELINE_DAY.exec(dateline) : null;
  if (!match) return null;
  const month = (match[1] ?? match[4]).toLowerCase();
  return MONTHS.includes(month) ? `${month} ${Number(match[2] ?? match[3])}` : null;
}

export function profileText(title: string, body: string): TextProfile {
  const { dateline, paragraphs } = splitDateline(body);
  const sentences: Sentence[] = [];
  const names = new Set<string>();
  const pairs = new Set<string>();
  let previous: string | null = null;
  for (const paragraph of paragraphs) {
    for (const text of splitSentences(paragraph.replace(/\s+/g, " "))) {
      const tokens = rawTokens(text);
      if (tokens.length === 0) continue;
      const words = tokens.map((token, position) => {
        const word = token.toLowerCase();
        if (/\p{N}/u.test(token)) names.add(word);
        else if (position > 0 && token.length > 1 && /^\p{Lu}/u.test(token) && !FUNCTION_WORDS.has(word))
          names.add(word);
        if (previous !== null) pairs.add(`${previous} ${word}`);
        previous = word;
        return word;
      });
      sentences.push({ words, key: words.join(" ") });
    }
  }
  return {
    titleWords: revisionWords(title),
    titleNames: new Set(
      rawTokens(title)
        .filter((token) => /\p{N}/u.test(token) || (token.length > 1 && token === token.toUpperCase()))
        .map((token) => token.toLowerCase()),
    ),
    datelineDay: datelineDay(dateline),
    sentences,
    wordCount: sentences.reduce((sum, sentence) => sum + sentence.words.length, 0),
    names,
    pairs,
  };
}
