import { describe, expect, it } from "vitest";
import { factorTsquery } from "@/lib/search/tsquery-factor";

describe("factorTsquery", () => {
  it("takes the first word the spellings of a name share out of their phrases", () => {
    expect(factorTsquery("'kim' <-> 'jong' <-> 'un' | 'kim' <-> 'jongun' | '김정' <-> '정은'")).toBe(
      "'kim' <-> ( 'jong' <-> 'un' | 'jongun' ) | '김정' <-> '정은'",
    );
    // Two shared words, then a choice.
    expect(factorTsquery("'kim' <-> 'jong' <-> 'un' | 'kim' <-> 'jong' <-> 'il'")).toBe(
      "'kim' <-> ( 'jong' <-> ( 'un' | 'il' ) )",
    );
  });

  it("keeps a word alone that every phrase starting with it implies, and drops repeats", () => {
    expect(factorTsquery("'pyongyang' | 'pyongyang' <-> 'time' | 'pyongyang'")).toBe("'pyongyang'");
  });

  it("keeps phrases apart whose second word stands at another distance (a stop word between)", () => {
    expect(factorTsquery("'unit' <2> 'state' | 'unit' <-> 'kingdom'")).toBe(
      "'unit' <2> 'state' | 'unit' <-> 'kingdom'",
    );
  });

  it("factors each clause of an AND, keeping prefixes and weights as written", () => {
    expect(factorTsquery("( 'choe' <-> 'son' <-> 'hui' | 'choe' <-> 'sonhui' ) & 'missil':*")).toBe(
      "( 'choe' <-> ( 'son' <-> 'hui' | 'sonhui' ) ) & 'missil':*",
    );
  });

  it("leaves alone what it does not read: a negation, a broken text, a single phrase", () => {
    for (const text of [
      "'kim' <-> 'jong' | !'kim' <-> 'il'",
      "'kim' <-> 'jong' | 'kim",
      "'kim' <-> 'jong' <-> 'un'",
      "",
      "'it''s' <-> 'a'",
    ])
      expect(factorTsquery(text)).toBe(text);
    expect(factorTsquery("'it''s' <-> 'a' | 'it''s' <-> 'b'")).toBe("'it''s' <-> ( 'a' | 'b' )");
  });
});
