import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { FeedFixtureServer } from "@/test/support/feed-fixture-server";

// `npm run parse-feed` as an admin runs it: a URL through the worker's fetcher (a local server, allowed
// explicitly), and the same bytes as a local file, read as if served with no Content-Type.

const run = promisify(execFile);
const FEED = iconv.encode(
  `<rss version="2.0"><channel><title>Новости</title><link>/</link>
  <item><title>Сессия открылась</title><link>/news/1</link><description>В Пхеньяне открылась сессия Верховного народного собрания.</description></item>
  </channel></rss>`,
  "koi8-r",
);

let server: FeedFixtureServer;
let folder: string;

beforeAll(async () => {
  server = await new FeedFixtureServer().start();
  folder = await mkdtemp(path.join(tmpdir(), "parse-feed-"));
});

afterAll(async () => {
  await server.stop();
  await rm(folder, { recursive: true, force: true });
});

async function parseFeedCli(...args: string[]) {
  return run("node", ["--conditions=react-server", "--import", "tsx", "scripts/parse-feed.ts", ...args], {
    env: { ...process.env, PRESSWATCH_ALLOW_PRIVATE_FETCH: "1" },
  });
}

describe("npm run parse-feed", () => {
  it("prints a URL's feed as the worker would store it, and a file's the same way", async () => {
    const url = server.serve("/feeds/koi8.xml", { body: FEED, contentType: "application/rss+xml" });
    const fromUrl = JSON.parse((await parseFeedCli(url)).stdout);
    expect(fromUrl).toMatchObject({
      title: "Новости",
      link: `${server.origin}/`,
      charset: { name: "koi8-r", from: "sniffed" },
      items: [
        {
          title: "Сессия открылась",
          link: `${server.origin}/news/1`,
          published: null,
          undated: true,
          text: "В Пхеньяне открылась сессия Верховного народного собрания.",
        },
      ],
    });

    const file = path.join(folder, "koi8.xml");
    await writeFile(file, FEED);
    const fromFile = JSON.parse((await parseFeedCli(file, "--url", url)).stdout);
    expect(fromFile).toEqual(fromUrl);
  }, 60_000);

  it("says what is wrong, on stderr with a failing exit code", async () => {
    const failure = await parseFeedCli().catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 1, stderr: expect.stringContaining("Usage: npm run parse-feed") });
    const html = path.join(folder, "page.html");
    await writeFile(html, "<!doctype html><html><body>Not a feed</body></html>");
    const notFeed = await parseFeedCli(html).catch((error: { code: number; stderr: string }) => error);
    expect(notFeed).toMatchObject({ code: 1, stderr: expect.stringContaining("it is an HTML page") });
  }, 60_000);
});
