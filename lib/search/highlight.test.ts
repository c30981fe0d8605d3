import { describe, expect, it } from "vitest";
import { headlineSql, markedRanges, plainSegments, splitHighlighted } from "./highlight";
import { fold } from "./fold";
import { Prisma } from "@/lib/generated/prisma/client";

const S = "\u0002";
const E = "\u0003";

/** Marks the folded `source` as ts_headline would, at the folded words given. */
function mark(source: string, words: string[]): string {
  let marked = fold(source);
  for (const word of words) marked = marked.replaceAll(word, `${S}${word}${E}`);
  return marked;
}

describe("splitHighlighted", () => {
  it("splits marked text into segments", () => {
    const source = "The missiles were launched.";
    expect(splitHighlighted(mark(source, ["missiles", "launched"]), source)).toEqual([
      { text: "The ", match: false },
      { text: "missiles", match: true },
      { text: " were ", match: false },
      { text: "launched", match: true },
      { text: ".", match: false },
    ]);
  });

  it("joins the words of a matched phrase into one span, across a hyphen too", () => {
    const source = "Kim Jong-un visited";
    expect(splitHighlighted(mark(source, ["Kim", "Jong", "un"]), source)).toEqual([
      { text: "Kim Jong-un", match: true },
      { text: " visited", match: false },
    ]);
  });

  it("marks the text as written, not as folded", () => {
    const source = "In P'yŏngyang, 김정은동지께서 said";
    expect(splitHighlighted(mark(source, ["Pyongyang", "김정", "정은"]), source)).toEqual([
      { text: "In ", match: false },
      { text: "P'yŏngyang", match: true },
      { text: ", ", match: false },
      { text: "김정은", match: true },
      { text: "동지께서 said", match: false },
    ]);
  });

  it("places a fragment of the folded text in the source", () => {
    const source = "Long opening. Then P'yŏngyang said more";
    const fragment = `Then ${S}Pyongyang${E} said`;
    expect(markedRanges(fragment, source)).toEqual({
      span: { start: 14, end: 34 },
      ranges: [{ start: 19, end: 29 }],
    });
    expect(splitHighlighted(fragment, source).map((segment) => segment.text)).toEqual(["Then ", "P'yŏngyang", " said"]);
  });

  it("returns unmarked text as one segment and nothing for nothing", () => {
    expect(splitHighlighted("<b>no marks</b>", "<b>no marks</b>")).toEqual([{ text: "<b>no marks</b>", match: false }]);
    expect(splitHighlighted("", "")).toEqual([]);
    expect(plainSegments("")).toEqual([]);
  });

  it("survives an unclosed or stray mark, and output it cannot place", () => {
    expect(splitHighlighted(`a ${S}b`, "a b")).toEqual([
      { text: "a ", match: false },
      { text: "b", match: true },
    ]);
    expect(splitHighlighted(`a${E} b`, "a b")).toEqual([{ text: "a b", match: false }]);
    expect(splitHighlighted(`${S}x${E} y`, "something else")).toEqual([
      { text: "x", match: true },
      { text: " y", match: false },
    ]);
  });
});

describe("headlineSql", () => {
  it("strips the marks from the text, folds it and binds everything", () => {
    const sql = headlineSql(Prisma.sql`a.excerpt`, Prisma.sql`plainto_tsquery('english', ${"x"})`);
    expect(sql.sql).toBe(
      "ts_headline('english', search_fold(translate(a.excerpt, ?, '')), plainto_tsquery('english', ?), ?)",
    );
    expect(sql.values).toEqual([`${S}${E}`, "x", `StartSel=${S}, StopSel=${E}, HighlightAll=true`]);
  });
});
