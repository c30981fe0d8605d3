import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { commonWords } from "@/lib/search/common-words";
import { articleFacets, listArticles } from "@/lib/search/list-articles";
import type { ArticleFilter } from "@/lib/validation/article-filter";
import { createTestSource, insertTestArticles, randomTag } from "@/test/factories";

// A sparse phrase search's first page is looked for in its newest year first (year-windows.ts), asked of the index
// through its year lexemes. The page, the next page and the counts must be those of the whole search.

const filter: ArticleFilter = { q: '"amber lantern"', tagMode: "any", sort: "newest" };
let phraseIds: number[] = [];
let sourceId = 0;

beforeAll(async () => {
  const run = randomTag();
  const source = await createTestSource(run, "Window wire");
  sourceId = source.id;
  const at = (year: number, month: number, day = 3) => new Date(Date.UTC(year, month - 1, day, 6));
  const phrase = [
    ...[1, 2, 3, 4, 5, 6, 7, 8].map((month) => at(2026, month)),
    ...[2018, 2019, 2020, 2021].flatMap((year) => [at(year, 2), at(year, 6), at(year, 10)]),
  ];
  const articles = [
    ...phrase.map((publishedAt, i) => ({ key: `p${i}`, publishedAt, body: `An amber lantern hung at gate ${i}.` })),
    // Both words, not the phrase: found by the index, then left out by the phrase check.
    ...[2026, 2025, 2019].map((year, i) => ({
      key: `l${i}`,
      publishedAt: at(year, 4, 20),
      body: `The lantern was amber and dim ${i}.`,
    })),
    // Newer than every match, so the newest rows hold none and the search counts as sparse (the GIN index drives).
    ...Array.from({ length: 420 }, (_, i) => ({
      key: `f${i}`,
      publishedAt: new Date(Date.UTC(2026, 8, 1) + i * 3_600_000 * 4),
      body: `Filler story ${i} about the harvest.`,
    })),
  ];
  const rows = await insertTestArticles(run, source.id, articles);
  phraseIds = rows
    .slice(0, phrase.length)
    .map((row, i) => ({ ...row, i }))
    .sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime() || b.id - a.id)
    .map((row) => row.id);
});

function recordingClient(values: unknown[][]) {
  return {
    $queryRaw<T>(query: Prisma.Sql) {
      values.push(query.values);
      return db.$queryRaw<T>(query);
    },
  };
}

describe("a sparse phrase search by year windows", () => {
  it("lists the newest page from the newest year, then pages on into the earlier years", async () => {
    const values: unknown[][] = [];
    const first = await listArticles(filter, { take: 5, client: recordingClient(values) });
    expect(first.textMode).toBe("index");
    expect(first.items.map((item) => item.id)).toEqual(phraseIds.slice(0, 5));
    // The whole search names no year: a year lexeme in a statement is the window's.
    expect(values.some((list) => list.some((value) => typeof value === "string" && value.startsWith("'~y")))).toBe(
      true,
    );
    expect(first.total).toEqual({ value: phraseIds.length, exact: true, kind: "exact" });

    const ids = first.items.map((item) => item.id);
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await listArticles({ ...filter, cursor }, { take: 5 });
      ids.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    }
    expect(ids).toEqual(phraseIds);
  });

  it("counts the facets of every match when the newest years hold too few", async () => {
    const facets = await articleFacets(filter);
    const source = facets.sources.counts.find((count) => count.id === sourceId);
    expect(source?.count).toBe(phraseIds.length);
    expect(facets.sources.exact).toBe(true);
  });
});

describe("search_loose_words", () => {
  const loose = async (text: string, common: (string | null)[]) => {
    const [row] = await db.$queryRaw<{ q: string }[]>(
      Prisma.sql`SELECT search_loose_words(search_fold(${text}), ${common}::text[])::text AS q`,
    );
    return row.q;
  };

  it("leaves the common words out of what the index is asked while a rarer word is left", async () => {
    expect(await loose("Kim Jae-ryong", ["kim", "jong"])).toBe("'jae' & 'ryong'");
    expect(await loose("Kim Jae-ryong", ["kim", null])).toBe("'jae' & 'ryong'");
    expect(await loose("Kim Jong", ["kim", "jong"])).toBe("'jong' & 'kim'");
    expect(await loose("Kim Jae-ryong", [])).toBe("'jae' & 'kim' & 'ryong'");
  });
});

describe("commonWords", () => {
  it("reads the statistics once for many searches resolved at the same time, and again when they are old", async () => {
    const values: unknown[][] = [];
    const client = recordingClient(values);
    const later = Date.now() + 3_600_000;
    const lists = await Promise.all(Array.from({ length: 5 }, () => commonWords(client, later)));
    expect(values).toHaveLength(1);
    expect(new Set(lists.map((list) => JSON.stringify(list))).size).toBe(1);
    await commonWords(client, later + 60_000);
    expect(values).toHaveLength(1);
    await commonWords(client, later + 3_600_000);
    expect(values).toHaveLength(2);
  });
});
