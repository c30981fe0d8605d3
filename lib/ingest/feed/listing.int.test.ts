import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { pollSource } from "@/lib/ingest/feed/poll";
import { listArticles } from "@/lib/search/list-articles";
import { parseArticleFilter } from "@/lib/validation/article-filter";
import { FeedFixtureServer, rssFeed } from "@/test/support/feed-fixture-server";

// An item taken down from a feed while older ones stay listed is marked gone at source; the oldest item
// rolling off the end as new ones arrive is not. Polls against a local server (allowed explicitly below).

process.env.PRESSWATCH_ALLOW_PRIVATE_FETCH = "1";

const TAG = randomBytes(4).toString("hex");
let server: FeedFixtureServer;

beforeAll(async () => {
  server = await new FeedFixtureServer().start();
});

afterAll(async () => {
  await server.stop();
});

const TOPICS = [
  "A delegation of the ministry of agriculture visited the reservoir and the fertilizer plant in the province",
  "Students of the university held a festival of science and presented the work of their laboratory to teachers",
  "The orchestra of the national theatre gave a concert for workers of the coal mine and the steel complex",
  "A typhoon brought heavy rainfall to the coast and villages along the river were protected by soldiers",
  "Engineers completed the railway bridge over the valley ahead of the anniversary of the founding of the army",
];

function item(day: number) {
  const text = `${TOPICS[day - 1]} ${TAG}. ${TOPICS[day - 1].split(" ").reverse().join(" ")}. Reported on day ${day}.`;
  return {
    title: `Listing story ${day} [${TAG}]`,
    link: `${server.origin}/listing-${TAG}/story-${day}`,
    content: `<p>${text}</p><p>${text}</p>`,
    published: new Date(Date.UTC(2091, 2, day, 8)),
  };
}

const goneOf = async (sourceId: number) =>
  (await db.article.findMany({ where: { sourceId, goneAt: { not: null } }, select: { title: true } }))
    .map((article) => article.title)
    .sort();

describe("a feed's listing", () => {
  it("marks gone an item taken down while older ones stay listed, not one that rolled off the end", async () => {
    const path = `/feeds/listing-${TAG}.rss`;
    const url = server.serve(path, {
      body: rssFeed([item(4), item(3), item(2), item(1)]),
      contentType: "application/rss+xml",
    });
    const source = await db.source.create({ data: { name: `Listing ${TAG}`, kind: "FEED", url } });

    expect(await pollSource(source.id, { force: true })).toMatchObject({ status: "succeeded", created: 4 });
    expect(await goneOf(source.id)).toEqual([]);

    // Story 5 arrives and story 1, the oldest, rolls off the end: nothing was taken down.
    server.serve(path, { body: rssFeed([item(5), item(4), item(3), item(2)]), contentType: "application/rss+xml" });
    expect(await pollSource(source.id, { force: true })).toMatchObject({ status: "succeeded", created: 1 });
    expect(await goneOf(source.id)).toEqual([]);

    // Story 3 disappears while the older story 2 is still listed: it was taken down.
    server.serve(path, { body: rssFeed([item(5), item(4), item(2)]), contentType: "application/rss+xml" });
    const third = await pollSource(source.id, { force: true });
    expect(third).toMatchObject({ status: "succeeded", created: 0 });
    expect(third.status !== "skipped" && third.message).toMatch(
      /1 earlier item left the feed .* marked gone at source/,
    );
    expect(await goneOf(source.id)).toEqual([`Listing story 3 [${TAG}]`]);

    // The desk's "gone at source" filter finds it; the article itself is kept.
    const { filter } = parseArticleFilter(`changed=gone&source=${source.id}`);
    const page = await listArticles(filter, { take: 50 });
    expect(page.items.map((article) => article.title)).toEqual([`Listing story 3 [${TAG}]`]);
    expect(await db.article.count({ where: { sourceId: source.id } })).toBe(5);
  });
});
