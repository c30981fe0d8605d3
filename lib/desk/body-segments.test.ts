import { describe, expect, it } from "vitest";
import { segmentBody, trimPassage } from "@/lib/desk/body-segments";

const text = "First line here.\n\n  Second line, indented.\nThird.";

describe("segmentBody", () => {
  it("makes one paragraph per non-blank line, at its exact offsets", () => {
    const paragraphs = segmentBody(text, []);
    expect(paragraphs.map((p) => text.slice(p.start, p.end))).toEqual([
      "First line here.",
      "  Second line, indented.",
      "Third.",
    ]);
    expect(paragraphs.every((p) => p.segments.length === 1 && p.segments[0].annotationIds.length === 0)).toBe(true);
  });

  it("cuts paragraphs at annotation boundaries, overlaps and passages across lines included", () => {
    const first = text.indexOf("line here");
    const second = text.indexOf("Second");
    const paragraphs = segmentBody(text, [
      { id: 1, start: first, end: second + 6 },
      { id: 2, start: text.indexOf("here"), end: text.indexOf("here") + 4 },
    ]);
    const described = paragraphs.map((p) => p.segments.map((s) => [text.slice(s.start, s.end), s.annotationIds]));
    expect(described[0]).toEqual([
      ["First ", []],
      ["line ", [1]],
      ["here", [1, 2]],
      [".", [1]],
    ]);
    expect(described[1]).toEqual([
      ["  Second", [1]],
      [" line, indented.", []],
    ]);
    expect(described[2]).toEqual([["Third.", []]]);
  });

  it("keeps the concatenated segments equal to the text of each paragraph", () => {
    const paragraphs = segmentBody(text, [{ id: 9, start: 3, end: 40 }]);
    for (const p of paragraphs)
      expect(p.segments.map((s) => text.slice(s.start, s.end)).join("")).toBe(text.slice(p.start, p.end));
  });

  it("handles an empty text", () => {
    expect(segmentBody("", [])).toEqual([]);
  });
});

describe("trimPassage", () => {
  it("drops surrounding whitespace and line breaks", () => {
    const here = text.indexOf("here");
    expect(trimPassage(text, here - 1, text.indexOf("  Second"))).toEqual({ start: here, end: text.indexOf(".") + 1 });
  });

  it("orders reversed offsets and returns null for blank passages", () => {
    expect(trimPassage(text, 5, 0)).toEqual({ start: 0, end: 5 });
    expect(trimPassage(text, 16, 18)).toBeNull();
  });
});

describe("segmentBody with search matches", () => {
  it("cuts at matches and annotations alike, and numbers each match's segments", () => {
    const text = "Kim Jong Un visited.\nThen Kim Jong Un left.";
    const paragraphs = segmentBody(
      text,
      [{ id: 4, start: 4, end: 15 }],
      [
        { start: 0, end: 11 },
        { start: 26, end: 37 },
      ],
    );
    expect(paragraphs[0].segments).toEqual([
      { start: 0, end: 4, annotationIds: [], matchIndex: 0 },
      { start: 4, end: 11, annotationIds: [4], matchIndex: 0 },
      { start: 11, end: 15, annotationIds: [4] },
      { start: 15, end: 20, annotationIds: [] },
    ]);
    expect(paragraphs[1].segments).toEqual([
      { start: 21, end: 26, annotationIds: [] },
      { start: 26, end: 37, annotationIds: [], matchIndex: 1 },
      { start: 37, end: 43, annotationIds: [] },
    ]);
  });
});
