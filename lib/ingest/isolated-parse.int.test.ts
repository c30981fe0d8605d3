import { readFileSync, readdirSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PARSE_TIME_LIMIT_MS } from "@/lib/constants";
import { FeedParseError, parseFeed } from "@/lib/ingest/feed/parse";
import { extractFromBytesIsolated, parseFeedIsolated } from "@/lib/ingest/isolated-parse";
import { ExtractionError, extractFromBytes } from "@/lib/ingest/page/extract";

// Parsing runs in worker threads with limits: real fixtures come back as the direct call gives them, and the
// hostile feed of issue 13 (9 MB, 800,000 attributes) fails with a clear message within the time limit while
// this thread keeps answering HTTP requests.

const FEEDS = path.resolve("test/fixtures/feeds/rss-parser");
const PAGES = path.resolve("test/fixtures/pages/state-media");

function hostileFeed(): Uint8Array {
  const attributes: string[] = [];
  for (let index = 0; index < 800_000; index++) attributes.push(`a${index}="1"`);
  const xml =
    `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>` +
    `<item ${attributes.join(" ")}><title>x</title><link>https://example.org/1</link></item></channel></rss>`;
  return new TextEncoder().encode(xml);
}

let server: http.Server;
let baseUrl: string;

beforeAll(async () => {
  server = http.createServer((_, response) => response.end("pong"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  // Warm the threads, as a running server's are after its first parse.
  await parseFeedIsolated(readFileSync(path.join(FEEDS, "craigslist.rss")));
}, 60_000);

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("parsing in a worker thread", () => {
  it("gives the same feed as parsing in place", async () => {
    const bytes = readFileSync(path.join(FEEDS, "content-encoded.rss"));
    const options = { url: "https://example.org/feed", contentType: "application/rss+xml" };
    expect(await parseFeedIsolated(bytes, options)).toEqual(parseFeed(bytes, options));
  });

  it("gives the same article as extracting in place, and the same refusal", async () => {
    const file = readdirSync(PAGES).find((name) => name.endsWith(".html"))!;
    const bytes = readFileSync(path.join(PAGES, file));
    const options = { url: "https://kcnawatch.org/newstream/1/", contentType: "text/html" };
    expect(await extractFromBytesIsolated(bytes, options)).toEqual(extractFromBytes(bytes, options));
    const refusal = extractFromBytesIsolated(new Uint8Array([1, 2, 3]), {
      url: "https://example.org/",
      contentType: "image/png",
    });
    await expect(refusal).rejects.toBeInstanceOf(ExtractionError);
    await expect(refusal).rejects.toThrow("Not an HTML page (Content-Type: image/png).");
  });

  it("keeps a feed's own parse error", async () => {
    const broken = new TextEncoder().encode("<rss><channel><title>cut off");
    await expect(parseFeedIsolated(broken)).rejects.toBeInstanceOf(FeedParseError);
  });

  it("stops the hostile feed at the time limit while this thread keeps answering", async () => {
    const bytes = hostileFeed();
    expect(bytes.byteLength).toBeGreaterThan(9_000_000);

    const lags: number[] = [];
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      lags.push(now - last - 20);
      last = now;
    }, 20);
    const answers: number[] = [];
    const started = performance.now();
    const parse = parseFeedIsolated(bytes, { url: "https://example.org/feed" }).then(
      () => null,
      (error: unknown) => error,
    );
    // Requests made while the feed is being parsed are answered promptly.
    while (performance.now() - started < PARSE_TIME_LIMIT_MS - 1_000) {
      const asked = performance.now();
      expect(await (await fetch(baseUrl)).text()).toBe("pong");
      answers.push(performance.now() - asked);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const error = await parse;
    const elapsed = performance.now() - started;
    clearInterval(ticker);

    expect(error).toBeInstanceOf(FeedParseError);
    expect((error as Error).message).toBe(
      `The feed took longer than ${PARSE_TIME_LIMIT_MS / 1000} s to read and was stopped.`,
    );
    expect(elapsed).toBeLessThan(PARSE_TIME_LIMIT_MS + 2_000);
    expect(answers.length).toBeGreaterThan(5);
    expect(Math.max(...answers)).toBeLessThan(500);
    expect(Math.max(...lags)).toBeLessThan(500);
    console.log(
      `hostile feed stopped after ${Math.round(elapsed)} ms; ${answers.length} requests answered meanwhile, slowest ${Math.round(Math.max(...answers))} ms; largest event-loop lag ${Math.round(Math.max(...lags))} ms`,
    );

    // The pool replaced the stopped thread: the next parse works.
    const next = await parseFeedIsolated(readFileSync(path.join(FEEDS, "craigslist.rss")));
    expect(next.items.length).toBeGreaterThan(0);
  }, 60_000);
});
