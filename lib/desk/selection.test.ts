import { describe, expect, it } from "vitest";
import { clickSelection, pageSelectionState } from "@/lib/desk/selection";

const ids = [10, 11, 12, 13, 14];

describe("clickSelection", () => {
  it("toggles one row on a plain click", () => {
    const once = clickSelection(new Set(), ids, 2, { shift: false, anchor: null });
    expect([...once]).toEqual([12]);
    expect([...clickSelection(once, ids, 2, { shift: false, anchor: 2 })]).toEqual([]);
  });

  it("selects the range from the anchor on a shift-click, in either direction", () => {
    expect([...clickSelection(new Set([11]), ids, 3, { shift: true, anchor: 1 })].sort()).toEqual([11, 12, 13]);
    expect([...clickSelection(new Set([14]), ids, 1, { shift: true, anchor: 4 })].sort()).toEqual([11, 12, 13, 14]);
  });

  it("clears the range when the shift-clicked row was selected", () => {
    const all = new Set(ids);
    expect([...clickSelection(all, ids, 3, { shift: true, anchor: 1 })].sort()).toEqual([10, 14]);
  });

  it("treats a shift-click without an anchor as a plain click and ignores unknown rows", () => {
    expect([...clickSelection(new Set(), ids, 4, { shift: true, anchor: null })]).toEqual([14]);
    expect([...clickSelection(new Set([10]), ids, 9, { shift: false, anchor: null })]).toEqual([10]);
  });
});

describe("pageSelectionState", () => {
  it("says none, some or all", () => {
    expect(pageSelectionState(new Set(), ids)).toBe("none");
    expect(pageSelectionState(new Set([10, 99]), ids)).toBe("some");
    expect(pageSelectionState(new Set(ids), ids)).toBe("all");
  });
});
