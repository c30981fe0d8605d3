import { describe, expect, it } from "vitest";
import { tokenF1, tokenize, tokenizeWords } from "@/lib/ingest/page/f1";

describe("tokenize", () => {
  it("lowercases words of any script and splits CJK text into characters", () => {
    expect(tokenize("Kim Jong Un's 2017 ICBM test — «Hwasong-15»!")).toEqual([
      "kim",
      "jong",
      "un",
      "s",
      "2017",
      "icbm",
      "test",
      "hwasong",
      "15",
    ]);
    expect(tokenize("Přesně tak, naïve café")).toEqual(["přesně", "tak", "naïve", "café"]);
    expect(tokenize("DeepMind新电脑 조선중앙통신")).toEqual([
      "deepmind",
      "新",
      "电",
      "脑",
      "조",
      "선",
      "중",
      "앙",
      "통",
      "신",
    ]);
    expect(tokenize("カタカナとひらがな")).toEqual(["カ", "タ", "カ", "ナ", "と", "ひ", "ら", "が", "な"]);
    expect(tokenize(" \n—…")).toEqual([]);
  });
});

describe("tokenizeWords", () => {
  it("splits as Python's \\w+ does: letters, digits and underscores, CJK runs whole, marks as breaks", () => {
    expect(tokenizeWords("Kim Jong Un's 2017 snake_case «Hwasong-15»!")).toEqual([
      "kim",
      "jong",
      "un",
      "s",
      "2017",
      "snake_case",
      "hwasong",
      "15",
    ]);
    expect(tokenizeWords("DeepMind新电脑 조선중앙통신")).toEqual(["deepmind新电脑", "조선중앙통신"]);
    expect(tokenizeWords("naïve cafe\u0301")).toEqual(["naïve", "cafe"]);
  });

  it("is what tokenF1 counts when given", () => {
    expect(tokenF1("新电脑", "新电", tokenizeWords).f1).toBe(0);
    expect(tokenF1("新电脑", "新电", tokenize).recall).toBeCloseTo(2 / 3);
  });
});

describe("tokenF1", () => {
  it("scores identical texts 1 whatever the whitespace and case", () => {
    expect(tokenF1("One two.\nThree", "one  TWO three")).toEqual({ precision: 1, recall: 1, f1: 1 });
  });

  it("counts repeated tokens as a multiset", () => {
    // expected: a a b (3 tokens); actual: a a a c (4): overlap a,a = 2.
    const score = tokenF1("a a b", "a a a c");
    expect(score.precision).toBeCloseTo(2 / 4);
    expect(score.recall).toBeCloseTo(2 / 3);
    expect(score.f1).toBeCloseTo((2 * 0.5 * (2 / 3)) / (0.5 + 2 / 3));
  });

  it("penalises extra boilerplate through precision and missing text through recall", () => {
    expect(tokenF1("the article text", "menu login the article text footer")).toMatchObject({
      recall: 1,
      precision: 0.5,
    });
    expect(tokenF1("the article text here", "the article")).toMatchObject({ recall: 0.5, precision: 1 });
  });

  it("handles empty texts", () => {
    expect(tokenF1("", "")).toEqual({ precision: 1, recall: 1, f1: 1 });
    expect(tokenF1("text", "")).toEqual({ precision: 0, recall: 0, f1: 0 });
    expect(tokenF1("", "text")).toEqual({ precision: 0, recall: 0, f1: 0 });
  });
});
