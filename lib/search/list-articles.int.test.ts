import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { buildSelection, selectRows } from "@/lib/search/article-sql";
import { snippetSql } from "@/lib/search/highlight";
import { parseSearchQuery } from "@/lib/search/query-syntax";
import { resolveFilter } from "@/lib/search/resolve-filter";
import { markSnippets } from "@/lib/search/snippets";
import {
  articleFacets,
  articleTimeline,
  listArticles,
  RELEVANCE_CANDIDATES,
  type ArticleListPage,
} from "@/lib/search/list-articles";
import type { ArticleFilter } from "@/lib/validation/article-filter";
import {
  createArticleFixture,
  FIXTURE_FROM,
  FIXTURE_SIZE,
  FIXTURE_TO,
  newestFirst,
  type ArticleFixture,
  type FixtureArticle,
} from "@/test/article-list-fixture";

let fx: ArticleFixture;

beforeAll(async () => {
  fx = await createArticleFixture(db);
});

/** The fixture's years: other tests' articles are never that old. */
const inFixture = (extra: Partial<ArticleFilter> = {}): ArticleFilter => ({
  tagMode: "any",
  sort: "newest",
  from: FIXTURE_FROM,
  to: FIXTURE_TO,
  ...extra,
});

async function collectForward(
  filter: ArticleFilter,
  take: number,
): Promise<{ ids: number[]; pages: ArticleListPage[] }> {
  const pages: ArticleListPage[] = [];
  let cursor: string | undefined;
  do {
    const page = await listArticles({ ...filter, cursor }, { take });
    pages.push(page);
    cursor = page.nextCursor ?? undefined;
    expect(pages.length).toBeLessThan(200);
  } while (cursor);
  return { ids: pages.flatMap((page) => page.items.map((item) => item.id)), pages };
}

function expected(predicate: (article: FixtureArticle) => boolean): number[] {
  return fx.articles
    .filter(predicate)
    .sort(newestFirst)
    .map((article) => article.id);
}

async function textMatches(tsquery: Prisma.Sql): Promise<Set<number>> {
  const ids = fx.articles.map((article) => article.id);
  const rows = await db.$queryRaw<{ id: number }[]>(
    Prisma.sql`SELECT id FROM articles WHERE id = ANY(${ids}::int[]) AND search @@ ${tsquery}`,
  );
  return new Set(rows.map((row) => row.id));
}

const websearch = (q: string) => textMatches(Prisma.sql`websearch_to_tsquery('english', ${q})`);

describe("listArticles filters", () => {
  it("lists the fixture's years newest first with an exact total", async () => {
    const { ids, pages } = await collectForward(inFixture(), 97);
    expect(ids).toEqual(expected(() => true));
    expect(pages[0].total).toEqual({ value: FIXTURE_SIZE, exact: true, kind: "exact" });
  });

  it.each([
    [
      "one theme",
      (f: ArticleFixture) => ({ themes: [f.themes[0]] }),
      (a: FixtureArticle, f: ArticleFixture) => a.themes.includes(f.themes[0]),
    ],
    [
      "a theme removed by hand on some rows",
      (f: ArticleFixture) => ({ themes: [f.themes[2]] }),
      (a: FixtureArticle, f: ArticleFixture) => a.i % 10 === 0 && a.themes.includes(f.themes[2]),
    ],
    [
      "any of two themes",
      (f: ArticleFixture) => ({ themes: [f.themes[1], f.themes[2]] }),
      (a: FixtureArticle, f: ArticleFixture) => a.themes.includes(f.themes[1]) || a.themes.includes(f.themes[2]),
    ],
    [
      "one source",
      (f: ArticleFixture) => ({ sources: [f.sources[1]] }),
      (a: FixtureArticle, f: ArticleFixture) => a.sourceId === f.sources[1],
    ],
    [
      "one tag",
      (f: ArticleFixture) => ({ tags: [f.tags[0]] }),
      (a: FixtureArticle, f: ArticleFixture) => a.tags.includes(f.tags[0]),
    ],
    [
      "any of two tags",
      (f: ArticleFixture) => ({ tags: [f.tags[1], f.tags[2]] }),
      (a: FixtureArticle, f: ArticleFixture) => a.tags.includes(f.tags[1]) || a.tags.includes(f.tags[2]),
    ],
    [
      "all of two tags",
      (f: ArticleFixture) => ({ tags: [f.tags[0], f.tags[1]], tagMode: "all" as const }),
      (a: FixtureArticle, f: ArticleFixture) => a.tags.includes(f.tags[0]) && a.tags.includes(f.tags[1]),
    ],
  ])("filters by %s alone", async (_name, make, predicate) => {
    const { ids, pages } = await collectForward({ tagMode: "any", sort: "newest", ...make(fx) }, 50);
    const want = expected((article) => predicate(article, fx));
    expect(want.length).toBeGreaterThan(0);
    expect(ids).toEqual(want);
    expect(pages[0].total).toMatchObject({ value: want.length, exact: true });
  });

  it.each([
    [
      "no tag of two",
      { tagMode: "none" as const },
      (a: FixtureArticle) => !a.tags.includes(fx.tags[0]) && !a.tags.includes(fx.tags[2]),
    ],
    ["a status", { status: ["FLAGGED" as const] }, (a: FixtureArticle) => a.reviewStatus === "FLAGGED"],
    [
      "two statuses",
      { status: ["NEW" as const, "REVIEWED" as const] },
      (a: FixtureArticle) => a.reviewStatus !== "FLAGGED",
    ],
    ["annotated", { annotated: true }, (a: FixtureArticle) => a.annotations > 0],
    ["not annotated", { annotated: false }, (a: FixtureArticle) => a.annotations === 0],
    ["language", { language: ["ko"] }, (a: FixtureArticle) => a.language === "ko"],
    ["dated only", { hideUndated: true }, (a: FixtureArticle) => !a.undated],
  ])("filters by %s within the fixture's dates", async (_name, extra, predicate) => {
    const filter = inFixture({ ...extra, ...("tagMode" in extra ? { tags: [fx.tags[0], fx.tags[2]] } : {}) });
    const { ids } = await collectForward(filter, 60);
    const want = expected(predicate);
    expect(want.length).toBeGreaterThan(0);
    expect(ids).toEqual(want);
  });

  it("filters by an inclusive UTC day range", async () => {
    const from = new Date("1961-06-01T00:00:00Z");
    const to = new Date("1961-09-30T00:00:00Z");
    const { ids } = await collectForward(inFixture({ from, to }), 30);
    const end = new Date("1961-10-01T00:00:00Z");
    expect(ids).toEqual(expected((a) => a.publishedAt >= from && a.publishedAt < end));
  });

  it("combines every filter", async () => {
    const filter = inFixture({
      q: "zebracorn",
      themes: [fx.themes[0]],
      sources: [fx.sources[0]],
      tags: [fx.tags[0]],
      status: ["NEW", "REVIEWED"],
      language: ["en"],
      annotated: true,
      hideUndated: true,
      from: new Date("1961-03-01T00:00:00Z"),
      to: new Date("1962-06-30T00:00:00Z"),
    });
    const text = await websearch("zebracorn");
    const end = new Date("1962-07-01T00:00:00Z");
    const want = expected(
      (a) =>
        text.has(a.id) &&
        a.themes.includes(fx.themes[0]) &&
        a.sourceId === fx.sources[0] &&
        a.tags.includes(fx.tags[0]) &&
        a.reviewStatus !== "FLAGGED" &&
        a.language === "en" &&
        a.annotations > 0 &&
        !a.undated &&
        a.publishedAt < end,
    );
    expect(want.length).toBeGreaterThan(3);
    expect((await collectForward(filter, 3)).ids).toEqual(want);
    // Tag mode "all" with a theme, and "none" with a source, take other drivers.
    const all = await collectForward(
      inFixture({ tags: [fx.tags[0], fx.tags[1]], tagMode: "all", themes: [fx.themes[1]] }),
      5,
    );
    expect(all.ids).toEqual(
      expected((a) => a.tags.includes(fx.tags[0]) && a.tags.includes(fx.tags[1]) && a.themes.includes(fx.themes[1])),
    );
    const none = await collectForward(
      inFixture({
        tags: [fx.tags[0]],
        tagMode: "none",
        sources: [fx.sources[1]],
        themes: [fx.themes[0], fx.themes[1]],
      }),
      40,
    );
    expect(none.ids).toEqual(
      expected(
        (a) =>
          !a.tags.includes(fx.tags[0]) &&
          a.sourceId === fx.sources[1] &&
          (a.themes.includes(fx.themes[0]) || a.themes.includes(fx.themes[1])),
      ),
    );
  });

  it("returns the rows' relations", async () => {
    const page = await listArticles(inFixture({ annotated: true, tags: [fx.tags[1]] }), { take: 5 });
    for (const item of page.items) {
      const article = fx.byId.get(item.id)!;
      expect(item.themes.map((theme) => theme.id).sort()).toEqual([...article.themes].sort());
      expect(item.tags.map((tag) => tag.id).sort()).toEqual([...article.tags].sort());
      expect(item.annotationCount).toBe(article.annotations);
      expect(item.undated).toBe(article.undated);
      expect(item.source.id).toBe(article.sourceId);
      expect(item.title).toBe(article.title);
      expect(item.excerpt.every((segment) => !segment.match)).toBe(true);
    }
    expect(page.items[0].themes[0]).toMatchObject({
      color: "#123456",
      origin: expect.stringMatching(/^(RULE|MANUAL)$/),
    });
  });
});

describe("listArticles keyset paging", () => {
  it("pages through ties without gaps or repeats, forward and back", async () => {
    const filter = inFixture();
    const { ids, pages } = await collectForward(filter, 7);
    expect(new Set(ids).size).toBe(FIXTURE_SIZE);
    expect(ids).toEqual(expected(() => true));
    expect(pages[0].prevCursor).toBeNull();
    expect(pages[pages.length - 1].nextCursor).toBeNull();

    // Back from the last page, page by page, to the first.
    const back: number[][] = [];
    let cursor = pages[pages.length - 1].prevCursor ?? undefined;
    while (cursor) {
      const page = await listArticles({ ...filter, cursor }, { take: 7 });
      back.unshift(page.items.map((item) => item.id));
      cursor = page.prevCursor ?? undefined;
    }
    expect(back.flat()).toEqual(ids.slice(0, ids.length - pages[pages.length - 1].items.length));
    expect(back[0]).toEqual(pages[0].items.map((item) => item.id));
  });

  it("pages oldest first", async () => {
    const { ids } = await collectForward(inFixture({ sort: "oldest", themes: [fx.themes[0]] }), 11);
    expect(ids).toEqual(expected((a) => a.themes.includes(fx.themes[0])).reverse());
  });

  it("pages a dense search walked in date order and a sparse one by index", async () => {
    const dense = await collectForward(inFixture({ q: "zebracorn" }), 45);
    expect(dense.pages[0].textMode).toBe("walk");
    const denseIds = await websearch("zebracorn");
    expect(dense.ids).toEqual(expected((a) => denseIds.has(a.id)));
    const estimate = dense.pages[0].total!;
    expect(estimate).toMatchObject({ exact: false, kind: "estimate" });
    expect(Math.abs(estimate.value - denseIds.size)).toBeLessThan(denseIds.size * 0.2);

    const sparse = await collectForward(inFixture({ q: "quasarfold" }), 2);
    expect(sparse.pages[0].textMode).toBe("index");
    const sparseIds = await websearch("quasarfold");
    expect(sparse.ids).toEqual(expected((a) => sparseIds.has(a.id)));
    expect(sparse.pages[0].total).toEqual({ value: sparseIds.size, exact: true, kind: "exact" });
  });

  it("counts a sparse search in the page query, and leaves the total out on request", async () => {
    const page = await listArticles(inFixture({ q: "quasarfold" }), { take: 1 });
    expect(page.textMode).toBe("index");
    expect(page.nextCursor).not.toBeNull();
    expect(page.total).toEqual({ value: 3, exact: true, kind: "exact" });
    expect((await listArticles(inFixture({ q: "quasarfold" }), { take: 1, count: false })).total).toBeNull();
    expect((await listArticles(inFixture(), { take: 1, count: false })).total).toBeNull();
  });

  it("ignores a cursor made for another sort", async () => {
    const first = await listArticles(inFixture(), { take: 3 });
    const page = await listArticles(inFixture({ sort: "oldest", cursor: first.nextCursor! }), { take: 3 });
    expect(page.prevCursor).toBeNull();
    expect(page.items[0].id).toBe(expected(() => true).at(-1));
  });
});

describe("listArticles full text", () => {
  it.each(['"red banner"', "zebracorn -harvest", "quasarfold OR glimmerwick", "glimmerwick bulletin", "red banner"])(
    "matches what websearch_to_tsquery matches for %s",
    async (q) => {
      const { ids } = await collectForward(inFixture({ q }), 100);
      const want = await websearch(q);
      expect(want.size).toBeGreaterThan(0);
      expect(ids).toEqual(expected((a) => want.has(a.id)));
    },
  );

  it("matches prefixes and Hangul", async () => {
    const prefix = await collectForward(inFixture({ q: "missilex*" }), 100);
    const want = await textMatches(Prisma.sql`to_tsquery('english', 'missilex:*')`);
    expect(want.size).toBe(fx.articles.filter((a) => a.i % 13 === 0 || a.i % 17 === 0).length);
    expect(prefix.ids).toEqual(expected((a) => want.has(a.id)));

    const hangul = await collectForward(inFixture({ q: "평양축전" }), 100);
    expect(hangul.ids).toEqual(expected((a) => a.i % 50 === 0));
  });

  it("excludes with -, including a phrase", async () => {
    const { ids } = await collectForward(inFixture({ q: 'banner -"red banner"' }), 100);
    expect(ids).toEqual(expected((a) => a.i % 10 === 4));
  });

  it("finds nothing for stop words alone, and treats a search without terms as none", async () => {
    expect((await listArticles(inFixture({ q: "the" }))).items).toEqual([]);
    const blank = await listArticles(inFixture({ q: ' - "" ' }), { take: 5 });
    expect(blank.items.map((item) => item.id)).toEqual(expected(() => true).slice(0, 5));
  });

  it("highlights the matched words in the excerpt", async () => {
    const page = await listArticles(inFixture({ q: '"red banner" missilex*' }), { take: 5 });
    expect(page.items.length).toBeGreaterThan(0);
    for (const item of page.items) {
      const matched = item.excerpt.filter((segment) => segment.match).map((segment) => segment.text.toLowerCase());
      expect(matched).toContain("red banner");
      expect(matched.some((text) => text.startsWith("missilex"))).toBe(true);
      expect(item.excerpt.map((segment) => segment.text).join("")).not.toMatch(/[\u0002\u0003]/);
    }
  });

  it("shows the passage around a match further down the body, and the excerpt when the opening has none", async () => {
    const filler = "The report went on about other matters entirely. ".repeat(30);
    const body = `${filler}Then the zebracorn parade crossed the square. ${filler}`;
    const tsquery = Prisma.sql`websearch_to_tsquery('english', 'zebracorn')`;
    const query = parseSearchQuery("zebracorn");
    const snippet = async (text: string, excerpt: string) => {
      const [row] = await db.$queryRaw<{ s: [string, string] }[]>(
        Prisma.sql`SELECT ${snippetSql(
          Prisma.sql`${text}::text`,
          Prisma.sql`${excerpt}::text`,
          Prisma.sql`article_opening_vector(${excerpt}::text)`,
          tsquery,
        )} AS s`,
      );
      return (await markSnippets(db, [row.s], query))[0];
    };
    const near = await snippet(body, body.slice(0, 240));
    expect(near.filter((segment) => segment.match).map((segment) => segment.text)).toEqual(["zebracorn"]);
    expect(near.map((segment) => segment.text).join("").length).toBeLessThan(400);
    const far = await snippet(`${"Nothing here. ".repeat(600)}zebracorn`, "The excerpt mentions a zebracorn too.");
    expect(far.map((segment) => segment.text).join("")).toBe("The excerpt mentions a zebracorn too.");
    expect(far.filter((segment) => segment.match).map((segment) => segment.text)).toEqual(["zebracorn"]);
  });

  it("sorts by relevance: title matches first, ranks never rising, pages without repeats", async () => {
    const sparse = await listArticles(inFixture({ q: "quasarfold", sort: "relevance" }));
    expect(sparse.items.map((item) => item.id)[0]).toBe(fx.articles[250].id);
    expect(sparse.relevance).toEqual({ candidates: 3, capped: false });
    expect(sparse.total).toEqual({ value: 3, exact: true, kind: "exact" });

    const filter = inFixture({ q: "zebracorn bulletin", sort: "relevance" });
    const { ids, pages } = await collectForward(filter, 64);
    const ranks = pages.flatMap((page) => page.items.map((item) => item.rank!));
    expect(ranks.every((rank, index) => index === 0 || rank <= ranks[index - 1])).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(RELEVANCE_CANDIDATES);
    expect(pages[0].relevance).toEqual({ candidates: RELEVANCE_CANDIDATES, capped: true });
    // The candidates are the newest matches.
    const matches = await websearch("zebracorn bulletin");
    expect(new Set(ids)).toEqual(new Set(expected((a) => matches.has(a.id)).slice(0, RELEVANCE_CANDIDATES)));

    const second = pages[1];
    const back = await listArticles({ ...filter, cursor: second.prevCursor! }, { take: 64 });
    expect(back.items.map((item) => item.id)).toEqual(pages[0].items.map((item) => item.id));
  });

  it("ranks small pages, forward and back, exactly as one page of every candidate", async () => {
    // The opening's share is worked out only for the rows that can reach the page (relevance.ts). One page holding
    // every candidate works it out for all; pages of 7 must give the same order and ranks. "harvest" and "factory"
    // stand in some titles and some openings, so the opening's share varies.
    const filter = inFixture({ q: "harvest factory", sort: "relevance", from: new Date("1962-01-01T00:00:00Z") });
    const whole = await listArticles(filter, { take: 200 });
    expect(whole.relevance?.capped).toBe(false);
    expect(whole.items.length).toBeGreaterThan(30);
    expect(new Set(whole.items.map((item) => item.explain!.lead)).size).toBeGreaterThan(1);
    const small = await collectForward(filter, 7);
    const rankedIds = (items: ArticleListPage["items"]) => items.map((item) => [item.id, item.rank]);
    expect(small.pages.flatMap((page) => rankedIds(page.items))).toEqual(rankedIds(whole.items));
    const walkedBack: ArticleListPage["items"] = [];
    let cursor = small.pages[small.pages.length - 1].prevCursor;
    while (cursor) {
      const page = await listArticles({ ...filter, cursor }, { take: 7 });
      walkedBack.unshift(...page.items);
      cursor = page.prevCursor;
    }
    expect(rankedIds(walkedBack)).toEqual(rankedIds(whole.items).slice(0, walkedBack.length));
    expect(walkedBack.length).toBe(whole.items.length - small.pages[small.pages.length - 1].items.length);
  });

  it("finds a sparse phrase by its words in the index, checking the phrase only on the rows it lists", async () => {
    const phrase = [7, 240, 473].map((i) => fx.articles[i].id);
    const page = await listArticles(inFixture({ q: '"Kim Jae Ryong"' }));
    expect(page.textMode).toBe("index");
    expect(page.items.map((item) => item.id)).toEqual(expected((a) => phrase.includes(a.id)));
    expect(page.total).toEqual({ value: 3, exact: true, kind: "exact" });
    const paged = await collectForward(inFixture({ q: '"Kim Jae Ryong"' }), 1);
    expect(paged.ids).toEqual(expected((a) => phrase.includes(a.id)));
    const ranked = await listArticles(inFixture({ q: '"Kim Jae Ryong"', sort: "relevance" }));
    expect(ranked.items.map((item) => item.id).sort()).toEqual([...phrase].sort());
  });

  it("explains each rank by its parts, and weighs recency by the half-life asked for", async () => {
    const filter = inFixture({ q: "zebracorn bulletin", sort: "relevance" });
    const now = new Date("1963-01-01T00:00:00Z");
    const page = await listArticles(filter, { take: 20, now });
    for (const item of page.items) {
      const { title, titlePhrase, lead, proximity, recency, ageDays, halfLifeDays, weights, score } = item.explain!;
      const relevance =
        weights.title * title +
        weights.titlePhrase * Number(titlePhrase) +
        weights.lead * lead +
        weights.proximity * proximity;
      expect(score).toBeCloseTo(relevance * recency, 5);
      expect(recency).toBeCloseTo(0.5 ** (ageDays / halfLifeDays), 2);
      expect(score).toBeCloseTo(item.rank!, 6);
    }
    // A half-life of a month lets the newest matches win; ten years leaves relevance to decide.
    const month = await listArticles(filter, {
      take: 20,
      now,
      ranking: { weights: page.items[0].explain!.weights, halfLifeDays: 30 },
    });
    const newest = (items: typeof page.items) => Math.max(...items.map((item) => item.publishedAt.getTime()));
    expect(month.items[0].publishedAt.getTime()).toBe(newest(month.items));
    expect(month.items.map((item) => item.id)).not.toEqual(page.items.map((item) => item.id));
  });
});

describe("articleFacets", () => {
  it("counts each dimension under the other filters, like a brute-force count", async () => {
    const filter = inFixture({ themes: [fx.themes[0]], tags: [fx.tags[0]], q: "zebracorn" });
    const text = await websearch("zebracorn");
    const facets = await articleFacets(filter);

    const countBy = (rows: FixtureArticle[], keys: (a: FixtureArticle) => number[]) => {
      const counts = new Map<number, number>();
      for (const row of rows) for (const key of keys(row)) counts.set(key, (counts.get(key) ?? 0) + 1);
      return counts;
    };
    const asMap = (counts: { id: number; count: number }[]) => new Map(counts.map((c) => [c.id, c.count]));

    const forThemes = fx.articles.filter((a) => text.has(a.id) && a.tags.includes(fx.tags[0]));
    expect(asMap(facets.themes.counts)).toEqual(countBy(forThemes, (a) => a.themes));
    const forTags = fx.articles.filter((a) => text.has(a.id) && a.themes.includes(fx.themes[0]));
    expect(asMap(facets.tags.counts)).toEqual(countBy(forTags, (a) => a.tags));
    const forSources = fx.articles.filter(
      (a) => text.has(a.id) && a.themes.includes(fx.themes[0]) && a.tags.includes(fx.tags[0]),
    );
    expect(asMap(facets.sources.counts)).toEqual(countBy(forSources, (a) => [a.sourceId]));

    expect(facets.themes).toMatchObject({ exact: true, sampled: forThemes.length });
    expect(facets.themes.counts.find((c) => c.id === fx.themes[0])).toMatchObject({
      selected: true,
      name: expect.stringContaining("List theme 1"),
    });
    expect(facets.sources.counts.every((c) => !c.selected)).toBe(true);
  });
});

describe("articleFacets from the counts", () => {
  it("counts dates, sources, one theme and one tag exactly, each dimension under the others", async () => {
    const spring = { from: new Date("1961-03-01T00:00:00Z"), to: new Date("1961-06-14T00:00:00Z") };
    const cases: Partial<ArticleFilter>[] = [
      {},
      { themes: [fx.themes[0]] },
      { tags: [fx.tags[1]] },
      { sources: [fx.sources[0], fx.sources[1]] },
      { ...spring, sources: [fx.sources[1]], themes: [fx.themes[2]] },
      // Three dimensions: the sources facet (under a theme and a tag) is counted from the articles.
      { ...spring, themes: [fx.themes[1]], tags: [fx.tags[0]] },
    ];
    for (const extra of cases) {
      const filter = inFixture(extra);
      const facets = await articleFacets(filter);
      const inRange = fx.articles.filter(
        (a) => a.publishedAt >= filter.from! && a.publishedAt < new Date(filter.to!.getTime() + 86_400_000),
      );
      const keep = (a: FixtureArticle, omit: "themes" | "sources" | "tags") =>
        (omit === "themes" || !filter.themes || a.themes.includes(filter.themes[0])) &&
        (omit === "tags" || !filter.tags || a.tags.includes(filter.tags[0])) &&
        (omit === "sources" || !filter.sources || filter.sources.includes(a.sourceId));
      const expected = (omit: "themes" | "sources" | "tags", keys: (a: FixtureArticle) => number[]) => {
        const counts = new Map<number, number>();
        for (const row of inRange.filter((a) => keep(a, omit)))
          for (const key of keys(row)) counts.set(key, (counts.get(key) ?? 0) + 1);
        return counts;
      };
      const asMap = (group: { counts: { id: number; count: number }[] }) =>
        new Map(group.counts.map((c) => [c.id, c.count]));
      const label = JSON.stringify(extra);
      expect(asMap(facets.themes), label).toEqual(expected("themes", (a) => a.themes));
      expect(asMap(facets.sources), label).toEqual(expected("sources", (a) => [a.sourceId]));
      expect(asMap(facets.tags), label).toEqual(expected("tags", (a) => a.tags));
      for (const group of Object.values(facets)) expect(group.exact, label).toBe(true);
    }
  });
});

describe("articleTimeline", () => {
  it("reads a filter of dates from the counts: exact totals and overlapping theme series", async () => {
    const filter = inFixture();
    const timeline = await articleTimeline(filter, { bucket: "month", topThemes: 2 });
    const list = await listArticles(filter, { take: 1 });
    expect(timeline).toMatchObject({ stacking: "overlapping", exact: true, sampleRate: 1 });
    expect(timeline.total).toBe(list.total?.value);
    // Ranked by articles: theme 1 is on every other row, theme 2 on every third, theme 3 on 70 (less its exclusions).
    expect(timeline.series.map((s) => s.themeId)).toEqual([fx.themes[0], fx.themes[1]]);
    expect(timeline.buckets).toHaveLength(24);
    for (const bucket of timeline.buckets) {
      const rows = fx.articles.filter(
        (a) =>
          a.publishedAt >= bucket.start &&
          a.publishedAt.getTime() < new Date(bucket.start).setUTCMonth(bucket.start.getUTCMonth() + 1),
      );
      expect(bucket.total).toBe(rows.length);
      expect(bucket.counts).toEqual([
        rows.filter((a) => a.themes.includes(fx.themes[0])).length,
        rows.filter((a) => a.themes.includes(fx.themes[1])).length,
      ]);
    }

    // Under one theme, the theme is the series; under a tag, the themes among the tag's articles; by day too.
    const march = { from: new Date("1961-03-01T00:00:00Z"), to: new Date("1961-03-31T00:00:00Z") };
    const underTheme = await articleTimeline(inFixture({ ...march, themes: [fx.themes[1]] }), { bucket: "day" });
    const themed = fx.articles.filter(
      (a) => a.publishedAt < new Date("1961-04-01T00:00:00Z") && a.themes.includes(fx.themes[1]),
    );
    expect(underTheme.series.map((s) => s.themeId)).toEqual([fx.themes[1]]);
    expect(underTheme.total).toBe(themed.length);
    for (const bucket of underTheme.buckets) expect(bucket.counts).toEqual([bucket.total]);
    const underTag = await articleTimeline(inFixture({ tags: [fx.tags[0]], sources: [fx.sources[1]] }), {
      bucket: "week",
      topThemes: 3,
    });
    const tagged = fx.articles.filter((a) => a.tags.includes(fx.tags[0]) && a.sourceId === fx.sources[1]);
    expect(underTag).toMatchObject({ stacking: "overlapping", exact: true, total: tagged.length, series: [] });
  });

  it("counts per month from the articles, stacked by the top themes, adding up to the list's total", async () => {
    // Teasers shown: the counts leave them out, so this filter is counted from the articles.
    const filter = inFixture({ showTeasers: true });
    const timeline = await articleTimeline(filter, { bucket: "month", topThemes: 2 });
    const list = await listArticles(filter, { take: 1 });
    expect(timeline).toMatchObject({ stacking: "exclusive", exact: true });
    expect(timeline.total).toBe(list.total?.value);
    expect(timeline.series.map((s) => s.themeId)).toEqual([fx.themes[0], fx.themes[1], null]);
    // Every month of the filter's range, empty ones included.
    expect(timeline.buckets).toHaveLength(24);
    for (const bucket of timeline.buckets) expect(bucket.counts.reduce((a, b) => a + b, 0)).toBe(bucket.total);

    const march1961 = fx.articles.filter(
      (a) => a.publishedAt.getUTCFullYear() === 1961 && a.publishedAt.getUTCMonth() === 2,
    );
    const bucket = timeline.buckets.find((b) => b.start.getTime() === Date.UTC(1961, 2, 1))!;
    expect(bucket.total).toBe(march1961.length);
    expect(bucket.counts[0]).toBe(march1961.filter((a) => a.themes.includes(fx.themes[0])).length);
    expect(bucket.counts[1]).toBe(
      march1961.filter((a) => !a.themes.includes(fx.themes[0]) && a.themes.includes(fx.themes[1])).length,
    );
  });

  it("samples a broad filter and scales the counts up", async () => {
    const cases: [ArticleFilter, string][] = [
      [inFixture({ themes: [fx.themes[0]], showTeasers: true }), "a theme walk"],
      [inFixture({ q: "zebracorn" }), "a dense search in a date range"],
      [{ tagMode: "any", sort: "newest", sources: [fx.sources[0]], status: ["NEW"] }, "scattered rows"],
    ];
    for (const [filter, kind] of cases) {
      const exact = await articleTimeline(filter, { bucket: "month" });
      const sampled = await articleTimeline(filter, { bucket: "month", rowBudget: 120 });
      expect(exact.exact, kind).toBe(true);
      expect(sampled.exact, kind).toBe(false);
      expect(sampled.sampleRate, kind).toBeLessThan(0.5);
      expect(Math.abs(sampled.total - exact.total), kind).toBeLessThan(exact.total * 0.35);
      for (const bucket of sampled.buckets) expect(bucket.counts.reduce((a, b) => a + b, 0)).toBe(bucket.total);
    }
  });

  it("samples a phrase search inside the index, by its hash lexemes, checking the phrase only on the rows kept", async () => {
    const resolved = await resolveFilter(db, inFixture({ q: '"red banner"' }));
    const selection = buildSelection(resolved, { textMode: "index", sampleBuckets: 8 });
    // The GIN index answers the words and the sample together: no row left out is read from the heap.
    expect(selection.where.sql).toMatch(/article_search_key\(a\.search, a\.published_at, a\.id\) @@ \(\(.*&&/s);
    expect(selection.where.values).toContain("'~s0' | '~s1' | '~s2' | '~s3' | '~s4' | '~s5' | '~s6' | '~s7'");
    const rows = await db.$queryRaw<{ id: number }[]>(
      Prisma.sql`SELECT s.id FROM (${selectRows(selection)}) s ORDER BY s.id`,
    );
    const phrase = fx.articles.filter((a) => a.i % 10 === 3).map((a) => a.id);
    const kept = await db.$queryRaw<{ id: number }[]>(
      Prisma.sql`SELECT id FROM unnest(${phrase}::int[]) AS id WHERE (hashint4(id) & 15) < 8 ORDER BY id`,
    );
    expect(kept.length).toBeGreaterThan(10);
    expect(kept.length).toBeLessThan(phrase.length);
    expect(rows.map((row) => row.id)).toEqual(kept.map((row) => row.id));
  });

  it("buckets by week from Monday and by day", async () => {
    const filter = inFixture({ from: new Date("1961-03-01T00:00:00Z"), to: new Date("1961-03-31T00:00:00Z") });
    const weeks = await articleTimeline(filter, { bucket: "week" });
    expect(weeks.buckets[0].start).toEqual(new Date("1961-02-27T00:00:00Z"));
    expect(weeks.buckets.every((b) => b.start.getUTCDay() === 1)).toBe(true);
    const days = await articleTimeline(filter, { bucket: "day" });
    expect(days.buckets).toHaveLength(31);
    expect(days.total).toBe(weeks.total);
    expect(days.total).toBe(fx.articles.filter((a) => a.publishedAt < new Date("1961-04-01T00:00:00Z")).length);
  });
});
