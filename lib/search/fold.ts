// The search's spelling fold in TypeScript: the same function as the database's search_fold (migration
// 20261203003000_search_variants), which the stored search vector and every query go through, so that
// P'yŏngyang finds Pyongyang, Jong-un finds Jong Un, Hwasong17 finds Hwasong-17 and 김정은 finds 김정은동지께서.
// This copy also keeps, for every character of the folded text, where it came from in the original, so marks
// that PostgreSQL's ts_headline puts into folded text can be put back onto the text as written.
// lib/search/fold.int.test.ts checks that the two functions agree, character for character, on the corpus.

/** Hangul syllables, Kana, CJK ideographs (with extension A and compatibility ideographs). */
export const CJK_RANGES = "\\uac00-\\ud7a3\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff";
const CJK_RUN = new RegExp(`[${CJK_RANGES}]+`, "gu");
export const CJK_CHARACTER = new RegExp(`[${CJK_RANGES}]`, "u");

const REMOVED = /[\u0300-\u036f\u00ad\u200b-\u200d\u2060\ufeff]/u;
const APOSTROPHES = /[\u0027\u0060\u00b4\u02bb\u02bc\u2018\u2019]+/gu;
const DASHES = /[-\u2010-\u2015]+/gu;
const PUNCTUATION =
  /[\u00a0-\u00bf\u00d7\u00f7\u2010-\u2027\u2030-\u205e\u3000-\u3003\u3008-\u3020\u3030\u30fb\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]+/gu;
const ASCII_LETTER = /[A-Za-z]/;
const ASCII_ALNUM = /[A-Za-z0-9]/;
const DIGIT = /[0-9]/;

/** Latin letters with marks (Latin-1 to Latin Extended Additional) and full-width letters and digits, to ASCII. */
function buildLetterTable(): Map<string, string> {
  const table = new Map<string, string>();
  for (const [low, high] of [
    [0x00c0, 0x024f],
    [0x1e00, 0x1eff],
  ]) {
    for (let code = low; code <= high; code++) {
      const letter = String.fromCharCode(code);
      const decomposed = letter.normalize("NFD");
      if (/^[A-Za-z][\u0300-\u036f]+$/.test(decomposed)) table.set(letter, decomposed[0]);
    }
  }
  // Letters with a stroke have no decomposition, but readers take them for the bare letter all the same.
  for (const [from, to] of ["Øø", "Oo", "Đđ", "Dd", "Łł", "Ll", "Ħħ", "Hh"].reduce<[string, string][]>(
    (pairs, value, index, all) => (index % 2 ? pairs : [...pairs, [value, all[index + 1]]]),
    [],
  )) {
    for (let i = 0; i < from.length; i++) table.set(from[i], to[i]);
  }
  table.set("ı", "i");
  for (const [low, high] of [
    [0xff10, 0xff19],
    [0xff21, 0xff3a],
    [0xff41, 0xff5a],
  ]) {
    for (let code = low; code <= high; code++) table.set(String.fromCharCode(code), String.fromCharCode(code - 0xfee0));
  }
  return table;
}

export const LETTER_TABLE = buildLetterTable();

/** Folded text, and for each of its UTF-16 units the index of the unit of the original it stands for. */
export type Folded = { text: string; origin: number[] };

type Piece = { text: string; origin: number[] };

/** Rewrites each match of `pattern` with `replace`; unmatched text keeps its origins. */
function rewrite(input: Folded, pattern: RegExp, replace: (match: RegExpExecArray, origin: number[]) => Piece): Folded {
  let text = "";
  const origin: number[] = [];
  let last = 0;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(input.text); match; match = pattern.exec(input.text)) {
    text += input.text.slice(last, match.index);
    origin.push(...input.origin.slice(last, match.index));
    const piece = replace(match, input.origin.slice(match.index, match.index + match[0].length));
    text += piece.text;
    origin.push(...piece.origin);
    last = match.index + match[0].length;
  }
  text += input.text.slice(last);
  origin.push(...input.origin.slice(last));
  return { text, origin };
}

const keep = (match: RegExpExecArray, origin: number[]): Piece => ({ text: match[0], origin });

/** Replaces each run matched by `pattern` with one space (or nothing) where `between` holds on both sides. */
function betweenOnly(input: Folded, pattern: RegExp, between: RegExp, replacement: "" | " "): Folded {
  return rewrite(input, pattern, (match, origin) => {
    const before = input.text[match.index - 1];
    const after = input.text[match.index + match[0].length];
    if (!before || !after || !between.test(before) || !between.test(after)) return keep(match, origin);
    return replacement ? { text: " ", origin: [origin[0]] } : { text: "", origin: [] };
  });
}

/** Overlapping pairs of a run of Hangul, Kana or Han, between spaces: 김정은 -> " 김정 정은 ". */
function pairCjk(input: Folded): Folded {
  return rewrite(input, CJK_RUN, (match, origin) => {
    const chars = match[0];
    if (chars.length === 1) return { text: ` ${chars} `, origin: [origin[0], origin[0], origin[0]] };
    let text = " ";
    const pieceOrigin = [origin[0]];
    for (let i = 0; i + 1 < chars.length; i++) {
      text += `${chars[i]}${chars[i + 1]} `;
      pieceOrigin.push(origin[i], origin[i + 1], origin[i + 1]);
    }
    return { text, origin: pieceOrigin };
  });
}

/** search_fold with the origin of every folded character; `pairs: false` leaves Hangul, Kana and Han unpaired. */
export function foldWithOrigin(input: string, options: { pairs?: boolean } = {}): Folded {
  let state: Folded = { text: "", origin: [] };
  for (let i = 0; i < input.length; i++) {
    const char = input[i];
    if (REMOVED.test(char)) continue;
    state.text += LETTER_TABLE.get(char) ?? char;
    state.origin.push(i);
  }
  state = betweenOnly(state, APOSTROPHES, ASCII_LETTER, "");
  state = betweenOnly(state, DASHES, ASCII_ALNUM, " ");
  // A space where an ASCII letter meets a digit, either way round.
  let split = "";
  const splitOrigin: number[] = [];
  for (let i = 0; i < state.text.length; i++) {
    const char = state.text[i];
    const next = state.text[i + 1];
    split += char;
    splitOrigin.push(state.origin[i]);
    if (
      next !== undefined &&
      ((ASCII_LETTER.test(char) && DIGIT.test(next)) || (DIGIT.test(char) && ASCII_LETTER.test(next)))
    ) {
      split += " ";
      splitOrigin.push(state.origin[i + 1]);
    }
  }
  state = { text: split, origin: splitOrigin };
  state = rewrite(state, PUNCTUATION, (_match, origin) => ({ text: " ", origin: [origin[0]] }));
  return options.pairs === false ? state : pairCjk(state);
}

/** search_fold: the text as the search vector reads it. */
export function fold(input: string): string {
  return foldWithOrigin(input).text;
}

/** The folded text's words, lower-cased, split where PostgreSQL's parser would split plain words. */
export function foldedWords(input: string): string[] {
  return fold(input)
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}
