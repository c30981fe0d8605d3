import type { Sentence } from "@/lib/ingest/revision/text-profile";

// Two bodies aligned sentence by sentence, the way a reader compares two versions: sentences kept word for
// word, sentences reworded (paired with their closest counterpart and compared word by word), and sentences
// only one side has. Aligning sentences first keeps the word diff small: a whole-body word diff of two
// 5,000-word speeches costs a hundred times more and says nothing more about whether it is one story.

export type Alignment = {
  /** Words in sentences kept verbatim, plus words a reworded sentence kept. */
  keptWords: number;
  /** Per sentence of each side: kept verbatim on the other side. */
  verbatimA: boolean[];
  verbatimB: boolean[];
  /** Sentences paired as rewordings of each other, [index in a, index in b]. */
  reworded: [number, number][];
};

/** A reworded sentence shares at least this share of its distinct words (Dice) with its counterpart. */
const REWORDED_MIN_DICE = 0.5;
/** Beyond this many cells the word diff of two long sentences counts only their common prefix and suffix. */
const MAX_DIFF_CELLS = 250_000;

/** Length of the longest common subsequence of two word lists: the words one version kept of the other. */
export function commonWords(a: readonly string[], b: readonly string[]): number {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const kept = start + (a.length - endA);
  const rows = endA - start;
  const columns = endB - start;
  if (rows === 0 || columns === 0 || rows * columns > MAX_DIFF_CELLS) return kept;
  let previous = new Uint16Array(columns + 1);
  let current = new Uint16Array(columns + 1);
  for (let i = 0; i < rows; i++) {
    const word = a[start + i];
    for (let j = 0; j < columns; j++) {
      current[j + 1] = word === b[start + j] ? previous[j] + 1 : Math.max(previous[j + 1], current[j]);
    }
    [previous, current] = [current, previous];
  }
  return kept + previous[columns];
}

function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const word of small) if (large.has(word)) shared++;
  return (2 * shared) / (a.size + b.size || 1);
}

export function alignSentences(a: readonly Sentence[], b: readonly Sentence[]): Alignment {
  const verbatimA = a.map(() => false);
  const verbatimB = b.map(() => false);
  const byKey = new Map<string, number[]>();
  b.forEach((sentence, index) => byKey.set(sentence.key, [...(byKey.get(sentence.key) ?? []), index]));
  let keptWords = 0;
  a.forEach((sentence, index) => {
    const match = byKey.get(sentence.key)?.shift();
    if (match === undefined) return;
    verbatimA[index] = verbatimB[match] = true;
    keptWords += sentence.words.length;
  });

  const restA = a.flatMap((sentence, index) => (verbatimA[index] ? [] : [index]));
  const restB = b.flatMap((sentence, index) => (verbatimB[index] ? [] : [index]));
  const setsB = new Map(restB.map((index) => [index, new Set(b[index].words)]));
  const candidates: { i: number; j: number; score: number }[] = [];
  for (const i of restA) {
    const words = new Set(a[i].words);
    for (const j of restB) {
      const score = dice(words, setsB.get(j)!);
      if (score >= REWORDED_MIN_DICE) candidates.push({ i, j, score });
    }
  }
  candidates.sort((x, y) => y.score - x.score || x.i - y.i || x.j - y.j);
  const pairedA = new Set<number>();
  const pairedB = new Set<number>();
  const reworded: [number, number][] = [];
  for (const { i, j } of candidates) {
    if (pairedA.has(i) || pairedB.has(j)) continue;
    pairedA.add(i);
    pairedB.add(j);
    keptWords += commonWords(a[i].words, b[j].words);
    reworded.push([i, j]);
  }
  return { keptWords, verbatimA, verbatimB, reworded };
}

/** Runs of consecutive sentences not kept verbatim: one for a replaced sentence or an added paragraph. */
export function changedRuns(verbatim: readonly boolean[]): number {
  let runs = 0;
  verbatim.forEach((kept, index) => {
    if (!kept && (index === 0 || verbatim[index - 1])) runs++;
  });
  return runs;
}
