import { describe, expect, it } from "vitest";
import { headlineSql, plainSegments, splitHighlighted } from "./highlight";
import { Prisma } from "@/lib/generated/prisma/client";

const S = "\u0002";
const E = "\u0003";

describe("splitHighlighted", () => {
  it("splits marked text into segments", () => {
    expect(splitHighlighted(`The ${S}missiles${E} were ${S}launched${E}.`)).toEqual([
      { text: "The ", match: false },
      { text: "missiles", match: true },
      { text: " were ", match: false },
      { text: "launched", match: true },
      { text: ".", match: false },
    ]);
  });

  it("joins the words of a matched phrase into one span", () => {
    expect(splitHighlighted(`${S}Kim${E} ${S}Jong${E} ${S}Un${E} visited`)).toEqual([
      { text: "Kim Jong Un", match: true },
      { text: " visited", match: false },
    ]);
  });

  it("returns unmarked text as one segment and nothing for nothing", () => {
    expect(splitHighlighted("<b>no marks</b>")).toEqual([{ text: "<b>no marks</b>", match: false }]);
    expect(splitHighlighted("")).toEqual([]);
    expect(plainSegments("")).toEqual([]);
  });

  it("survives an unclosed or stray mark", () => {
    expect(splitHighlighted(`a ${S}b`)).toEqual([
      { text: "a ", match: false },
      { text: "b", match: true },
    ]);
    expect(splitHighlighted(`a${E} b`)).toEqual([{ text: "a b", match: false }]);
  });
});

describe("headlineSql", () => {
  it("strips the marks from the text and binds everything", () => {
    const sql = headlineSql(Prisma.sql`a.excerpt`, Prisma.sql`plainto_tsquery('english', ${"x"})`);
    expect(sql.sql).toBe("ts_headline('english', translate(a.excerpt, ?, ''), plainto_tsquery('english', ?), ?)");
    expect(sql.values).toEqual([`${S}${E}`, "x", `StartSel=${S}, StopSel=${E}, HighlightAll=true`]);
  });
});
