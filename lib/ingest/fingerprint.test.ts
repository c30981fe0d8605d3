import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fingerprintArticle, hammingDistance, makeExcerpt, normalizeText, simhash64 } from "@/lib/ingest/fingerprint";

type Story = { title: string; published: string; source: string; url: string; body: string };

// Real stories from the corpus (test/fixtures/kcna-stories.jsonl): two ICBM stories and an unrelated one of
// 2017-11-29, two days' "Press Review" from www.kcna.kp (with the -0- end mark), a 1997 kcna.co.jp story
// whose body opens with a stray headline line, and a Rodong Sinmun story without a dateline.
const stories = readFileSync(new URL("../../test/fixtures/kcna-stories.jsonl", import.meta.url), "utf8")
  .trim()
  .split("\n")
  .map((line) => JSON.parse(line) as Story);
const [hwasong, statement, fisheries, pressReviewAug2, pressReviewAug3, kimYoungSam, rodong] = stories;

function lightlyEdit(body: string): string {
  return body
    .replace("successfully conducted", "conducted successfully")
    .replace("Kim Jong Un", "Kim Jong-un")
    .replace(/"/g, "“")
    .concat(" -0-");
}

describe("normalizeText", () => {
  it("folds case, width, typography, end marks and spacing", () => {
    expect(normalizeText("  The ＤＰＲＫ’s  “Hwasong-15”\u00a0test -0-")).toBe("the dprk s hwasong 15 test");
    expect(normalizeText("U.S. and S. Korea")).toBe(normalizeText("U. S. and S.Korea"));
    expect(normalizeText("line one\nline two\t -0-\n")).toBe("line one line two");
  });

  it("keeps what changes a story: words and numbers", () => {
    expect(normalizeText("10 000 flats")).not.toBe(normalizeText("1 000 flats"));
    expect(normalizeText("Score 2-0-1")).toContain("2 0 1");
  });
});

describe("fingerprintArticle", () => {
  it("is a sha256 hex digest", () => {
    expect(fingerprintArticle(hwasong)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("gives the same story the same fingerprint whatever the typography and end mark", () => {
    const reprinted = {
      title: `  ${hwasong.title.toUpperCase()} `,
      body: `${hwasong.body.replace(/"/g, "“").replace(/\n/g, "\n\n")} -0-`,
    };
    expect(fingerprintArticle(reprinted)).toBe(fingerprintArticle(hwasong));
  });

  it("tells apart different days' Press Review, which share a title", () => {
    expect(pressReviewAug2.title).toBe(pressReviewAug3.title);
    expect(fingerprintArticle(pressReviewAug2)).not.toBe(fingerprintArticle(pressReviewAug3));
  });

  it("changes when a word of the body changes", () => {
    expect(
      fingerprintArticle({ title: hwasong.title, body: hwasong.body.replace("Hwasong-15", "Hwasong-14") }),
    ).not.toBe(fingerprintArticle(hwasong));
  });
});

describe("simhash64", () => {
  // The same SimHash with plain BigInt arithmetic: proves the 32-bit limb arithmetic, and pins the algorithm,
  // since stored simhash values must not change meaning from one release to the next.
  function referenceSimhash(text: string): bigint {
    const mask = (1n << 64n) - 1n;
    const words = normalizeText(text).split(" ").filter(Boolean);
    if (words.length === 0) return 0n;
    const shingles =
      words.length < 3 ? [words.join(" ")] : words.slice(2).map((_, i) => words.slice(i, i + 3).join(" "));
    const votes = new Array<number>(64).fill(0);
    for (const shingle of shingles) {
      let h = 0xcbf29ce484222325n;
      for (const byte of new TextEncoder().encode(shingle)) h = ((h ^ BigInt(byte)) * 0x100000001b3n) & mask;
      h ^= h >> 33n;
      h = (h * 0xff51afd7ed558ccdn) & mask;
      h ^= h >> 33n;
      h = (h * 0xc4ceb9fe1a85ec53n) & mask;
      h ^= h >> 33n;
      for (let bit = 0; bit < 64; bit++) votes[bit] += (h >> BigInt(bit)) & 1n ? 1 : -1;
    }
    let result = 0n;
    for (let bit = 63; bit >= 0; bit--) result = (result << 1n) | (votes[bit] > 0 ? 1n : 0n);
    return BigInt.asIntN(64, result);
  }

  it("matches a BigInt reference implementation on real stories and short texts", () => {
    for (const text of [
      ...stories.map((story) => `${story.title}\n${story.body}`),
      "Press Review",
      "Kim Jong Un",
      "조선 중앙 통신 KCNA",
      "a",
    ]) {
      expect(simhash64(text)).toBe(referenceSimhash(text));
    }
  });

  it("returns a signed 64-bit value that fits PostgreSQL BIGINT", () => {
    const values = stories.map((story) => simhash64(story.body));
    for (const value of values) {
      expect(value).toBeGreaterThanOrEqual(-(2n ** 63n));
      expect(value).toBeLessThan(2n ** 63n);
    }
    // Half the bits are set on average, so some of seven real stories land below zero.
    expect(values.some((value) => value < 0n)).toBe(true);
    expect(simhash64("")).toBe(0n);
    expect(simhash64(" -0- ")).toBe(0n);
  });

  it("puts a lightly edited copy of a story within a few bits", () => {
    const original = simhash64(hwasong.body);
    const edited = simhash64(lightlyEdit(hwasong.body));
    expect(lightlyEdit(hwasong.body)).not.toBe(hwasong.body);
    // Measured: 1 bit for this 4,600-character story, and 1 without its last paragraph. Over the whole corpus,
    // three random one-word edits move a story by a median of 6 bits (p99 14, worst on short stories), and
    // unrelated stories sit at a median of 32 (minimum 16, p1 23).
    expect(hammingDistance(original, edited)).toBeLessThanOrEqual(6);
    const shortened = hwasong.body.split("\n").slice(0, -1).join("\n");
    expect(hammingDistance(original, simhash64(shortened))).toBeLessThanOrEqual(10);
  });

  it("keeps unrelated stories far apart, even on the same day and topic", () => {
    // Measured: 34 (Hwasong/fisheries), 26 (Hwasong/government statement), 32 (the two Press Reviews), 31.
    expect(hammingDistance(simhash64(hwasong.body), simhash64(fisheries.body))).toBeGreaterThan(20);
    expect(hammingDistance(simhash64(hwasong.body), simhash64(statement.body))).toBeGreaterThan(20);
    expect(hammingDistance(simhash64(pressReviewAug2.body), simhash64(pressReviewAug3.body))).toBeGreaterThan(20);
    expect(hammingDistance(simhash64(kimYoungSam.body), simhash64(rodong.body))).toBeGreaterThan(20);
  });
});

describe("hammingDistance", () => {
  it("counts differing bits across the sign bit", () => {
    expect(hammingDistance(0n, 0n)).toBe(0);
    expect(hammingDistance(0n, -1n)).toBe(64);
    expect(hammingDistance(-1n, BigInt.asIntN(64, 0x7fffffffffffffffn))).toBe(1);
    expect(hammingDistance(0b1011n, 0b0110n)).toBe(3);
  });
});

describe("makeExcerpt", () => {
  it("drops the dateline and cuts a long first sentence at a word boundary", () => {
    const excerpt = makeExcerpt(hwasong.body);
    expect(excerpt.startsWith("A test-fire of the inter-continental ballistic rocket Hwasong-15")).toBe(true);
    expect(excerpt.length).toBeLessThanOrEqual(280);
    expect(excerpt.endsWith("of the Korean…")).toBe(true);
  });

  it("keeps whole sentences when they fit", () => {
    expect(makeExcerpt(fisheries.body)).toBe(
      "The Institute of Fishery under the Ministry of Fisheries developed a new aid system for detecting fisheries, which would be conducive to putting fishing on a higher scientific basis.",
    );
    expect(makeExcerpt(kimYoungSam.body)).toBe(
      "Rodong Sinmun today comments on the New Year press conference of Japanese prime minister Hashimoto. He told newsmen that it is time Japan's values and philosophy were disseminated throughout the world.",
    );
  });

  it("skips a stray headline line before the dateline", () => {
    expect(kimYoungSam.body.startsWith("Ambition for domination revealed\nPyongyang, January 11 (KCNA) -- ")).toBe(
      true,
    );
    expect(makeExcerpt(kimYoungSam.body)).not.toContain("Ambition");
  });

  it("reads a story without a dateline from its start", () => {
    expect(makeExcerpt(rodong.body).startsWith("The second-day sitting of the 3rd Plenary Meeting")).toBe(true);
  });

  it("respects max and returns short bodies whole", () => {
    expect(makeExcerpt(pressReviewAug2.body, 80)).toBe(
      "Following are major news items and articles in leading newspapers of the DPRK…",
    );
    expect(makeExcerpt("Pyongyang, June 10 (KCNA) -- Short story.")).toBe("Short story.");
  });

  it("does not end a sentence at an abbreviation", () => {
    const body = `Pyongyang, March 3 (KCNA) -- The U.S. President met Mr. Smith in S. Korea on Jan. 5 to talk. ${"Filler words follow here. ".repeat(20)}`;
    expect(makeExcerpt(body, 120)).toBe(
      "The U.S. President met Mr. Smith in S. Korea on Jan. 5 to talk. Filler words follow here. Filler words follow here.",
    );
  });

  it("handles old dateline misspellings but keeps a non-dateline (KCNA)", () => {
    expect(makeExcerpt("Pyongyang, Kune 6 (KCNA) -- It has been brought to light.")).toBe(
      "It has been brought to light.",
    );
    expect(makeExcerpt("Pyongyang, August (KCNA) 16 -- The delegates arrived.")).toBe("The delegates arrived.");
    expect(makeExcerpt("The Korean Central News Agency (KCNA) says so.")).toBe(
      "The Korean Central News Agency (KCNA) says so.",
    );
  });
});
