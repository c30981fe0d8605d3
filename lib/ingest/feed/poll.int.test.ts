import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { pollSource } from "@/lib/ingest/feed/poll";
import { FeedFixtureServer, fixtureFeed, rssFeed } from "@/test/support/feed-fixture-server";

// Polls against a local server (127.0.0.1, allowed explicitly below) on the run's shared database: every
// source here is named with this file's random tag, and every item title carries it.

process.env.PRESSWATCH_ALLOW_PRIVATE_FETCH = "1";

const TAG = randomBytes(4).toString("hex");
const MINUTE = 60_000;
let server: FeedFixtureServer;

beforeAll(async () => {
  server = await new FeedFixtureServer().start();
});

afterAll(async () => {
  await server.stop();
});

async function createFeedSource(
  name: string,
  url: string,
  options: { fetchFullText?: boolean; pollIntervalMinutes?: number } = {},
) {
  return db.source.create({
    data: {
      name: `${name} ${TAG}`,
      kind: "FEED",
      url,
      fetchFullText: options.fetchFullText ?? false,
      pollIntervalMinutes: options.pollIntervalMinutes ?? 30,
    },
  });
}

const articlesOf = (sourceId: number) => db.article.findMany({ where: { sourceId }, orderBy: { id: "asc" } });
const guardian = (prefix: string, tag: string) =>
  fixtureFeed("rss-parser/guardian.rss", {
    rewrite: { "https://www.theguardian.com/": `${server.origin}/pages/${prefix}/` },
    tag,
  });

describe("pollSource", () => {
  it("ingests every item, re-polls with the ETag for a 304, and then adds exactly the one new item", async () => {
    const feedPath = `/feeds/${TAG}/guardian.rss`;
    const bytes = guardian(`guardian-${TAG}`, `[${TAG}]`);
    const url = server.serve(feedPath, { body: bytes, contentType: "application/rss+xml" });
    const source = await createFeedSource("Guardian", url);

    const first = await pollSource(source.id);
    expect(first).toMatchObject({ status: "succeeded", fetched: 55, created: 55, duplicates: 0, failed: 0 });
    const stored = await articlesOf(source.id);
    expect(stored).toHaveLength(55);
    const lead = stored.find(
      (article) => article.title === `[${TAG}] Trump State of the Union address promised unity but emphasized discord`,
    )!;
    expect(lead.bodyText).toMatch(/^The president’s ‘new American moment’ speech stirred Republican applause/);
    expect(lead.url).toBe(
      `${server.origin}/pages/guardian-${TAG}/us-news/2018/jan/31/donald-trump-state-of-the-union-address-unity-discord`,
    );
    expect(lead.publishedAt.toISOString()).toBe("2018-01-31T07:26:05.000Z");
    // Items with a teaser of a summary were completed from their pages.
    const pageFetches = server.requests.filter((request) => request.path.startsWith(`/pages/guardian-${TAG}/`));
    expect(pageFetches.length).toBeGreaterThan(0);
    expect(pageFetches.length).toBeLessThan(10);
    const fromPages = stored.filter((article) => article.bodyText.includes("Notícias de última hora"));
    expect(fromPages).toHaveLength(pageFetches.length);

    const run = await db.ingestRun.findUniqueOrThrow({ where: { id: first.status === "skipped" ? -1 : first.runId } });
    expect(run).toMatchObject({
      kind: "FEED",
      status: "SUCCEEDED",
      sourceId: source.id,
      fetched: 55,
      created: 55,
      duplicates: 0,
      failed: 0,
    });
    const afterFirst = await db.source.findUniqueOrThrow({ where: { id: source.id } });
    expect(afterFirst.etag).toMatch(/^"[0-9a-f]{40}"$/);
    expect(afterFirst.lastModified).toBe("Thu, 01 Jan 2026 00:00:00 GMT");
    expect(afterFirst.consecutiveFailures).toBe(0);
    expect(afterFirst.pollingSince).toBeNull();
    expect(afterFirst.nextPollAt!.getTime() - afterFirst.lastPolledAt!.getTime()).toBe(30 * MINUTE);

    // Not due for 30 minutes: a scheduled poll is skipped, "Poll now" (force) goes ahead conditionally.
    expect(await pollSource(source.id)).toMatchObject({
      status: "skipped",
      reason: expect.stringMatching(/not due until/),
    });
    const again = await pollSource(source.id, { force: true });
    expect(again).toMatchObject({ status: "not_modified", fetched: 0, created: 0 });
    const conditional = server.requestsFor(feedPath).at(-1)!;
    expect(conditional.headers["if-none-match"]).toBe(afterFirst.etag);
    expect(conditional.headers["if-modified-since"]).toBe(afterFirst.lastModified);
    expect(await db.article.count({ where: { sourceId: source.id } })).toBe(55);

    const newItem = `<item><title>[${TAG}] A brand new story</title><link>${server.origin}/pages/guardian-${TAG}/world/new-story</link><description>Only a line.</description><pubDate>Thu, 01 Feb 2018 09:00:00 GMT</pubDate></item>`;
    const changed = Buffer.from(bytes.toString("utf8").replace("<item>", `${newItem}<item>`), "utf8");
    server.serve(feedPath, { body: changed, contentType: "application/rss+xml" });
    const third = await pollSource(source.id, { force: true });
    expect(third).toMatchObject({ status: "succeeded", fetched: 56, created: 1, duplicates: 55, failed: 0 });
    const added = await db.article.findFirstOrThrow({
      where: { sourceId: source.id, title: `[${TAG}] A brand new story` },
    });
    expect(added.bodyText).toContain("Notícias de última hora");
    expect(await db.article.count({ where: { sourceId: source.id } })).toBe(56);
  });

  it("fetches every item's page when the source asks for full text, a few at a time", async () => {
    const url = server.serve(`/feeds/${TAG}/guardian-full.rss`, {
      body: guardian(`full-${TAG}`, `[${TAG} full]`),
      contentType: "application/rss+xml",
    });
    const source = await createFeedSource("Guardian full text", url, { fetchFullText: true });
    server.maxPagesInFlight = 0;
    server.pageDelayMs = 20;
    try {
      const result = await pollSource(source.id);
      expect(result).toMatchObject({ status: "succeeded", fetched: 55, created: 55, failed: 0 });
    } finally {
      server.pageDelayMs = 0;
    }
    expect(server.maxPagesInFlight).toBeGreaterThanOrEqual(2);
    expect(server.maxPagesInFlight).toBeLessThanOrEqual(4);
    const stored = await articlesOf(source.id);
    expect(stored.every((article) => article.bodyText.includes("Notícias de última hora") && article.complete)).toBe(
      true,
    );
    expect(stored[0].byline).toBe("By Fixture Reporter");
    expect(stored[0].bodyHtml).toMatch(/^<(div|p|h2)/);
    expect(stored[0].bodyHtml).not.toMatch(/<script|<nav/);
  });

  it("records a malformed feed as a FAILED run with a clear message and stores nothing", async () => {
    const url = server.serve(`/feeds/${TAG}/reuters.xml`, {
      body: fixtureFeed("feed-rs/rss_2.0_invalid_1.xml"),
      contentType: "application/rss+xml",
    });
    const source = await createFeedSource("Reuters truncated", url);
    const result = await pollSource(source.id);
    expect(result).toMatchObject({ status: "failed", fetched: 0, created: 0 });
    if (result.status === "skipped") throw new Error("not polled");
    const run = await db.ingestRun.findUniqueOrThrow({ where: { id: result.runId } });
    expect(run.status).toBe("FAILED");
    expect(run.finishedAt).not.toBeNull();
    expect(run.message).toMatch(/XML|malformed|well-formed|closed|unexpected/i);
    expect(await db.article.count({ where: { sourceId: source.id } })).toBe(0);
    const after = await db.source.findUniqueOrThrow({ where: { id: source.id } });
    expect(after).toMatchObject({ consecutiveFailures: 1, lastError: run.message, pollingSince: null });
  });

  it("backs off after server errors, longer each time, and recovers on the next good poll", async () => {
    const feedPath = `/feeds/${TAG}/flaky.rss`;
    const body = rssFeed([
      {
        title: `[${TAG}] Flaky feed story`,
        content: "<p>The flaky feed's only story, in full, long enough to stand alone.</p>".repeat(6),
      },
    ]);
    const url = server.serve(feedPath, { body, contentType: "application/rss+xml", status: 500 });
    const source = await createFeedSource("Flaky", url, { pollIntervalMinutes: 10 });

    const first = await pollSource(source.id);
    expect(first).toMatchObject({ status: "failed", message: expect.stringContaining("HTTP 500") });
    const afterOne = await db.source.findUniqueOrThrow({ where: { id: source.id } });
    expect(afterOne.consecutiveFailures).toBe(1);
    expect(afterOne.lastError).toMatch(/HTTP 500/);
    const firstDelay = afterOne.nextPollAt!.getTime() - afterOne.lastPolledAt!.getTime();
    expect(firstDelay).toBe(20 * MINUTE);

    await pollSource(source.id, { force: true });
    const afterTwo = await db.source.findUniqueOrThrow({ where: { id: source.id } });
    expect(afterTwo.consecutiveFailures).toBe(2);
    expect(afterTwo.nextPollAt!.getTime() - afterTwo.lastPolledAt!.getTime()).toBe(40 * MINUTE);
    expect(afterTwo.nextPollAt!.getTime()).toBeGreaterThan(afterOne.nextPollAt!.getTime());

    server.serve(feedPath, { body, contentType: "application/rss+xml" });
    expect(await pollSource(source.id, { force: true })).toMatchObject({ status: "succeeded", created: 1 });
    const recovered = await db.source.findUniqueOrThrow({ where: { id: source.id } });
    expect(recovered).toMatchObject({ consecutiveFailures: 0, lastError: null });
    expect(recovered.nextPollAt!.getTime() - recovered.lastPolledAt!.getTime()).toBe(10 * MINUTE);
  });

  it("records an item whose page cannot be fetched, keeps its summary, and stores the others", async () => {
    const page = (name: string) => `${server.origin}/pages/broken-${TAG}/${name}`;
    server.pageStatus.set(`/pages/broken-${TAG}/gone`, 500);
    server.pageStatus.set(`/pages/broken-${TAG}/missing`, 404);
    const url = server.serve(`/feeds/${TAG}/broken-pages.rss`, {
      contentType: "application/rss+xml",
      body: rssFeed([
        { title: `[${TAG}] First good page`, link: page("one"), summary: "A teaser." },
        { title: `[${TAG}] Second good page`, link: page("two"), summary: "Another teaser." },
        { title: `[${TAG}] Page gone`, link: page("gone"), summary: "The summary is all we have of this one." },
        { title: `[${TAG}] Page missing, no summary`, link: page("missing") },
      ]),
    });
    const source = await createFeedSource("Broken pages", url);
    const result = await pollSource(source.id);
    expect(result).toMatchObject({ status: "partial", fetched: 4, created: 3, duplicates: 0, failed: 1 });
    if (result.status === "skipped") throw new Error("not polled");

    const errors = await db.ingestError.findMany({ where: { runId: result.runId }, orderBy: { id: "asc" } });
    expect(errors.map((error) => error.location).sort()).toEqual([page("gone"), page("missing")]);
    expect(errors.find((error) => error.location === page("gone"))!.reason).toMatch(
      /HTTP 500.*stored the feed's text instead/,
    );
    expect(errors.find((error) => error.location === page("missing"))!.reason).toMatch(
      /HTTP 404.*the feed gives no text/,
    );
    const run = await db.ingestRun.findUniqueOrThrow({ where: { id: result.runId } });
    expect(run).toMatchObject({ status: "PARTIAL", created: 3, failed: 1 });
    expect(run.message).toMatch(/1 item page could not be read/);

    const stored = await articlesOf(source.id);
    expect(stored.map((article) => article.title).sort()).toEqual([
      `[${TAG}] First good page`,
      `[${TAG}] Page gone`,
      `[${TAG}] Second good page`,
    ]);
    const gone = stored.find((article) => article.title.endsWith("Page gone"))!;
    expect(gone).toMatchObject({ bodyText: "The summary is all we have of this one.", complete: false });
    expect(stored.find((article) => article.title.endsWith("First good page"))!.bodyText).toContain(
      "Notícias de última hora",
    );
  });

  it("reads a Latin-1 feed and a Latin-1 page with their accents intact", async () => {
    const url = server.serve(`/feeds/${TAG}/jn.rss`, {
      body: fixtureFeed("rss-parser/encoding.rss", {
        rewrite: { "http://feeds.jn.pt/": `${server.origin}/latin1-pages/jn-${TAG}/` },
        tag: `[${TAG}]`,
      }),
      contentType: "application/rss+xml",
    });
    const source = await createFeedSource("Jornal de Notícias", url);
    const result = await pollSource(source.id);
    expect(result).toMatchObject({ status: "succeeded", fetched: 40, created: 40, failed: 0 });
    const lead = await db.article.findFirstOrThrow({
      where: { sourceId: source.id, title: `[${TAG}] Mãe de utente é a nova presidente da Raríssimas` },
    });
    // Its summary was a teaser: the text comes from its page, served as ISO-8859-1.
    expect(lead.bodyText).toContain("Notícias de última hora: a ação do coração de São Tomé, em Göteborg e Zürich.");
    const titles = (await articlesOf(source.id)).map((article) => article.title).join("\n");
    expect(titles).toContain(`[${TAG}] Reações dos partidos ao veto de Marcelo`);
    expect(titles).not.toMatch(/\uFFFD|Ã£|Ã©/);
  });

  it("lets one of two simultaneous polls of a source run, and stores each article once when two sources race on one feed", async () => {
    const feedOf = (name: string) =>
      rssFeed(
        Array.from({ length: 12 }, (_, i) => ({
          title: `[${TAG}] ${name} story ${i}`,
          link: `${server.origin}/pages/${name}-${TAG}/${i}`,
          content: `<p>${name} story number ${i} has its own full text here.</p><p>${`Paragraph words vary by ${name} story ${i}. `.repeat(20)}</p>`,
        })),
      );
    const url = server.serve(`/feeds/${TAG}/shared.rss`, {
      body: feedOf("Shared"),
      contentType: "application/rss+xml",
    });
    const one = await createFeedSource("Shared one", url);
    const [a, b] = await Promise.all([pollSource(one.id), pollSource(one.id)]);
    expect([a.status, b.status].sort()).toEqual(["skipped", "succeeded"]);
    expect([a, b].find((result) => result.status === "skipped")).toMatchObject({
      reason: expect.stringMatching(/another poll is running/),
    });
    expect(await db.article.count({ where: { sourceId: one.id } })).toBe(12);

    // Two sources on one feed polled at once: the store's unique keys decide, not timing.
    const racedUrl = server.serve(`/feeds/${TAG}/raced.rss`, {
      body: feedOf("Raced"),
      contentType: "application/rss+xml",
    });
    const two = await createFeedSource("Raced two", racedUrl);
    const three = await createFeedSource("Raced three", racedUrl);
    const raced = await Promise.all([pollSource(two.id), pollSource(three.id)]);
    const sum = (key: "created" | "duplicates" | "failed") =>
      raced.reduce((total, result) => total + (result.status === "skipped" ? NaN : result[key]), 0);
    expect(sum("created")).toBe(12);
    expect(sum("duplicates")).toBe(12);
    expect(sum("failed")).toBe(0);
    expect(await db.article.count({ where: { title: { startsWith: `[${TAG}] Raced story` } } })).toBe(12);
  });
});
