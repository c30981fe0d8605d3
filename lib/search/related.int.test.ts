import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { moreFromSource, similarArticles } from "@/lib/search/related";
import { createTestSource, insertTestArticles, randomTag } from "@/test/factories";

// Articles of 1931, a year no other test uses, in two sources of this run; the similar ones share
// invented words no other article holds.
const run = randomTag();
const day = (d: number) => new Date(Date.UTC(1931, 4, d, 9));
let wire: number;
let other: number;
const ids: Record<string, number> = {};

async function article(key: string, sourceId: number, d: number, title: string, body: string) {
  const [created] = await insertTestArticles(run, sourceId, [
    { key, title, body, excerpt: body.slice(0, 100), publishedAt: day(d) },
  ]);
  ids[key] = created!.id;
}

beforeAll(async () => {
  wire = (await createTestSource(run, "Related wire")).id;
  other = (await createTestSource(run, "Related other")).id;
  const story = "The zorbulax launcher fired a quandrite shell over the vextal range, officials said.";
  await article(
    "base",
    wire,
    10,
    "Zorbulax launcher fires quandrite shell",
    `${story} Observers watched the zorbulax twice.`,
  );
  await article(
    "close",
    other,
    12,
    "Second zorbulax test with quandrite shell",
    `${story} A second zorbulax test followed at the vextal range.`,
  );
  await article(
    "loose",
    wire,
    8,
    "Farm report mentions the vextal range",
    "Farmers near the vextal range harvested maize and beans this week.",
  );
  await article(
    "unrelated",
    wire,
    14,
    "Weather bulletin",
    "Light rain is expected in the northern provinces on Thursday.",
  );
  await article("far", wire, 20, "A later wire item", "Nothing to do with it at all, only paper and ink.");
});

afterAll(async () => {
  await db.article.deleteMany({ where: { sourceId: { in: [wire, other] } } });
  await db.source.deleteMany({ where: { id: { in: [wire, other] } } });
});

describe("moreFromSource", () => {
  it("lists the same source's neighbours on both sides of the date, newest first, without the article", async () => {
    const related = await moreFromSource({ id: ids.base, sourceId: wire, publishedAt: day(10) }, { limit: 4 });
    expect(related.map((item) => item.id)).toEqual([ids.far, ids.unrelated, ids.loose]);
    expect(related.every((item) => item.source.id === wire)).toBe(true);
  });

  it("takes half of the limit on each side", async () => {
    const related = await moreFromSource({ id: ids.base, sourceId: wire, publishedAt: day(10) }, { limit: 2 });
    expect(related.map((item) => item.id)).toEqual([ids.unrelated, ids.loose]);
  });
});

describe("similarArticles", () => {
  it("ranks the article sharing the rare words first and leaves out articles sharing none", async () => {
    const similar = await similarArticles(ids.base, { limit: 5 });
    const found = similar.map((item) => item.id);
    expect(found[0]).toBe(ids.close);
    expect(found).not.toContain(ids.base);
    expect(found).not.toContain(ids.unrelated);
    if (found.includes(ids.loose)) expect(found.indexOf(ids.loose)).toBeGreaterThan(0);
    expect(similar[0].score).toBeGreaterThan(0);
    expect(similar[0].source).toEqual({ id: other, name: `Related other ${run}` });
  });

  it("finds a similar story published years apart", async () => {
    const [distant] = await insertTestArticles(run, other, [
      {
        key: "distant",
        title: "Zorbulax quandrite retrospective",
        body: "Ten years on, the zorbulax and its quandrite shell are remembered at the vextal range.",
        excerpt: "Ten years on",
        publishedAt: new Date(Date.UTC(1941, 4, 10, 9)),
      },
    ]);
    const similar = await similarArticles(ids.base, { limit: 5 });
    expect(similar.map((item) => item.id)).toContain(distant!.id);
  });

  it("returns nothing for an unknown article", async () => {
    expect(await similarArticles(2_147_483_000)).toEqual([]);
  });
});
