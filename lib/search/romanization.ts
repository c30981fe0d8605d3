// Korean names written in the Latin alphabet come spaced, hyphenated or joined: Kim Jong Un, Kim Jong-un,
// Kim Jongun; Choe Ryong Hae, Choe Ryonghae. The fold (fold.ts) already makes the first two the same words;
// this module gives the third: a phrase of romanised syllables is also searched joined, and a capitalised word
// that reads as two syllables is also searched split. A syllable is an initial, a vowel and a final as
// KCNA, McCune-Reischauer without its marks (ŏ, ŭ fold to o, u) and the Revised Romanization write them.

const INITIALS = [
  "",
  "g",
  "k",
  "kk",
  "gg",
  "n",
  "d",
  "t",
  "tt",
  "dd",
  "r",
  "l",
  "m",
  "b",
  "p",
  "pp",
  "bb",
  "s",
  "ss",
].concat(["sh", "j", "ch", "jj", "tch", "h", "th", "ph", "kh"]);
const VOWELS = ["a", "ae", "ya", "yae", "eo", "o", "e", "ye", "yeo", "yo", "wa", "wae", "oe", "u", "wo", "weo"].concat([
  "we",
  "wi",
  "yu",
  "eu",
  "ui",
  "i",
]);
const FINALS = ["", "k", "g", "n", "l", "r", "m", "b", "p", "t", "s", "ng"];

const SYLLABLES = new Set(
  INITIALS.flatMap((initial) => VOWELS.flatMap((vowel) => FINALS.map((final) => `${initial}${vowel}${final}`))),
);
const LONGEST_SYLLABLE = Math.max(...[...SYLLABLES].map((syllable) => syllable.length));

export function isSyllable(word: string): boolean {
  return SYLLABLES.has(word.toLowerCase());
}

/** Joined forms of a phrase of syllables: the last two joined (Kim Jong Un -> Kim Jongun); none for others. */
export function joinedVariants(words: string[]): string[][] {
  if (words.length < 2 || words.length > 3 || !words.every(isSyllable)) return [];
  const head = words.slice(0, -2);
  return [[...head, `${words[words.length - 2]}${words[words.length - 1]}`]];
}

/** Every way to read `word` as exactly `count` syllables. */
function segmentations(word: string, count: number): string[][] {
  if (count === 0) return word ? [] : [[]];
  const found: string[][] = [];
  for (let length = 1; length <= Math.min(LONGEST_SYLLABLE, word.length); length++) {
    const head = word.slice(0, length);
    if (!SYLLABLES.has(head)) continue;
    for (const rest of segmentations(word.slice(length), count - 1)) found.push([head, ...rest]);
  }
  return found;
}

const MAX_SPLITS = 2;

/**
 * A capitalised word of Latin letters that reads as a two-syllable given name (Jongun, Ryonghae) as the
 * syllables written apart (Jong Un, Ryong Hae); at most MAX_SPLITS readings, fewest one-letter syllables first.
 * Lower-case words are left alone: "change" reads as chan-ge, and nobody means that.
 */
export function splitVariants(word: string): string[][] {
  if (!/^[A-Z][a-z]{4,}$/.test(word)) return [];
  const lower = word.toLowerCase();
  return segmentations(lower, 2)
    .sort((a, b) => Math.abs(a[0].length - a[1].length) - Math.abs(b[0].length - b[1].length))
    .slice(0, MAX_SPLITS);
}
