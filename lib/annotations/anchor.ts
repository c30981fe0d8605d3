import { ANNOTATION_CONTEXT_CHARS } from "@/lib/constants";
// Finding an annotation's passage in an article's plain text again, after a reload or after the text
// changed (a feed sends a corrected version, whitespace is rewrapped). The order is the one Hypothesis
// and the W3C selectors suggest: trust the stored position if the quote is still there; else search the
// quote and pick the occurrence whose surrounding text matches the stored prefix and suffix best; else
// match while ignoring case, punctuation and whitespace, and then allow a few edits. Null means the passage
// is gone: the UI shows the note as orphaned rather than pinning it to the wrong words.
//
// Pure: no database, no DOM. Offsets are UTF-16 code units into the text, as String.prototype.slice uses.

export type PassageSelector = {
  /** TextQuoteSelector */
  exact: string;
  prefix?: string | null;
  suffix?: string | null;
  /** TextPositionSelector: start inclusive, end exclusive. */
  start?: number | null;
  end?: number | null;
};

export type AnchorMethod = "position" | "quote" | "normalized" | "fuzzy";

export type Anchor = { start: number; end: number; method: AnchorMethod };

/** Characters of context kept on each side of a quote. */
export const CONTEXT_CHARS = ANNOTATION_CONTEXT_CHARS;

/** Above this many cell updates (text length x quote length) the edit-tolerant pass is skipped. */
const MAX_FUZZY_CELLS = 25_000_000;
/** One edit allowed per this many characters of the (normalised) quote; shorter quotes need an exact match. */
const CHARS_PER_EDIT = 10;
/**
 * An edit-tolerant match must also agree with this many characters of the stored context: "9-axis launcher"
 * deleted should not re-anchor on "nine-axis launcher" two paragraphs down.
 */
const FUZZY_CONTEXT_CHARS = 8;
const MAX_OCCURRENCES = 1_000;

export type DescribedPassage = { exact: string; prefix: string; suffix: string; start: number; end: number };

/** The selector of text.slice(start, end), with up to CONTEXT_CHARS of context on each side. */
export function describePassage(text: string, start: number, end: number): DescribedPassage {
  return {
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - CONTEXT_CHARS), start),
    suffix: text.slice(end, end + CONTEXT_CHARS),
    start,
    end,
  };
}

export function anchorAnnotation(text: string, selector: PassageSelector): Anchor | null {
  const { exact } = selector;
  if (!exact) return null;
  const { start, end } = selector;
  if (start != null && end != null && end - start === exact.length && text.slice(start, end) === exact) {
    return { start, end, method: "position" };
  }
  const occurrences = findAll(text, exact);
  if (occurrences.length) {
    const { best } = pickBest(
      text,
      selector,
      occurrences.map((at) => ({ start: at, end: at + exact.length, distance: 0 })),
    );
    return { start: best.start, end: best.end, method: "quote" };
  }
  return anchorLoosely(text, selector);
}

function findAll(text: string, needle: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(needle); at !== -1 && found.length < MAX_OCCURRENCES; at = text.indexOf(needle, at + 1))
    found.push(at);
  return found;
}

function commonSuffixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function commonPrefixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

type Candidate = { start: number; end: number; distance: number };

/**
 * Fewest edits first, then the most context matching on both sides, then the nearest to the stored
 * position (a quote that appears twice with the same context stays where it was).
 */
function pickBest(
  text: string,
  selector: PassageSelector,
  candidates: Candidate[],
): { best: Candidate; contextScore: number } {
  const prefix = normalize(selector.prefix ?? "").chars;
  const suffix = normalize(selector.suffix ?? "").chars;
  const score = (candidate: Candidate) => {
    const before = normalize(text.slice(Math.max(0, candidate.start - CONTEXT_CHARS * 2), candidate.start)).chars;
    const after = normalize(text.slice(candidate.end, candidate.end + CONTEXT_CHARS * 2)).chars;
    return (
      commonSuffixLength(before.trimEnd(), prefix.trimEnd()) + commonPrefixLength(after.trimStart(), suffix.trimStart())
    );
  };
  const expected = selector.start ?? 0;
  let best = candidates[0];
  let bestScore = score(best);
  for (const candidate of candidates.slice(1)) {
    const candidateScore = score(candidate);
    const better =
      candidate.distance < best.distance ||
      (candidate.distance === best.distance &&
        (candidateScore > bestScore ||
          (candidateScore === bestScore && Math.abs(candidate.start - expected) < Math.abs(best.start - expected))));
    if (better) {
      best = candidate;
      bestScore = candidateScore;
    }
  }
  return { best, contextScore: bestScore };
}

type Normalized = { chars: string; map: number[] };

/** Lower case, punctuation read as space, whitespace runs as one space; map[i] = index in the original. */
function normalize(text: string): Normalized {
  let chars = "";
  const map: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (/[\s\p{P}]/u.test(char)) {
      if (chars.length && chars[chars.length - 1] !== " ") {
        chars += " ";
        map.push(i);
      }
      continue;
    }
    for (const lower of char.toLowerCase()) {
      chars += lower;
      map.push(i);
    }
  }
  return { chars, map };
}

function anchorLoosely(text: string, selector: PassageSelector): Anchor | null {
  const haystack = normalize(text);
  const needle = normalize(selector.exact).chars.trim();
  if (!needle) return null;
  const toOriginal = (candidate: Candidate): Candidate => ({
    start: haystack.map[candidate.start],
    end: haystack.map[candidate.end - 1] + 1,
    distance: candidate.distance,
  });

  const exactMatches = findAll(haystack.chars, needle).map((at) =>
    toOriginal({ start: at, end: at + needle.length, distance: 0 }),
  );
  if (exactMatches.length) {
    const { best } = pickBest(text, selector, exactMatches);
    return { start: best.start, end: best.end, method: "normalized" };
  }

  const maxEdits = Math.floor(needle.length / CHARS_PER_EDIT);
  if (maxEdits === 0 || haystack.chars.length * needle.length > MAX_FUZZY_CELLS) return null;
  const matches = approximateMatches(haystack.chars, needle, maxEdits).map(toOriginal);
  if (!matches.length) return null;
  const { best, contextScore } = pickBest(text, selector, matches);
  const context =
    normalize(`${selector.prefix ?? ""}`).chars.trim().length +
    normalize(`${selector.suffix ?? ""}`).chars.trim().length;
  if (contextScore < Math.min(FUZZY_CONTEXT_CHARS, context)) return null;
  return { start: best.start, end: best.end, method: "fuzzy" };
}

/**
 * Sellers' algorithm: edit distance of `pattern` to the best-matching substring ending at each position of
 * `text`, with where that substring starts. Returns the substrings at the smallest distance, if within
 * `maxEdits`. O(text x pattern) time, O(pattern) memory.
 */
function approximateMatches(text: string, pattern: string, maxEdits: number): Candidate[] {
  const m = pattern.length;
  let previous = new Int32Array(m + 1);
  let previousStart = new Int32Array(m + 1);
  let current = new Int32Array(m + 1);
  let currentStart = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) previous[i] = i;

  let bestDistance = maxEdits + 1;
  let found: Candidate[] = [];
  for (let j = 1; j <= text.length; j++) {
    current[0] = 0;
    currentStart[0] = j;
    const char = text[j - 1];
    for (let i = 1; i <= m; i++) {
      let distance = previous[i - 1] + (pattern[i - 1] === char ? 0 : 1);
      let start = previousStart[i - 1];
      if (previous[i] + 1 < distance) {
        distance = previous[i] + 1;
        start = previousStart[i];
      }
      if (current[i - 1] + 1 < distance) {
        distance = current[i - 1] + 1;
        start = currentStart[i - 1];
      }
      current[i] = distance;
      currentStart[i] = start;
    }
    const distance = current[m];
    if (distance < bestDistance) {
      bestDistance = distance;
      found = [];
    }
    if (distance === bestDistance && currentStart[m] < j) found.push({ start: currentStart[m], end: j, distance });
    [previous, current] = [current, previous];
    [previousStart, currentStart] = [currentStart, previousStart];
  }
  return found;
}
