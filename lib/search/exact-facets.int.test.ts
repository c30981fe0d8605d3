import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { articleFacets, FACET_SAMPLE } from "@/lib/search/article-facets";
import { parseArticleFilter } from "@/lib/validation/article-filter";
import { createDeskFixture, type DeskFixture } from "@/test/desk-fixture";

// A result larger than the facet sample is counted on its newest articles only, and says so; asked for the
// exact figures, every match is counted. A filter the precomputed counts answer (dates alone) is exact at once.
// 2,700 articles of 1956 (a year no other test uses) from one source.

const EXTRA = FACET_SAMPLE + 200;
let f: DeskFixture;

describe("exact facet counts on demand", () => {
  beforeAll(async () => {
    f = await createDeskFixture(db, "facets", { year: 1956, articles: 1 });
    const [source] = await db.article.findMany({ where: { id: f.articleIds[0] }, select: { sourceId: true } });
    await db.$executeRaw`
      INSERT INTO articles (source_id, title, body_text, excerpt, published_at, fingerprint, updated_at)
      SELECT ${source.sourceId}, 'Facet filler ' || n, 'Filler text ' || n, 'Filler', 
             make_timestamptz(1956, 1, 1, 0, 0, 0, 'UTC') + n * interval '1 hour', 'facet-filler-' || ${f.run} || '-' || n, now()
      FROM generate_series(1, ${EXTRA}) AS n`;
  }, 60_000);
  afterAll(async () => {
    await db.$executeRaw`DELETE FROM articles WHERE fingerprint LIKE ${`facet-filler-${f.run}-%`}`;
    await f.cleanup();
  });

  it("samples a large result, and counts it all when asked", async () => {
    // Every one of them is NEW: the status has them counted from the articles.
    const { filter } = parseArticleFilter("from=1956-01-01&to=1956-12-31&status=new");
    const sampled = await articleFacets(filter);
    expect(sampled.sources).toMatchObject({ exact: false, sampled: FACET_SAMPLE });
    expect(sampled.sources.counts[0].count).toBeLessThanOrEqual(FACET_SAMPLE + 1);

    const exact = await articleFacets(filter, { exact: true });
    expect(exact.sources.exact).toBe(true);
    expect(exact.sources.counts).toHaveLength(1);
    expect(exact.sources.counts[0].count).toBe(EXTRA + 1);
  });

  it("counts a filter of dates exactly from the precomputed counts", async () => {
    const { filter } = parseArticleFilter("from=1956-01-01&to=1956-12-31");
    const facets = await articleFacets(filter);
    expect(facets.sources).toMatchObject({ exact: true, sampled: EXTRA + 1 });
    expect(facets.sources.counts.map((facet) => facet.count)).toEqual([EXTRA + 1]);
  });
});
