import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

// A local stand-in for the sites a feed worker polls, for integration and end-to-end tests: it serves
// fixture feeds (with ETag / Last-Modified and 304 answers, as real servers do) and generates an article
// page for any path under /pages/, each with its own text. Feed fixtures link to the real sites; the
// caller rewrites those links to this server, so item pages are fetched here too.

export type FeedRoute = { body: Buffer; contentType: string; status?: number };
export type SeenRequest = { path: string; headers: http.IncomingHttpHeaders };

const FIXTURES = path.join(process.cwd(), "test", "fixtures", "feeds");

export class FeedFixtureServer {
  readonly requests: SeenRequest[] = [];
  /** Paths under /pages/ answered with this status instead of a page. */
  readonly pageStatus = new Map<string, number>();
  /** Most item pages this server was asked for at once. */
  maxPagesInFlight = 0;
  /** Delay before each page answer, so concurrency shows. */
  pageDelayMs = 0;
  private readonly routes = new Map<string, FeedRoute>();
  private pagesInFlight = 0;
  private server?: http.Server;
  origin = "";

  async start(): Promise<this> {
    this.server = http.createServer((request, response) => void this.answer(request, response));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Serves `route` at `urlPath`; replacing a route changes its ETag, as a changed feed does. */
  serve(urlPath: string, route: FeedRoute): string {
    this.routes.set(urlPath, route);
    return `${this.origin}${urlPath}`;
  }

  requestsFor(urlPath: string): SeenRequest[] {
    return this.requests.filter((request) => request.path === urlPath);
  }

  private async answer(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const urlPath = new URL(request.url ?? "/", this.origin).pathname;
    this.requests.push({ path: urlPath, headers: request.headers });
    const route = this.routes.get(urlPath);
    if (route) {
      if (route.status && route.status !== 200) {
        response.writeHead(route.status, { "content-type": "text/plain" }).end("server error");
        return;
      }
      const etag = `"${createHash("sha1").update(route.body).digest("hex")}"`;
      const lastModified = new Date(Date.UTC(2026, 0, 1)).toUTCString();
      if (request.headers["if-none-match"] === etag) {
        response.writeHead(304, { etag, "last-modified": lastModified }).end();
        return;
      }
      response
        .writeHead(200, { "content-type": route.contentType, etag, "last-modified": lastModified })
        .end(route.body);
      return;
    }
    if (urlPath.startsWith("/pages/") || urlPath.startsWith("/latin1-pages/")) {
      this.pagesInFlight++;
      this.maxPagesInFlight = Math.max(this.maxPagesInFlight, this.pagesInFlight);
      try {
        if (this.pageDelayMs) await new Promise((resolve) => setTimeout(resolve, this.pageDelayMs));
        const status = this.pageStatus.get(urlPath);
        if (status) {
          response.writeHead(status, { "content-type": "text/plain" }).end("no page here");
          return;
        }
        const latin1 = urlPath.startsWith("/latin1-pages/");
        const html = articlePage(urlPath);
        response
          .writeHead(200, { "content-type": latin1 ? "text/html; charset=ISO-8859-1" : "text/html; charset=utf-8" })
          .end(Buffer.from(html, latin1 ? "latin1" : "utf8"));
      } finally {
        this.pagesInFlight--;
      }
      return;
    }
    response.writeHead(404, { "content-type": "text/plain" }).end("not found");
  }
}

/** A fixture feed's bytes with site URLs pointed at `to` and a tag put before every item title (bytes outside the URLs and titles untouched). */
export function fixtureFeed(name: string, options: { rewrite?: Record<string, string>; tag?: string } = {}): Buffer {
  // latin1 maps bytes to code points one to one, so a Latin-1 feed keeps its exact bytes.
  let text = readFileSync(path.join(FIXTURES, name)).toString("latin1");
  for (const [from, to] of Object.entries(options.rewrite ?? {})) text = text.split(from).join(to);
  if (options.tag) text = tagItemTitles(text, options.tag);
  return Buffer.from(text, "latin1");
}

export function tagItemTitles(feedText: string, tag: string): string {
  return feedText.replace(/(<item\b[^>]*>\s*<title>(?:<!\[CDATA\[)?)/g, `$1${tag} `);
}

/** A small RSS 2.0 feed; `summary` and `content` become description and content:encoded when given. */
export function rssFeed(
  items: Array<{ title: string; link?: string; summary?: string; content?: string; published?: Date }>,
): Buffer {
  const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const xml = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Fixture feed</title><link>http://127.0.0.1/</link>
${items
  .map(
    (item) =>
      `<item><title>${escape(item.title)}</title>${item.link ? `<link>${escape(item.link)}</link>` : ""}${
        item.summary ? `<description>${escape(item.summary)}</description>` : ""
      }${item.content ? `<content:encoded><![CDATA[${item.content}]]></content:encoded>` : ""}<pubDate>${(item.published ?? new Date(Date.UTC(2090, 5, 1))).toUTCString()}</pubDate></item>`,
  )
  .join("\n")}
</channel></rss>`;
  return Buffer.from(xml, "utf8");
}

const WORDS = (
  "delegation ministry cooperation harvest province factory youth league congress plenary meeting resolution army navy " +
  "airfield bridge railway station hospital school theatre orchestra festival exhibition museum scientist engineer " +
  "farmer worker soldier teacher doctor students anniversary celebration banquet speech message letter greeting " +
  "agreement treaty visit tour inspection construction project reservoir power plant coal mine steel cement fertilizer " +
  "fishing fleet weather typhoon rainfall drought forest river mountain valley coast island city county village " +
  "morning evening week month season year history century future progress success effort struggle victory people " +
  "nation country region world council committee bureau department institute academy university library laboratory"
).split(" ");

/** Deterministic pseudo-random generator (mulberry32) seeded from a string. */
function randomFrom(seed: string): () => number {
  let state = createHash("sha1").update(seed).digest().readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Site furniture around the article, as on a real news page (menus, scripts, footer), ~60 KB.
const CHROME_NAV = Array.from(
  { length: 300 },
  (_, i) => `<li><a href="/section/${i}">Section ${i} ${WORDS[i % WORDS.length]}</a></li>`,
).join("");
const CHROME_SCRIPT = `<script>window.__state = ${JSON.stringify({ items: Array.from({ length: 400 }, (_, i) => ({ id: i, slot: `ad-${i}` })) })};</script>`;
const CHROME_FOOTER = Array.from({ length: 120 }, (_, i) => `<a href="/about/${i}">About ${i}</a>`).join(" | ");

/** The article page at `urlPath`: the same path always gives the same text, another path another text. */
export function articlePage(urlPath: string): string {
  const random = randomFrom(urlPath);
  const paragraphs = Array.from({ length: 7 }, () => {
    const words = Array.from(
      { length: 45 + Math.floor(random() * 30) },
      () => WORDS[Math.floor(random() * WORDS.length)],
    );
    words[0] = words[0][0].toUpperCase() + words[0].slice(1);
    return `<p>${words.join(" ")}.</p>`;
  });
  // Accented words, for the pages served in Latin-1.
  paragraphs.splice(2, 0, "<p>Notícias de última hora: a ação do coração de São Tomé, em Göteborg e Zürich.</p>");
  const title = `Story ${urlPath.split("/").pop()}`;
  return `<!doctype html><html lang="en"><head><meta charset="${urlPath.startsWith("/latin1-pages/") ? "ISO-8859-1" : "utf-8"}"><title>${title}</title>
<meta property="article:published_time" content="2090-06-01T08:00:00Z">${CHROME_SCRIPT}</head>
<body><header><nav><ul>${CHROME_NAV}</ul></nav></header>
<main><article><h1>${title}</h1><p class="byline">By Fixture Reporter</p>${paragraphs.join("\n")}</article></main>
<aside><h2>Most read</h2><ul>${CHROME_NAV.slice(0, 3000)}</ul></aside><footer>${CHROME_FOOTER}</footer></body></html>`;
}
