import { normalizeUrl } from "@/lib/ingest/normalize-url";
import { alignSentences, changedRuns, commonWords } from "@/lib/ingest/revision/align";
import { nameSwap } from "@/lib/ingest/revision/name-swaps";
import { profileText, type TextProfile } from "@/lib/ingest/revision/text-profile";

// Everything two items say about being one story: where they come from, when, under which URL, and how their
// titles and bodies line up. classifyRevision turns this into a verdict; the numbers are kept so a caller
// (or an analyst reading a log) can see why.

export type RevisionItem = {
  title: string;
  body: string;
  source: string;
  publishedAt: Date;
  url?: string | null;
};

export type RevisionEvidence = {
  sameSource: boolean;
  daysApart: number;
  /** Both have a URL and the canonical forms are equal; null when either has none. */
  sameUrl: boolean | null;
  /** Dice of the title words kept in order (1 = the same title). */
  titleSimilarity: number;
  /** Shared word pairs over the smaller text's: the cheap first look. */
  pairContainment: number;
  wordsA: number;
  wordsB: number;
  /** Share of each body's words the other keeps (whole sentences, or inside a reworded sentence). */
  keptA: number;
  keptB: number;
  /** Sentences kept verbatim, over each side's sentences. */
  verbatimA: number;
  verbatimB: number;
  /** Runs of consecutive sentences each side changed (a replaced sentence or added paragraph is one). */
  runsA: number;
  runsB: number;
  /** Places (the title, a reworded sentence, the dateline) where other names or numbers stand in. */
  nameSwaps: number;
  /** The names and numbers swapped, "old>new", for the log. */
  swapped: string[];
};

const DAY_MS = 86_400_000;
const profiles = new WeakMap<RevisionItem, TextProfile>();

/** The item's text profile, computed once per item object. */
function profileOf(item: RevisionItem): TextProfile {
  let profile = profiles.get(item);
  if (!profile) {
    profile = profileText(item.title, item.body);
    profiles.set(item, profile);
  }
  return profile;
}

function canonical(url: string | null | undefined): string | null {
  return url?.trim() ? normalizeUrl(url.trim()) : null;
}

function containment(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) return large.size === 0 ? 1 : 0;
  let shared = 0;
  for (const pair of small) if (large.has(pair)) shared++;
  return shared / small.size;
}

/** What costs nothing to compare: source, dates, URLs, titles and the body's word pairs. */
export type FirstLook = Pick<
  RevisionEvidence,
  "sameSource" | "daysApart" | "sameUrl" | "titleSimilarity" | "pairContainment" | "wordsA" | "wordsB"
> & { titleSwaps: string[] };

export function firstLook(stored: RevisionItem, incoming: RevisionItem): FirstLook {
  const a = profileOf(stored);
  const b = profileOf(incoming);
  const urlA = canonical(stored.url);
  const urlB = canonical(incoming.url);
  const isName = (word: string) =>
    a.names.has(word) || b.names.has(word) || a.titleNames.has(word) || b.titleNames.has(word);
  const titleSwap = nameSwap(a.titleWords, b.titleWords, isName);
  return {
    sameSource: stored.source.trim().toLowerCase() === incoming.source.trim().toLowerCase(),
    daysApart: Math.abs(stored.publishedAt.getTime() - incoming.publishedAt.getTime()) / DAY_MS,
    sameUrl: urlA && urlB ? urlA === urlB : null,
    titleSimilarity: (2 * commonWords(a.titleWords, b.titleWords)) / (a.titleWords.length + b.titleWords.length || 1),
    titleSwaps: titleSwap ? [titleSwap] : [],
    pairContainment: containment(a.pairs, b.pairs),
    wordsA: a.wordCount,
    wordsB: b.wordCount,
  };
}

/** The first look plus the sentence alignment of the bodies. */
export function gatherEvidence(
  stored: RevisionItem,
  incoming: RevisionItem,
  look = firstLook(stored, incoming),
): RevisionEvidence {
  const a = profileOf(stored);
  const b = profileOf(incoming);
  const alignment = alignSentences(a.sentences, b.sentences);
  const isName = (word: string) => a.names.has(word) || b.names.has(word);
  const swapped = [
    ...look.titleSwaps,
    ...alignment.reworded.flatMap(([i, j]) => nameSwap(a.sentences[i].words, b.sentences[j].words, isName) ?? []),
  ];
  if (a.datelineDay && b.datelineDay && a.datelineDay !== b.datelineDay)
    swapped.push(`${a.datelineDay}>${b.datelineDay}`);
  const share = (count: number, total: number) => (total === 0 ? 1 : count / total);
  return {
    sameSource: look.sameSource,
    daysApart: look.daysApart,
    sameUrl: look.sameUrl,
    titleSimilarity: look.titleSimilarity,
    pairContainment: look.pairContainment,
    wordsA: look.wordsA,
    wordsB: look.wordsB,
    keptA: share(alignment.keptWords, a.wordCount),
    keptB: share(alignment.keptWords, b.wordCount),
    verbatimA: share(alignment.verbatimA.filter(Boolean).length, a.sentences.length),
    verbatimB: share(alignment.verbatimB.filter(Boolean).length, b.sentences.length),
    runsA: changedRuns(alignment.verbatimA),
    runsB: changedRuns(alignment.verbatimB),
    nameSwaps: swapped.length,
    swapped,
  };
}
