import { describe, expect, it } from "vitest";
import {
  endExclusive,
  filterToQueryString,
  filterToSearchParams,
  parseArticleFilter,
  parseDay,
  resolveDatePreset,
  type ArticleFilter,
} from "./article-filter";

const NOW = new Date("2026-03-15T17:45:00Z");
const parse = (input: string | Record<string, string | string[] | undefined>) =>
  parseArticleFilter(input, { now: NOW });

describe("parseArticleFilter", () => {
  it("gives the defaults for an empty query", () => {
    expect(parse("")).toEqual({ filter: { tagMode: "any", sort: "newest" }, notes: [] });
  });

  it("reads every field", () => {
    const { filter, notes } = parse(
      "q=%22kim+jong+un%22+missil*&from=2024-01-01&to=2024-01-31&theme=3,1&source=2&tag=9&tag=4&tagMode=all" +
        "&status=flagged,new&annotated=yes&undated=hide&lang=EN,ko&sort=relevance&cursor=rb.abc.12",
    );
    expect(notes).toEqual([]);
    expect(filter).toEqual({
      q: '"kim jong un" missil*',
      from: new Date("2024-01-01T00:00:00Z"),
      to: new Date("2024-01-31T00:00:00Z"),
      themes: [1, 3],
      sources: [2],
      tags: [4, 9],
      tagMode: "all",
      status: ["NEW", "FLAGGED"],
      annotated: true,
      hideUndated: true,
      language: ["en", "ko"],
      sort: "relevance",
      cursor: "rb.abc.12",
    });
  });

  it("accepts Next's searchParams object with repeated keys as arrays", () => {
    const { filter } = parse({ theme: ["5", "2,5"], annotated: "no", q: undefined });
    expect(filter.themes).toEqual([2, 5]);
    expect(filter.annotated).toBe(false);
    expect(filter.q).toBeUndefined();
  });

  it("drops invalid values with a note instead of failing", () => {
    const { filter, notes } = parse(
      "theme=abc,7,-1&source=99999999999&tag=&status=DELETED&annotated=maybe&undated=show&lang=english!&sort=best&tagMode=some&from=2024-02-30&range=century&cursor=%3Cscript%3E",
    );
    expect(filter).toEqual({ themes: [7], tagMode: "any", sort: "newest" });
    expect(notes).toHaveLength(12);
    expect(notes.join("\n")).toMatch(/undated "show": expected hide/);
    expect(notes.join("\n")).toMatch(/theme "abc"/);
    expect(notes.join("\n")).toMatch(/from "2024-02-30"/);
  });

  it("swaps a reversed date range and says so", () => {
    const { filter, notes } = parse("from=2024-05-01&to=2024-04-01");
    expect(filter.from).toEqual(new Date("2024-04-01T00:00:00Z"));
    expect(filter.to).toEqual(new Date("2024-05-01T00:00:00Z"));
    expect(notes).toHaveLength(1);
  });

  it("resolves a preset against now and keeps it relative", () => {
    const { filter } = parse("range=7d&from=2001-01-01");
    expect(filter.range).toBe("7d");
    expect(filter.from).toEqual(new Date("2026-03-09T00:00:00Z"));
    expect(filter.to).toEqual(new Date("2026-03-15T00:00:00Z"));
    expect(filterToQueryString(filter)).toBe("range=7d");
  });

  it("falls back to newest when relevance has no search", () => {
    const { filter, notes } = parse("sort=relevance");
    expect(filter.sort).toBe("newest");
    expect(notes).toEqual(["Sorted by newest: relevance needs a search."]);
  });

  it("treats all three statuses as no status filter", () => {
    expect(parse("status=new,reviewed,flagged").filter.status).toBeUndefined();
  });

  it("caps the search text and list lengths", () => {
    const long = parse(`q=${"a".repeat(700)}&theme=${Array.from({ length: 80 }, (_, i) => i + 1).join(",")}`);
    expect(long.filter.q).toHaveLength(500);
    expect(long.filter.themes).toHaveLength(50);
    expect(long.notes).toHaveLength(2);
  });
});

describe("spellings left out and searches with nothing to find", () => {
  it("keeps the register's spellings left out only with a search, in the URL as sorted ids", () => {
    const { filter, notes } = parse("q=Kim+Jong-un&noalias=12,5,x");
    expect(filter.noAliases).toEqual([5, 12]);
    expect(notes).toEqual(['Ignored noalias "x": not an id.']);
    expect(filterToQueryString(filter)).toBe("q=Kim+Jong-un&noalias=5%2C12");
    expect(parse("noalias=12").filter.noAliases).toBeUndefined();
  });

  it("says why a search of punctuation alone is ignored", () => {
    const { filter, notes } = parse("q=%3F%21+-+*");
    expect(filter.q).toBeUndefined();
    expect(notes).toEqual(['Ignored the search "?! - *": it has no letters or digits to look for.']);
  });
});

describe("filterToSearchParams", () => {
  it("writes a stable, minimal query string", () => {
    const filter: ArticleFilter = {
      q: "missile  launch ",
      from: new Date("2024-01-01T00:00:00Z"),
      to: new Date("2024-12-31T00:00:00Z"),
      themes: [7, 3, 3],
      tags: [2],
      tagMode: "any",
      status: ["FLAGGED", "NEW"],
      annotated: false,
      sort: "newest",
    };
    expect(filterToQueryString(filter)).toBe(
      "q=missile++launch&from=2024-01-01&to=2024-12-31&theme=3%2C7&tag=2&status=new%2Cflagged&annotated=no",
    );
  });

  it("leaves out the tag mode without tags and the cursor on request", () => {
    const params = filterToSearchParams({ tagMode: "none", sort: "oldest", cursor: "oa.b.c" }, { cursor: false });
    expect(params.toString()).toBe("sort=oldest");
  });

  it("round-trips through the parser", () => {
    const query =
      "q=%22exact+phrase%22+-nuclear&from=2020-02-29&theme=1%2C2&source=4&tag=5%2C6&tagMode=none&status=reviewed&annotated=yes&undated=hide&lang=en%2Cru&sort=relevance&cursor=ra.1.2.3";
    const { filter, notes } = parse(query);
    expect(notes).toEqual([]);
    expect(filterToQueryString(filter)).toBe(query);
    expect(parse(filterToQueryString(filter)).filter).toEqual(filter);
  });
});

describe("dates", () => {
  it("parses only real days", () => {
    expect(parseDay("2024-02-29")).toEqual(new Date("2024-02-29T00:00:00Z"));
    expect(parseDay("2023-02-29")).toBeNull();
    expect(parseDay("2024-2-1")).toBeNull();
  });

  it("resolves every preset in UTC", () => {
    expect(resolveDatePreset("today", NOW)).toEqual({
      from: new Date("2026-03-15T00:00:00Z"),
      to: new Date("2026-03-15T00:00:00Z"),
    });
    expect(resolveDatePreset("30d", NOW).from).toEqual(new Date("2026-02-14T00:00:00Z"));
    expect(resolveDatePreset("year", NOW).from).toEqual(new Date("2026-01-01T00:00:00Z"));
  });

  it("ends a range at the next midnight", () => {
    expect(endExclusive(new Date("2024-12-31T00:00:00Z"))).toEqual(new Date("2025-01-01T00:00:00Z"));
  });
});

describe("the change filter", () => {
  it("reads edited and gone, drops the rest with a note, and writes them back in a fixed order", () => {
    const { filter, notes } = parseArticleFilter("changed=gone,edited,deleted&range=7d", {
      now: new Date("2026-12-03"),
    });
    expect(filter.changed).toEqual(["edited", "gone"]);
    expect(notes).toEqual(['Ignored changed "deleted": expected edited, gone.']);
    expect(filterToQueryString(filter)).toBe("range=7d&changed=edited,gone".replace(",", "%2C"));
  });
});
