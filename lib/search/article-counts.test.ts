import { describe, expect, it } from "vitest";
import type { ResolvedFilter } from "@/lib/search/article-sql";
import { countedFilter, countSelection, coverRange } from "./article-counts";

const d = (day: string) => new Date(`${day}T00:00:00Z`);
const shown = (parts: ReturnType<typeof coverRange>) =>
  parts.map(
    (part) =>
      `${part.grain} ${part.from?.toISOString().slice(0, 10) ?? "…"} ${part.to?.toISOString().slice(0, 10) ?? "…"}`,
  );

/** Every day of [from, to) covered once: the days each part stands for, in order. */
function daysCovered(parts: ReturnType<typeof coverRange>, from: Date, to: Date): string[] {
  const days: string[] = [];
  for (const part of parts) {
    const end = part.to ?? to;
    for (let at = part.from ?? from; at < end; at = new Date(at.getTime() + 86_400_000))
      days.push(at.toISOString().slice(0, 10));
  }
  return days;
}

const base: ResolvedFilter = {
  search: null,
  tsquery: null,
  looseTsquery: null,
  typedTsquery: null,
  tagMode: "any",
  hideTeasers: true,
};

describe("coverRange", () => {
  it("takes whole years, then whole months, then the days at the ends", () => {
    expect(shown(coverRange(d("2020-03-01"), d("2023-05-15"), ["YEAR", "MONTH", "DAY"]))).toEqual([
      "MONTH 2020-03-01 2021-01-01",
      "YEAR 2021-01-01 2023-01-01",
      "MONTH 2023-01-01 2023-05-01",
      "DAY 2023-05-01 2023-05-15",
    ]);
    expect(shown(coverRange(d("2020-03-17"), d("2020-04-03"), ["YEAR", "MONTH", "DAY"]))).toEqual([
      "DAY 2020-03-17 2020-04-03",
    ]);
    expect(shown(coverRange(undefined, d("2001-02-02"), ["YEAR", "MONTH", "DAY"]))).toEqual([
      "YEAR … 2001-01-01",
      "MONTH 2001-01-01 2001-02-01",
      "DAY 2001-02-01 2001-02-02",
    ]);
    expect(shown(coverRange(d("2025-03-01"), d("2025-04-01"), ["YEAR", "MONTH", "DAY"]))).toEqual([
      "MONTH 2025-03-01 2025-04-01",
    ]);
    expect(shown(coverRange(undefined, undefined, ["MONTH", "DAY"]))).toEqual(["MONTH … …"]);
    expect(coverRange(d("2025-03-02"), d("2025-03-02"), ["YEAR", "MONTH", "DAY"])).toEqual([]);
  });

  it("covers every day once, whatever the range", () => {
    const from = d("2019-11-29");
    for (const to of ["2019-12-01", "2020-01-01", "2021-03-04", "2024-02-29", "2024-12-31"].map(d)) {
      const days = daysCovered(coverRange(from, to, ["YEAR", "MONTH", "DAY"]), from, to);
      expect(new Set(days).size).toBe(days.length);
      expect(days.length).toBe(Math.round((to.getTime() - from.getTime()) / 86_400_000));
      expect(days.toSorted()).toEqual(days);
    }
  });
});

describe("what the counts answer", () => {
  it("takes dates, sources, one theme and one tag, with teasers hidden", () => {
    expect(countedFilter({ ...base, from: d("2025-03-01"), toExclusive: d("2025-04-01"), themes: [4] })).toEqual({
      from: d("2025-03-01"),
      toExclusive: d("2025-04-01"),
      theme: 4,
      tag: undefined,
      sources: undefined,
    });
    expect(countedFilter({ ...base, sources: [1, 2], tags: [7], tagMode: "all" })).toMatchObject({ tag: 7 });
  });

  it("leaves everything else to the articles", () => {
    const refused: Partial<ResolvedFilter>[] = [
      { hideTeasers: undefined },
      { status: ["NEW"] },
      { language: ["ko"] },
      { annotated: false },
      { hideUndated: true },
      { read: { state: "unread", readerId: 1 } },
      { themes: [1, 2] },
      { tags: [1, 2] },
      { tags: [1], tagMode: "none" },
      { from: new Date("2025-03-01T12:00:00Z") },
      { tsquery: {} as ResolvedFilter["tsquery"] },
    ];
    for (const extra of refused) expect(countedFilter({ ...base, ...extra }), JSON.stringify(extra)).toBeNull();
  });

  it("reads one dimension within another, and no deeper", () => {
    expect(countSelection({}, "all")).toEqual({ kind: "ALL", within: [0] });
    expect(countSelection({ tag: 3 }, "all")).toEqual({ kind: "TAG", within: [0], items: [3] });
    expect(countSelection({ sources: [1, 2], theme: 5 }, "all")).toEqual({
      kind: "THEME_SOURCE",
      within: [5],
      items: [1, 2],
    });
    expect(countSelection({ theme: 5, tag: 3 }, "all")).toEqual({ kind: "THEME_TAG", within: [5], items: [3] });
    expect(countSelection({ sources: [1], theme: 5, tag: 3 }, "all")).toBeNull();
    expect(countSelection({ tag: 3 }, "themes")).toEqual({ kind: "TAG_THEME", within: [3] });
    expect(countSelection({ sources: [1, 2] }, "tags")).toEqual({ kind: "SOURCE_TAG", within: [1, 2] });
    expect(countSelection({ sources: [1], theme: 5 }, "tags")).toBeNull();
  });
});
