import { describe, expect, it } from "vitest";
import { applyRowChange, mergeServerRows, type TriageRow } from "@/lib/desk/row-changes";

const missile = { id: 4, name: "missile tests", color: "#b91c1c" };
const rows: TriageRow[] = [
  { id: 1, reviewStatus: "NEW", tags: [], themes: [{ id: 9, name: "Nuclear", color: "#a21caf", origin: "RULE" }] },
  { id: 2, reviewStatus: "FLAGGED", tags: [missile], themes: [] },
  { id: 3, reviewStatus: "NEW", tags: [], themes: [] },
];

describe("applyRowChange", () => {
  it("changes only the targeted rows", () => {
    const next = applyRowChange(rows, { kind: "status", target: [1, 3], status: "REVIEWED" });
    expect(next.map((row) => row.reviewStatus)).toEqual(["REVIEWED", "FLAGGED", "REVIEWED"]);
    expect(next[1]).toBe(rows[1]);
  });

  it("targets every row for a selection of all matching articles", () => {
    const next = applyRowChange(rows, { kind: "add_tag", target: "all", tag: missile });
    expect(next.map((row) => row.tags.map((tag) => tag.id))).toEqual([[4], [4], [4]]);
  });

  it("is idempotent, and a new tag typed in another case is the same tag", () => {
    const once = applyRowChange(rows, {
      kind: "add_tag",
      target: [2],
      tag: { id: -1, name: "Missile Tests", color: "#475569" },
    });
    expect(once).toBe(rows);
    const cleared = applyRowChange(rows, { kind: "clear_theme", target: [1], themeId: 9 });
    expect(applyRowChange(cleared, { kind: "clear_theme", target: [1], themeId: 9 })).toBe(cleared);
    expect(applyRowChange(rows, { kind: "status", target: [2], status: "FLAGGED" })).toBe(rows);
  });

  it("removes tags and sets themes by hand, keeping names in order", () => {
    expect(applyRowChange(rows, { kind: "remove_tag", target: [2], tagId: 4 })[1].tags).toEqual([]);
    const set = applyRowChange(rows, {
      kind: "set_theme",
      target: [1],
      theme: { id: 2, name: "Agriculture", color: "#15803d" },
    });
    expect(set[0].themes.map((theme) => [theme.name, theme.origin])).toEqual([
      ["Agriculture", "MANUAL"],
      ["Nuclear", "RULE"],
    ]);
    const confirmed = applyRowChange(rows, {
      kind: "set_theme",
      target: [1],
      theme: { id: 9, name: "Nuclear", color: "#a21caf" },
    });
    expect(confirmed[0].themes).toEqual([{ id: 9, name: "Nuclear", color: "#a21caf", origin: "MANUAL" }]);
  });
});

describe("mergeServerRows", () => {
  it("replaces the reported rows' tags and themes with the server's", () => {
    const merged = mergeServerRows(rows, { tagsByArticle: { 3: [{ id: 12, name: "new tag", color: "#0369a1" }] } });
    expect(merged[2].tags).toEqual([{ id: 12, name: "new tag", color: "#0369a1" }]);
    expect(merged[0]).toBe(rows[0]);
    expect(mergeServerRows(rows, undefined)).toBe(rows);
  });
});
