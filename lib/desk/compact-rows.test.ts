import { describe, expect, it } from "vitest";
import { compactRows, expandRows } from "@/lib/desk/compact-rows";
import type { ArticleRow } from "@/lib/search/list-articles";

const leadership = { id: 1, name: "Leadership activities", color: "#b91c1c" };
const nuclear = { id: 4, name: "Nuclear and missile programmes", color: "#a21caf" };
const missileTag = { id: 7, name: "missile tests", color: "#475569" };

function row(id: number, overrides: Partial<ArticleRow> = {}): ArticleRow {
  return {
    id,
    title: `Article ${id}`,
    excerpt: [
      { text: "Kim Jong Un inspected ", match: false },
      { text: "missile", match: true },
    ],
    publishedAt: new Date(Date.UTC(2024, 10, id)),
    source: { id: 1, name: "KCNA" },
    reviewStatus: "NEW",
    complete: true,
    undated: false,
    language: "en",
    editedAt: null,
    goneAt: null,
    themes: [],
    tags: [],
    annotationCount: 0,
    ...overrides,
  };
}

const rows: ArticleRow[] = [
  row(1, {
    themes: [
      { ...leadership, origin: "RULE" },
      { ...nuclear, origin: "MANUAL" },
    ],
    tags: [missileTag],
  }),
  row(2, { source: { id: 2, name: "Rodong Sinmun" }, themes: [{ ...leadership, origin: "MANUAL" }] }),
  row(3, { tags: [missileTag], reviewStatus: "FLAGGED", annotationCount: 2, goneAt: new Date("2026-01-02") }),
];

describe("compactRows", () => {
  it("gives back exactly the rows it was given", () => {
    const { rows: compact, labels } = compactRows(rows);
    expect(expandRows(compact, labels)).toEqual(rows);
  });

  it("names each source, theme and tag once, however many rows carry it", () => {
    const { rows: compact, labels } = compactRows(rows);
    expect(labels.themes).toEqual({
      1: { name: leadership.name, color: leadership.color },
      4: { name: nuclear.name, color: nuclear.color },
    });
    expect(labels.tags).toEqual({ 7: { name: missileTag.name, color: missileTag.color } });
    expect(labels.sources).toEqual({ 1: "KCNA", 2: "Rodong Sinmun" });
    expect(compact[0].themes).toEqual([
      [1, "RULE"],
      [4, "MANUAL"],
    ]);
    expect(JSON.stringify(compact).match(/Leadership activities/g)).toBeNull();
  });

  it("keeps a row's own theme origin when another row has the same theme otherwise", () => {
    const expanded = expandRows(...(Object.values(compactRows(rows)) as Parameters<typeof expandRows>));
    expect(expanded[0].themes[0].origin).toBe("RULE");
    expect(expanded[1].themes[0].origin).toBe("MANUAL");
  });

  it("handles an empty page", () => {
    expect(compactRows([])).toEqual({ rows: [], labels: { sources: {}, themes: {}, tags: {} } });
  });
});
