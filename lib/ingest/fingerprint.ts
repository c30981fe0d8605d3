import { createHash } from "node:crypto";

// Identity of a story's text: an exact fingerprint (same words, whatever the typography) and a SimHash
// for near copies (a re-run with a corrected word, a story republished by another outlet).

/** KCNA's end-of-story mark, " -0-", which one outlet prints and another does not. */
const END_MARK = /(^|\s)-0-(?=\s|$)/g;
/** Everything but letters, combining marks, digits and spaces: quotes, dashes, full stops, mis-decoded U+FFFD. */
const PUNCTUATION = /[^\p{L}\p{M}\p{N}\s]+/gu;

/** NFKC, lower case, no end mark, punctuation turned to spaces, whitespace collapsed. */
export function normalizeText(s: string): string {
  return s.normalize("NFKC").toLowerCase().replace(END_MARK, " ").replace(PUNCTUATION, " ").replace(/\s+/g, " ").trim();
}

/** sha256 (hex) of the normalized title and body: the same story stored twice has the same fingerprint. */
export function fingerprintArticle(article: { title: string; body: string }): string {
  return createHash("sha256")
    .update(`${normalizeText(article.title)}\n${normalizeText(article.body)}`)
    .digest("hex");
}

// 64-bit arithmetic on [high, low] pairs of unsigned 32-bit numbers: a BigInt per byte costs ten times as much.

/** The low 64 bits of a * b. */
function multiply64(ah: number, al: number, bh: number, bl: number): [number, number] {
  const a0 = al & 0xffff;
  const a1 = al >>> 16;
  const b0 = bl & 0xffff;
  const b1 = bl >>> 16;
  const p00 = a0 * b0;
  const p01 = a0 * b1;
  const p10 = a1 * b0;
  const middle = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  const low = (((middle & 0xffff) << 16) | (p00 & 0xffff)) >>> 0;
  const carry = a1 * b1 + (p01 >>> 16) + (p10 >>> 16) + (middle >>> 16);
  return [(carry + Math.imul(ah, bl) + Math.imul(al, bh)) >>> 0, low];
}

/**
 * FNV-1a (64-bit) over bytes[start, end), then MurmurHash3's fmix64 finalizer: FNV alone leaves its
 * output bits correlated for inputs that differ in the last bytes, which would bias SimHash's bit votes.
 */
function hash64(bytes: Uint8Array, start: number, end: number): [number, number] {
  let high = 0xcbf29ce4;
  let low = 0x84222325;
  for (let i = start; i < end; i++) {
    low ^= bytes[i];
    // times the FNV prime 2^40 + 0x1b3
    const product = (low >>> 0) * 0x1b3;
    high = (Math.imul(high, 0x1b3) + Math.imul(low, 0x100) + Math.floor(product / 0x1_0000_0000)) >>> 0;
    low = product >>> 0;
  }
  low = (low ^ (high >>> 1)) >>> 0;
  [high, low] = multiply64(high, low, 0xff51afd7, 0xed558ccd);
  low = (low ^ (high >>> 1)) >>> 0;
  [high, low] = multiply64(high, low, 0xc4ceb9fe, 0x1a85ec53);
  low = (low ^ (high >>> 1)) >>> 0;
  return [high, low];
}

const encoder = new TextEncoder();

/**
 * 64-bit SimHash of the normalized text's word 3-shingles (a text under three words is one shingle).
 * Signed, so it fits PostgreSQL's BIGINT; 0n for a text without words.
 */
export function simhash64(text: string): bigint {
  const bytes = encoder.encode(normalizeText(text));
  if (bytes.length === 0) return 0n;
  // normalizeText leaves single spaces between words, and 0x20 never occurs inside a multi-byte UTF-8 sequence.
  const starts = [0];
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x20) starts.push(i + 1);
  const ends = [...starts.slice(1).map((start) => start - 1), bytes.length];
  const shingles = Math.max(starts.length - 2, 1);
  const votes = new Int32Array(64);
  for (let i = 0; i < shingles; i++) {
    const [high, low] = hash64(bytes, starts[i], ends[Math.min(i + 2, ends.length - 1)]);
    for (let bit = 0; bit < 32; bit++) {
      votes[bit] += (low >>> bit) & 1 ? 1 : -1;
      votes[bit + 32] += (high >>> bit) & 1 ? 1 : -1;
    }
  }
  let result = 0n;
  for (let bit = 63; bit >= 0; bit--) result = (result << 1n) | (votes[bit] > 0 ? 1n : 0n);
  return BigInt.asIntN(64, result);
}

/** Number of differing bits between two 64-bit hashes (signed or not). */
export function hammingDistance(a: bigint, b: bigint): number {
  let rest = BigInt.asUintN(64, a ^ b);
  let count = 0;
  while (rest) {
    rest &= rest - 1n;
    count++;
  }
  return count;
}

// "Pyongyang, June 10 (KCNA) -- " and its older misspellings: "march 14", "February, 18", "Kune 6",
// "August (KCNA) 16", "March 9(KCNA)-". A day or a month must come just before the agency, so
// "The Korean Central News Agency (KCNA) says" stays.
const DATELINE =
  /^[^()\n]{0,40}?(?:\d{1,2}|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?),?\s*\(KCNA\)\)?\s*(?:\d{1,2}\s*)?(?:--|[-–—?])?\s*/i;
const SENTENCE_END = /[.!?]["'”’)]*\s+(?=["'“‘(]?[A-Z0-9])/g;
// A full stop after these is not the end of a sentence ("U.S. President", "Mr. Kim", "Jan. 5").
const ABBREVIATION =
  /(?:^|[\s("'“])(?:[A-Za-z]|U\.S|U\.N|D\.P\.R\.K|Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Sgt|St|Mt|No|Nos|Co|Inc|Ltd|Jr|Sr|Rev|Gov|Sen|Rep|vs|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)$/;

/**
 * The body's paragraphs, the first without its dateline, and the dateline itself ("Pyongyang, June 10 (KCNA) --");
 * a headline the body repeats on its first line, before the dateline, is dropped.
 */
export function splitDateline(body: string): { dateline: string | null; paragraphs: string[] } {
  const paragraphs = body
    .split("\n")
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);
  const [first = "", second = ""] = paragraphs;
  const rest = (line: string, after: string[]) => [line.replace(DATELINE, ""), ...after].filter(Boolean);
  if (DATELINE.test(first))
    return { dateline: DATELINE.exec(first)![0].trim(), paragraphs: rest(first, paragraphs.slice(1)) };
  if (first.length <= 200 && !/[.!?"”]$/.test(first) && DATELINE.test(second)) {
    return { dateline: DATELINE.exec(second)![0].trim(), paragraphs: rest(second, paragraphs.slice(2)) };
  }
  return { dateline: null, paragraphs };
}

/** Sentences of a text, not cut after abbreviations ("U.S.", "Mr.", "Jan."). */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  for (const match of text.matchAll(SENTENCE_END)) {
    const stop = match.index + match[0].trimEnd().length;
    const beforeStop = text.slice(start, match.index);
    if (match[0][0] === "." && ABBREVIATION.test(beforeStop)) continue;
    sentences.push(text.slice(start, stop));
    start = match.index + match[0].length;
  }
  if (start < text.length) sentences.push(text.slice(start));
  return sentences;
}

function cutAtWord(text: string, max: number): string {
  const room = text.slice(0, max - 1);
  const lastSpace = room.lastIndexOf(" ");
  const cut = lastSpace > 0 ? room.slice(0, lastSpace) : room;
  return `${cut.replace(/[\s,;:(\-–—]+$/, "")}…`;
}

/**
 * The opening sentences, at most `max` characters, for lists: without the dateline, whole sentences
 * where they fit, and a sentence cut at a word boundary with "…" when whole ones would leave it too short.
 */
export function makeExcerpt(body: string, max = 280): string {
  const text = splitDateline(body).paragraphs.join(" ").replace(/\s+/g, " ").trim();
  if (text.length <= max) return text;
  let excerpt = "";
  for (const sentence of splitSentences(text)) {
    const next = excerpt ? `${excerpt} ${sentence}` : sentence;
    if (next.length <= max) {
      excerpt = next;
      continue;
    }
    if (excerpt.length < max / 2) excerpt = cutAtWord(next, max);
    break;
  }
  return excerpt;
}
