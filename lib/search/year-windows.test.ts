import { describe, expect, it } from "vitest";
import type { ResolvedFilter } from "@/lib/search/article-sql";
import { yearLexemes } from "@/lib/search/article-sql";
import { firstFilledWindow, yearWindows } from "@/lib/search/year-windows";

const base: ResolvedFilter = { search: null, tsquery: null, looseTsquery: null, typedTsquery: null, tagMode: "any" };
const utc = (text: string) => new Date(`${text}T00:00:00Z`);
const bounds = (windows: ResolvedFilter[]) =>
  windows.map((w) => [w.from?.toISOString().slice(0, 10) ?? null, w.toExclusive?.toISOString().slice(0, 10) ?? null]);

describe("yearWindows", () => {
  it("grows from the newest article's year, one year then four, then the whole filter", () => {
    const windows = yearWindows(base, new Date("2026-11-26T22:25:38Z"), true);
    expect(bounds(windows)).toEqual([
      ["2026-01-01", "2027-01-01"],
      ["2023-01-01", "2027-01-01"],
      [null, null],
    ]);
    expect(windows[2]).toBe(base);
  });

  it("keeps the filter's own dates inside a window and stops where a window would reach them", () => {
    const filter = { ...base, from: utc("2024-06-01"), toExclusive: utc("2026-03-01") };
    expect(bounds(yearWindows(filter, utc("2026-02-10"), true))).toEqual([
      ["2026-01-01", "2026-03-01"],
      ["2024-06-01", "2026-03-01"],
    ]);
    expect(yearWindows({ ...base, from: utc("2026-01-01") }, utc("2026-05-01"), true)).toEqual([
      { ...base, from: utc("2026-01-01") },
    ]);
  });

  it("grows forward from the oldest article when the list runs oldest first", () => {
    expect(bounds(yearWindows(base, utc("1997-03-02"), false))).toEqual([
      ["1997-01-01", "1998-01-01"],
      ["1997-01-01", "2001-01-01"],
      [null, null],
    ]);
  });

  it("is the filter alone for an empty selection", () => {
    expect(yearWindows(base, null, true)).toEqual([base]);
  });
});

describe("yearLexemes", () => {
  it("names each year a bounded range touches, up to eight", () => {
    expect(yearLexemes(utc("2017-01-01"), utc("2018-01-01"))).toBe("'~y2017'");
    expect(yearLexemes(utc("2016-12-31"), utc("2018-01-02"))).toBe("'~y2016' | '~y2017' | '~y2018'");
    expect(yearLexemes(utc("2000-01-01"), utc("2009-01-01"))).toBeNull();
    expect(yearLexemes(undefined, utc("2009-01-01"))).toBeNull();
  });
});

describe("firstFilledWindow", () => {
  it("stops at the first window that fills, and says whether it was the whole filter", async () => {
    const windows = yearWindows(base, utc("2026-05-01"), true);
    const tried: number[] = [];
    const found = await firstFilledWindow(
      windows,
      async (window) => {
        tried.push(windows.indexOf(window));
        return windows.indexOf(window) * 10;
      },
      (n) => n >= 10,
    );
    expect(tried).toEqual([0, 1]);
    expect(found).toMatchObject({ result: 10, whole: false });
    const none = await firstFilledWindow(
      windows,
      async () => 0,
      () => false,
    );
    expect(none).toMatchObject({ result: 0, whole: true, window: base });
  });
});
