import { describe, expect, it } from "vitest";
import { countChangedWords, diffVersionText, sideParts } from "./version-diff";

describe("diffVersionText", () => {
  const before = "Kim Jong Un was accompanied by Jang Song Thaek and Choe Ryong Hae.";
  const after = "Kim Jong Un was accompanied by Choe Ryong Hae.";

  it("marks the words removed and keeps the rest, in reading order", () => {
    const parts = diffVersionText(before, after);
    expect(parts.filter((part) => part.kind === "removed").map((part) => part.text.trim())).toEqual([
      "Jang Song Thaek and",
    ]);
    expect(
      parts
        .filter((part) => part.kind !== "removed")
        .map((part) => part.text)
        .join(""),
    ).toBe(after);
    expect(
      parts
        .filter((part) => part.kind !== "added")
        .map((part) => part.text)
        .join(""),
    ).toBe(before);
    expect(countChangedWords(parts)).toEqual({ added: 0, removed: 4 });
  });

  it("gives each side of a side-by-side view its own text back", () => {
    const parts = diffVersionText("The talks were held on Monday.", "The talks were held on Tuesday in the capital.");
    expect(
      sideParts(parts, "before")
        .map((part) => part.text)
        .join(""),
    ).toBe("The talks were held on Monday.");
    expect(
      sideParts(parts, "after")
        .map((part) => part.text)
        .join(""),
    ).toBe("The talks were held on Tuesday in the capital.");
    expect(countChangedWords(parts).added).toBeGreaterThanOrEqual(4);
  });
});
