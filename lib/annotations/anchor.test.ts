import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { anchorAnnotation, describePassage } from "@/lib/annotations/anchor";

const story = JSON.parse(
  readFileSync(path.join(process.cwd(), "test/fixtures/kcna-stories.jsonl"), "utf8").split("\n")[0],
) as { body: string };
const text = story.body;

function selectorOf(body: string, quote: string) {
  const start = body.indexOf(quote);
  if (start < 0) throw new Error(`fixture lacks ${quote}`);
  return describePassage(body, start, start + quote.length);
}

describe("anchorAnnotation", () => {
  const quote = "9-axis self-propelled launching vehicle";
  const selector = selectorOf(text, quote);

  it("keeps the stored position while the quote is still there", () => {
    expect(selector.prefix).toHaveLength(32);
    expect(anchorAnnotation(text, selector)).toEqual({ start: selector.start, end: selector.end, method: "position" });
  });

  it("finds a quote that moved when text was inserted before it", () => {
    const edited = `Editor's note: this report was corrected.\n${text}`;
    const anchor = anchorAnnotation(edited, selector)!;
    expect(anchor.method).toBe("quote");
    expect(edited.slice(anchor.start, anchor.end)).toBe(quote);
    expect(anchor.start).toBe(selector.start + "Editor's note: this report was corrected.\n".length);
  });

  it("picks the occurrence of a repeated quote whose surrounding text matches", () => {
    // "Kim Jong Un" appears many times: the second paragraph's one must win, even after the text moved.
    const second = text.indexOf("Kim Jong Un personally");
    const target = describePassage(text, second, second + "Kim Jong Un".length);
    const occurrences = text.split("Kim Jong Un").length - 1;
    expect(occurrences).toBeGreaterThan(1);
    const moved = `Summary line.\n${text}`;
    const anchor = anchorAnnotation(moved, target)!;
    expect(anchor.method).toBe("quote");
    expect(anchor.start).toBe(second + "Summary line.\n".length);
    expect(moved.slice(anchor.end, anchor.end + 12)).toBe(" personally ");
  });

  it("uses the stored position to choose between occurrences with the same context", () => {
    const repeated = "alpha beta gamma. alpha beta gamma. alpha beta gamma.";
    const third = describePassage(repeated, 36, 46);
    expect(third.exact).toBe("alpha beta");
    expect(anchorAnnotation(`x${repeated}`, third)).toMatchObject({ start: 37, end: 47 });
  });

  it("survives whitespace and punctuation changes", () => {
    const rewrapped = text.replace("self-propelled launching", "self\u2011propelled\n  launching");
    const anchor = anchorAnnotation(rewrapped, selector)!;
    expect(anchor.method).toBe("normalized");
    expect(rewrapped.slice(anchor.start, anchor.end)).toBe("9-axis self\u2011propelled\n  launching vehicle");
  });

  it("survives a small edit inside a longer quote", () => {
    const long = "the place where technical preparations for the rocket was under way late at night";
    const original = selectorOf(text, long);
    const corrected = text.replace("for the rocket was under way", "for the rockets were under way");
    const anchor = anchorAnnotation(corrected, original)!;
    expect(anchor.method).toBe("fuzzy");
    expect(corrected.slice(anchor.start, anchor.end)).toBe(
      "the place where technical preparations for the rockets were under way late at night",
    );
  });

  it("returns null when the passage is gone or changed beyond a few edits", () => {
    // The story also says "nine-axis self-propelled launching vehicle" elsewhere: one edit away, but in
    // other surroundings, so it must not catch the deleted quote.
    const without = text.replace(quote, "");
    expect(anchorAnnotation(without, selector)).toBeNull();
    const rewritten = text.replace(quote, "new launcher of another kind");
    expect(anchorAnnotation(rewritten, selector)).toBeNull();
    expect(anchorAnnotation(text, { exact: "" })).toBeNull();
  });

  it("does not fuzz short quotes into other words", () => {
    expect(anchorAnnotation("The rocket flew.", { exact: "rockef" })).toBeNull();
    expect(anchorAnnotation("The Rocket flew.", { exact: "rocket" })).toMatchObject({
      start: 4,
      end: 10,
      method: "normalized",
    });
  });

  it("ignores a stale position that points at other text", () => {
    const anchor = anchorAnnotation(text, { ...selector, start: 0, end: quote.length })!;
    expect(anchor).toEqual({ start: selector.start, end: selector.end, method: "quote" });
  });
});
