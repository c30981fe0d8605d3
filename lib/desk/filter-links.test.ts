import { describe, expect, it } from "vitest";
import { describeFilterChips, listHref, toggleId } from "@/lib/desk/filter-links";
import { parseArticleFilter } from "@/lib/validation/article-filter";

const names = {
  themes: [
    { id: 3, name: "Foreign affairs" },
    { id: 7, name: "Agriculture" },
  ],
  sources: [{ id: 1, name: "KCNA" }],
  tags: [{ id: 4, name: "missile tests" }],
};

const parse = (query: string) => parseArticleFilter(query, { now: new Date("2024-11-20T12:00:00Z") }).filter;

describe("listHref", () => {
  it("is the canonical first-page link of the filter", () => {
    expect(listHref(parse("theme=7,3&cursor=na.abc.1&q=missile"))).toBe("/?q=missile&theme=3%2C7");
    expect(listHref(parse(""))).toBe("/");
  });
});

describe("toggleId", () => {
  it("adds and removes an id and drops the page cursor", () => {
    const filter = parse("theme=3&cursor=na.abc.1");
    expect(toggleId(filter, "themes", 7).themes).toEqual([3, 7]);
    expect(toggleId(filter, "themes", 3).themes).toBeUndefined();
    expect(toggleId(filter, "sources", 1).cursor).toBeUndefined();
  });
});

describe("describeFilterChips", () => {
  it("lists each active filter with a link that removes only it", () => {
    const filter = parse(
      'q="missile launch"&sort=relevance&from=2024-10-01&to=2024-10-31&theme=3,7&source=1&tag=4&tagMode=none&status=flagged&annotated=yes&undated=hide&lang=en',
    );
    const chips = describeFilterChips(filter, names);
    expect(chips.map((chip) => chip.label)).toEqual([
      'Search: "missile launch"',
      "1 Oct 2024 – 31 Oct 2024",
      "Theme: Foreign affairs",
      "Theme: Agriculture",
      "Source: KCNA",
      "Not tagged: missile tests",
      "Flagged",
      "With notes",
      "Dated items only",
      "Language: EN",
    ]);
    const without = (key: string) => parse(chips.find((chip) => chip.key === key)!.href.slice(2));
    expect(without("q").q).toBeUndefined();
    expect(without("q").sort).toBe("newest");
    expect(without("themes-3").themes).toEqual([7]);
    expect(without("themes-3").sources).toEqual([1]);
    expect(without("dates").from).toBeUndefined();
    expect(without("tags-4").tags).toBeUndefined();
    expect(without("status-FLAGGED").status).toBeUndefined();
    expect(without("undated").hideUndated).toBeUndefined();
    expect(without("undated").annotated).toBe(true);
  });

  it("names presets and unknown ids plainly", () => {
    expect(describeFilterChips(parse("range=7d&theme=99"), names).map((chip) => chip.label)).toEqual([
      "Last 7 days",
      "Theme: #99",
    ]);
    expect(describeFilterChips(parse(""), names)).toEqual([]);
  });
});
