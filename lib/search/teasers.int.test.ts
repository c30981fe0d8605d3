import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { storeArticles } from "@/lib/ingest/store";
import { articleFacets, articleTimeline, listArticles } from "@/lib/search/list-articles";
import { parseArticleFilter } from "@/lib/validation/article-filter";

// Teasers (a "More From" title and a line) stay off the desk until their full text arrives: hidden by
// default from the list, its total, facets and timeline, shown with teasers=show, and the same article,
// complete, once the full text is stored (matched by URL, or by outlet, title and day without one).
// Dated in 2071, a year no other test uses.

const TAG = randomBytes(4).toString("hex");
const OUTLET = `Teaser Test ${TAG}`;
const YEAR = "from=2071-01-01&to=2071-12-31";
const BODY =
  "Pyongyang, January 5 (KCNA) -- A national meeting of agricultural workers was held in Pyongyang on Friday. " +
  "Speakers stressed the importance of seed improvement and water management for a rich harvest this year.";

async function idsFor(query: string) {
  const { filter } = parseArticleFilter(query);
  const page = await listArticles(filter, { take: 50 });
  return { ids: page.items.map((item) => item.id), total: page.total };
}

describe("teasers on the desk", () => {
  it("hides a teaser until its full text completes it, by URL and by title and day", async () => {
    const url = `https://teaser-test.example/${TAG}/meeting`;
    const title = `Agricultural workers meet [${TAG}]`;
    const publishedAt = new Date(Date.UTC(2071, 0, 5, 9));
    const [teaser, linkless] = await storeArticles([
      { title, body: BODY.slice(0, 110), publishedAt, source: OUTLET, url, complete: false },
      {
        title: `Seed farm visited [${TAG}]`,
        body: "A seed farm was visited.",
        publishedAt,
        source: OUTLET,
        url: null,
        complete: false,
      },
    ]);
    expect(teaser.status).toBe("created");
    expect(linkless.status).toBe("created");

    const hidden = await idsFor(YEAR);
    expect(hidden.ids).not.toContain(teaser.articleId);
    expect(hidden.ids).not.toContain(linkless.articleId);
    expect(hidden.total).toMatchObject({ value: 0, kind: "exact" });
    const shown = await idsFor(`${YEAR}&teasers=show`);
    expect(shown.ids.sort()).toEqual([teaser.articleId, linkless.articleId].sort());

    const { filter: yearFilter } = parseArticleFilter(YEAR);
    const facets = await articleFacets(yearFilter);
    expect(facets.sources.counts.find((facet) => facet.name === OUTLET)).toBeUndefined();
    const timeline = await articleTimeline(yearFilter, { bucket: "month" });
    expect(timeline.buckets.reduce((sum, bucket) => sum + bucket.total, 0)).toBe(0);

    // The full text by URL completes the first; the second is completed by outlet, title and day.
    const [completed, byTitle] = await storeArticles([
      { title, body: BODY, publishedAt, source: OUTLET, url },
      {
        title: `Seed farm visited [${TAG}]`,
        body: `${BODY} The seed farm was visited by officials.`,
        publishedAt,
        source: OUTLET,
        url: `https://teaser-test.example/${TAG}/seed-farm`,
      },
    ]);
    expect(completed).toMatchObject({ status: "completed", articleId: teaser.articleId });
    expect(byTitle).toMatchObject({ status: "completed", articleId: linkless.articleId });
    const now = await idsFor(YEAR);
    expect(now.ids.sort()).toEqual([teaser.articleId, linkless.articleId].sort());
    expect(await db.article.count({ where: { source: { name: OUTLET } } })).toBe(2);
  });
});
