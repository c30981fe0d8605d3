// The search's spelling fold in TypeScript: the same function as the database's search_fold (migration
// 20261203003000_search_variants), which the stored search vector and every query go through, so that
// P'yŏngyang finds Pyongyang, Jong-un finds Jong Un, Hwasong17 finds Hwasong-17 and 김정은 finds 김정은동지께서.
// This copy also keeps, for every character of the folded text, where it came from in the original, so marks
// that PostgreSQL's ts_headline puts into folded text can be put back onto the text as written.
// lib/search/fold.int.test.ts checks that the two functions agree, character for character, on the corpus.

/** Hangul syllables, Kana, CJK ideographs (with extension A and compatibility ideographs). */
export const CJK_RANGES = "\\uac00-\\ud7a3\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff";
export const CJK_CHARACTER = new RegExp(`[${CJK_RANGES}]`, "u");

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
export type Folded = { text: string; origin: Int32Array };

// The fold runs over UTF-16 code units kept as numbers, each step one pass that appends to fresh arrays: the list
// folds up to 50 passages of 3,000 characters per page, and per-character strings, regular expressions and spread
// copies made that ~20 ms of the page's CPU. Every range below is in the Basic Multilingual Plane, so a surrogate
// pair passes through untouched, as it does through the regular expressions above.

/** Code units and their origins; `length` of each array in use. */
type Units = { codes: Uint16Array; origin: Int32Array; length: number };

// Two scratch buffers each pass reads from and writes to in turn, grown as needed: allocating typed arrays for every
// pass cost more than the passes.
const scratch: Units[] = [0, 1].map(() => ({ codes: new Uint16Array(4096), origin: new Int32Array(4096), length: 0 }));
let nextScratch = 0;

function units(capacity: number): Units {
  const buffer = scratch[nextScratch];
  nextScratch = 1 - nextScratch;
  if (buffer.codes.length < capacity) {
    buffer.codes = new Uint16Array(capacity * 2);
    buffer.origin = new Int32Array(capacity * 2);
  }
  buffer.length = 0;
  return buffer;
}

function push(out: Units, code: number, origin: number): void {
  out.codes[out.length] = code;
  out.origin[out.length++] = origin;
}

const isRemoved = (c: number) =>
  (c >= 0x0300 && c <= 0x036f) || c === 0x00ad || (c >= 0x200b && c <= 0x200d) || c === 0x2060 || c === 0xfeff;
const isApostrophe = (c: number) =>
  c === 0x27 || c === 0x60 || c === 0xb4 || c === 0x2bb || c === 0x2bc || c === 0x2018 || c === 0x2019;
const isDash = (c: number) => c === 0x2d || (c >= 0x2010 && c <= 0x2015);
const isAsciiLetter = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isAsciiAlnum = (c: number) => isAsciiLetter(c) || isDigit(c);
const isPunctuation = (c: number) =>
  (c >= 0xa0 && c <= 0xbf) ||
  c === 0xd7 ||
  c === 0xf7 ||
  (c >= 0x2010 && c <= 0x2027) ||
  (c >= 0x2030 && c <= 0x205e) ||
  (c >= 0x3000 && c <= 0x3003) ||
  (c >= 0x3008 && c <= 0x3020) ||
  c === 0x3030 ||
  c === 0x30fb ||
  (c >= 0xff01 && c <= 0xff0f) ||
  (c >= 0xff1a && c <= 0xff20) ||
  (c >= 0xff3b && c <= 0xff40) ||
  (c >= 0xff5b && c <= 0xff65);
const isCjk = (c: number) =>
  (c >= 0xac00 && c <= 0xd7a3) ||
  (c >= 0x3040 && c <= 0x30ff) ||
  (c >= 0x3400 && c <= 0x4dbf) ||
  (c >= 0x4e00 && c <= 0x9fff) ||
  (c >= 0xf900 && c <= 0xfaff);
const SPACE = 0x20;

/** LETTER_TABLE by code unit (every key and value is one unit); 0 where a unit stays as it is. */
const LETTER_CODES = new Uint16Array(0x10000);
for (const [from, to] of LETTER_TABLE) LETTER_CODES[from.charCodeAt(0)] = to.charCodeAt(0);

/**
 * Each maximal run of `inRun` units becomes `replacement` (null: dropped) where `between` holds on both sides, or
 * everywhere when `between` is null. Never longer than its input.
 */
function replaceRuns(
  input: Units,
  inRun: (c: number) => boolean,
  between: ((c: number) => boolean) | null,
  replacement: number | null,
): Units {
  const { codes, origin, length } = input;
  const out = units(length);
  for (let i = 0; i < length;) {
    if (!inRun(codes[i])) {
      push(out, codes[i], origin[i++]);
      continue;
    }
    let end = i + 1;
    while (end < length && inRun(codes[end])) end++;
    if (!between || (i > 0 && end < length && between(codes[i - 1]) && between(codes[end]))) {
      if (replacement !== null) push(out, replacement, origin[i]);
    } else {
      for (let k = i; k < end; k++) push(out, codes[k], origin[k]);
    }
    i = end;
  }
  return out;
}

/** A space where an ASCII letter meets a digit, either way round (at most doubles the text). */
function splitLettersAndDigits(input: Units): Units {
  const { codes, origin, length } = input;
  const out = units(length * 2);
  for (let i = 0; i < length; i++) {
    const c = codes[i];
    push(out, c, origin[i]);
    if (i + 1 < length) {
      const next = codes[i + 1];
      if ((isAsciiLetter(c) && isDigit(next)) || (isDigit(c) && isAsciiLetter(next))) push(out, SPACE, origin[i + 1]);
    }
  }
  return out;
}

/** Overlapping pairs of a run of Hangul, Kana or Han, between spaces: 김정은 -> " 김정 정은 " (at most 3x). */
function pairCjk(input: Units): Units {
  const { codes, origin, length } = input;
  const out = units(length * 3 + 1);
  for (let i = 0; i < length;) {
    if (!isCjk(codes[i])) {
      push(out, codes[i], origin[i++]);
      continue;
    }
    let end = i + 1;
    while (end < length && isCjk(codes[end])) end++;
    push(out, SPACE, origin[i]);
    if (end - i === 1) {
      push(out, codes[i], origin[i]);
      push(out, SPACE, origin[i]);
    }
    for (let k = i; k + 1 < end; k++) {
      push(out, codes[k], origin[k]);
      push(out, codes[k + 1], origin[k + 1]);
      push(out, SPACE, origin[k + 1]);
    }
    i = end;
  }
  return out;
}

function toFolded(state: Units): Folded {
  let text = "";
  for (let i = 0; i < state.length; i += 8192)
    text += String.fromCharCode.apply(null, state.codes.subarray(i, Math.min(i + 8192, state.length)) as never);
  return { text, origin: state.origin.slice(0, state.length) };
}

/** search_fold with the origin of every folded character; `pairs: false` leaves Hangul, Kana and Han unpaired. */
export function foldWithOrigin(input: string, options: { pairs?: boolean } = {}): Folded {
  let state = units(input.length);
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (!isRemoved(c)) push(state, LETTER_CODES[c] || c, i);
  }
  state = replaceRuns(state, isApostrophe, isAsciiLetter, null);
  state = replaceRuns(state, isDash, isAsciiAlnum, SPACE);
  state = replaceRuns(splitLettersAndDigits(state), isPunctuation, null, SPACE);
  if (options.pairs !== false) state = pairCjk(state);
  return toFolded(state);
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
