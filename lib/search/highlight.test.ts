import { describe, expect, it } from "vitest";
import { placeFragment, plainSegments, segmentsOf, snippetAnchors, toSourceRanges } from "./highlight";
import { foldWithOrigin } from "./fold";

/** Ranges of the folded `source` where `words` (folded) occur, as the phrase matcher would report them. */
function foldedRanges(source: string, words: string[]) {
  const folded = foldWithOrigin(source);
  const ranges = words.map((word) => {
    const start = folded.text.indexOf(word);
    return { start, end: start + word.length };
  });
  return { folded, ranges: ranges.sort((a, b) => a.start - b.start) };
}

function marked(source: string, words: string[]) {
  const { folded, ranges } = foldedRanges(source, words);
  return segmentsOf(source, { start: 0, end: source.length }, toSourceRanges(source, folded, ranges));
}

describe("marks carried back to the text as written", () => {
  it("marks words and keeps the rest", () => {
    expect(marked("The missiles were launched.", ["missiles", "launched"])).toEqual([
      { text: "The ", match: false },
      { text: "missiles", match: true },
      { text: " were ", match: false },
      { text: "launched", match: true },
      { text: ".", match: false },
    ]);
  });

  it("makes one mark of a name across spaces and hyphens", () => {
    expect(marked("Kim Jong-un visited", ["Kim Jong un"])).toEqual([
      { text: "Kim Jong-un", match: true },
      { text: " visited", match: false },
    ]);
  });

  it("marks the spelling as written, not as folded", () => {
    expect(marked("In P'yŏngyang, 김정은동지께서 said", ["Pyongyang", "김정 정은"])).toEqual([
      { text: "In ", match: false },
      { text: "P'yŏngyang", match: true },
      { text: ", ", match: false },
      { text: "김정은", match: true },
      { text: "동지께서 said", match: false },
    ]);
  });
});

describe("placeFragment", () => {
  it("finds ts_headline's passage of the folded source, marks and all", () => {
    const source = "Long opening. Then P'yŏngyang said more";
    const place = placeFragment("Then \u0002Pyongyang\u0003 said", source)!;
    expect(place.text).toBe("Then Pyongyang said");
    expect(source.slice(place.folded.origin[place.span.start], place.folded.origin[place.span.end - 1] + 1)).toBe(
      "Then P'yŏngyang said",
    );
    expect(placeFragment("not in it", source)).toBeNull();
  });

  it("returns nothing for nothing", () => {
    expect(plainSegments("")).toEqual([]);
    expect(segmentsOf("", { start: 0, end: 0 }, [])).toEqual([]);
  });
});

describe("snippetAnchors", () => {
  it("anchors on the start of each rarer word at a word's start, and on Hangul runs as written", () => {
    expect(snippetAnchors(["Kim Jae-ryong", "김재룡"], ["kim"])).toEqual({
      pattern: "(?:^|[^[:alnum:]])(?:jae|ryon)|김재룡",
      complete: true,
    });
  });

  it("anchors on Hangul runs only when a term has no word rare and long enough to stand for it", () => {
    expect(snippetAnchors(["Kim Jong Un", "김정은", "Kim Jong-eun"], ["kim", "jong"])).toEqual({
      pattern: "김정은",
      complete: false,
      dense: true,
    });
    expect(snippetAnchors(["경제건설"])).toEqual({ pattern: "경제건설", complete: true, dense: true });
    expect(snippetAnchors(["Kim Jong Un"], ["kim", "jong"])).toEqual({ pattern: null, complete: false });
  });
});
