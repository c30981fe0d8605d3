import { describe, expect, it } from "vitest";
import { alignSentences, changedRuns, commonWords } from "@/lib/ingest/revision/align";
import { profileText } from "@/lib/ingest/revision/text-profile";

/** The textbook recursion, memoised: what commonWords must agree with. */
function referenceLcs(a: string[], b: string[]): number {
  const memo = new Map<string, number>();
  const go = (i: number, j: number): number => {
    if (i === a.length || j === b.length) return 0;
    const key = `${i},${j}`;
    if (!memo.has(key)) memo.set(key, a[i] === b[j] ? 1 + go(i + 1, j + 1) : Math.max(go(i + 1, j), go(i, j + 1)));
    return memo.get(key)!;
  };
  return go(0, 0);
}

describe("commonWords", () => {
  it("agrees with the textbook LCS on 500 seeded random word lists", () => {
    let state = 7;
    const random = () => (state = (state * 1103515245 + 12345) >>> 0) / 2 ** 32;
    const list = () => Array.from({ length: Math.floor(random() * 25) }, () => "abcde"[Math.floor(random() * 5)]);
    for (let round = 0; round < 500; round++) {
      const [a, b] = [list(), list()];
      expect(commonWords(a, b)).toBe(referenceLcs(a, b));
    }
  });
});

describe("alignSentences", () => {
  const stored = profileText(
    "t",
    "Pyongyang, May 20 (KCNA) -- Talks were held here on Tuesday.\nBoth sides exchanged views on relations. They agreed to meet again.\nA banquet was given.",
  );

  it("keeps verbatim sentences, pairs a reworded one and counts one changed run", () => {
    const incoming = profileText(
      "t",
      "Pyongyang, May 20 (KCNA) -- Talks were held here on Tuesday.\nBoth sides exchanged opinions on relations. They agreed to meet again.\nA banquet was given.",
    );
    const alignment = alignSentences(stored.sentences, incoming.sentences);
    expect(alignment.verbatimA).toEqual([true, false, true, true]);
    expect(alignment.reworded).toEqual([[1, 1]]);
    expect(alignment.keptWords).toBe(stored.wordCount - 1);
    expect(changedRuns(alignment.verbatimB)).toBe(1);
  });

  it("leaves an added paragraph unpaired", () => {
    const incoming = profileText(
      "t",
      "Pyongyang, May 20 (KCNA) -- Talks were held here on Tuesday.\nBoth sides exchanged views on relations. They agreed to meet again.\nThe delegation toured the city.\nA banquet was given.",
    );
    const alignment = alignSentences(stored.sentences, incoming.sentences);
    expect(alignment.verbatimA.every(Boolean)).toBe(true);
    expect(alignment.verbatimB).toEqual([true, true, true, false, true]);
    expect(alignment.keptWords).toBe(stored.wordCount);
  });
});
