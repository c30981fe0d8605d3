import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { hammingDistance, simhash64 } from "@/lib/ingest/fingerprint";
import {
  jaccard,
  NEAR_DUPLICATE_MAX_DISTANCE,
  NEAR_DUPLICATE_MIN_SIMILARITY,
  NEAR_DUPLICATE_MIN_WORDS,
  simhashDistance,
  splitSimhash,
  textWords,
  wordPairs,
} from "@/lib/ingest/near-duplicate";

type Story = { title: string; published: string; body: string };

// Real stories (test/fixtures/kcna-stories.jsonl): the Hwasong-15 launch, the government statement and a
// fisheries story of the same day, and two days' "Press Review".
const stories = readFileSync(new URL("../../test/fixtures/kcna-stories.jsonl", import.meta.url), "utf8")
  .trim()
  .split("\n")
  .map((line) => JSON.parse(line) as Story);
const [hwasong, statement, fisheries, pressReviewAug2, pressReviewAug3] = stories;

function similarity(a: string, b: string): number {
  return jaccard(wordPairs(textWords(a)), wordPairs(textWords(b)));
}

function distance(a: string, b: string): number {
  return simhashDistance(splitSimhash(simhash64(a)), splitSimhash(simhash64(b)));
}

describe("simhashDistance", () => {
  it("counts the same bits as hammingDistance, sign bit included", () => {
    const values = [
      0n,
      -1n,
      1n,
      -(2n ** 63n),
      2n ** 63n - 1n,
      0x0123456789abcdefn,
      -0x0123456789abcdefn,
      ...stories.map((s) => simhash64(s.body)),
    ];
    for (const a of values) {
      for (const b of values) expect(simhashDistance(splitSimhash(a), splitSimhash(b))).toBe(hammingDistance(a, b));
    }
  });
});

describe("jaccard over word pairs", () => {
  it("is 1 for the same text whatever the typography and end mark, 0 for disjoint texts", () => {
    expect(similarity(hwasong.body, `${hwasong.body.replace(/"/g, "“").toUpperCase()} -0-`)).toBe(1);
    expect(similarity("alpha beta gamma", "delta epsilon zeta")).toBe(0);
    expect(jaccard(new Set(), new Set())).toBe(1);
  });

  it("counts shared pairs over all pairs", () => {
    // pairs {a b, b c} and {a b, b d}: one shared of three
    expect(similarity("a b c", "a b d")).toBeCloseTo(1 / 3);
  });
});

describe("near-duplicate thresholds on real stories", () => {
  it("accept a lightly edited re-run of a story", () => {
    const rerun = pressReviewAug2.body
      .replace(/\s*-0-\s*$/, "")
      .replace("Rodong Sinmun", "Rodong Sinmun daily")
      .replace("article", "commentary");
    expect(rerun).not.toBe(pressReviewAug2.body);
    expect(textWords(rerun).length).toBeGreaterThanOrEqual(NEAR_DUPLICATE_MIN_WORDS);
    expect(distance(pressReviewAug2.body, rerun)).toBeLessThanOrEqual(NEAR_DUPLICATE_MAX_DISTANCE);
    expect(similarity(pressReviewAug2.body, rerun)).toBeGreaterThanOrEqual(NEAR_DUPLICATE_MIN_SIMILARITY);
  });

  it("reject different stories of the same day or the same title", () => {
    for (const [a, b] of [
      [hwasong, statement],
      [hwasong, fisheries],
      [pressReviewAug2, pressReviewAug3],
    ]) {
      expect(similarity(a.body, b.body)).toBeLessThan(0.3);
      expect(distance(a.body, b.body)).toBeGreaterThan(NEAR_DUPLICATE_MAX_DISTANCE);
    }
  });
});
