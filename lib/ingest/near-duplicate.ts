import { normalizeText } from "@/lib/ingest/fingerprint";

// When two different texts are the same story: a SimHash pre-filter (cheap, runs in SQL over a date window)
// confirmed by the Jaccard similarity of the texts' word pairs (exact, runs on the few candidates).
//
// Thresholds, measured on the 11,855-article corpus (three random one-word edits per story, end mark dropped,
// against all 200,600 pairs of different stories published within 3 days of each other):
// - SimHash distance of an edited copy: median 4 / p99 11 bits for bodies of 1,200+ characters, 7 / 14 for
//   600-1,200, 10 / 17 for 300-600, 14 / 24 under 300. Different stories: 0.05% of pairs at 14 bits or less,
//   but those are same-event pairs (greetings, "X meets delegation"), so the distance alone would merge them.
// - Word-pair Jaccard of an edited copy: p1 0.93 (1,200+), 0.87 (600-1,200), 0.77 (300-600). Pairs of
//   different stories within 14 bits reach at most 0.75; those above 0.8 were the same text under two
//   titles or a lightly rewritten re-run (1998 "Heavy damage from rain-storm", 0.90).
// So: at most 14 bits AND Jaccard >= 0.8, for texts of at least 50 words. Shorter texts are formulaic
// (greetings, arrivals) and one edit moves them further than unrelated stories sit: they match exactly or not at all.

export const NEAR_DUPLICATE_MAX_DISTANCE = 14;
export const NEAR_DUPLICATE_MIN_SIMILARITY = 0.8;
export const NEAR_DUPLICATE_MIN_WORDS = 50;
/** Re-runs follow the original within days; a wider window only finds more look-alikes. */
export const NEAR_DUPLICATE_WINDOW_DAYS = 3;

/** A SimHash as two unsigned 32-bit halves: counting bits of a BigInt is ten times slower. */
export type SimhashHalves = readonly [high: number, low: number];

export function splitSimhash(simhash: bigint): SimhashHalves {
  const unsigned = BigInt.asUintN(64, simhash);
  return [Number(unsigned >> 32n), Number(unsigned & 0xffffffffn)];
}

function bitCount32(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

export function simhashDistance(a: SimhashHalves, b: SimhashHalves): number {
  return bitCount32((a[0] ^ b[0]) >>> 0) + bitCount32((a[1] ^ b[1]) >>> 0);
}

/** The normalized words of a text (the form fingerprints and SimHashes see). */
export function textWords(text: string): string[] {
  const normalized = normalizeText(text);
  return normalized ? normalized.split(" ") : [];
}

/** Word pairs; a one-word text is its one word. */
export function wordPairs(words: readonly string[]): Set<string> {
  if (words.length < 2) return new Set(words);
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < words.length; i++) pairs.add(`${words[i]} ${words[i + 1]}`);
  return pairs;
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const item of small) if (large.has(item)) shared++;
  return shared / (a.size + b.size - shared);
}
