import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { db } from "@/lib/db";
import { pollSource } from "@/lib/ingest/feed/poll";
import { listArticles } from "@/lib/search/list-articles";
import { FeedFixtureServer } from "@/test/support/feed-fixture-server";

// Feeds served over real HTTP by a local server and polled through the worker's path into the run's
// database: legacy charsets sent with no declaration at all (no charset in Content-Type, no XML
// declaration), and items without a date.

process.env.PRESSWATCH_ALLOW_PRIVATE_FETCH = "1";

const TAG = randomBytes(4).toString("hex");
const FIXTURES = path.join(process.cwd(), "test/fixtures/charsets");
const texts = JSON.parse(readFileSync(path.join(FIXTURES, "texts.json"), "utf8")) as Record<string, string[]>;
const korean = readFileSync(path.join(FIXTURES, "korean.jsonl"), "utf8")
  .split("\n")
  .filter(Boolean)
  .map((line) => JSON.parse(line) as { title: string; body: string });

let server: FeedFixtureServer;

beforeAll(async () => {
  server = await new FeedFixtureServer().start();
});

afterAll(async () => {
  await server.stop();
});

type Item = { title: string; body: string; link?: string; published?: Date };

function feedXml(title: string, items: Item[]): string {
  const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const entries = items.map(
    (item, i) =>
      `<item><guid isPermaLink="false">${TAG}-${i}</guid><title>${escape(item.title)}</title>` +
      (item.link ? `<link>${item.link}</link>` : "") +
      `<description>${escape(item.body)}</description>` +
      (item.published ? `<pubDate>${item.published.toUTCString()}</pubDate>` : "") +
      `</item>`,
  );
  return `<rss version="2.0"><channel><title>${escape(title)}</title>\n${entries.join("\n")}\n</channel></rss>`;
}

async function pollFeed(name: string, body: Buffer) {
  const url = server.serve(`/feeds/${TAG}/${name}.xml`, { body, contentType: "application/rss+xml" });
  const source = await db.source.create({ data: { name: `${name} ${TAG}`, kind: "FEED", url } });
  const result = await pollSource(source.id);
  const articles = await db.article.findMany({ where: { sourceId: source.id }, orderBy: { publishedAt: "asc" } });
  return { source, result, articles };
}

// Each language's paragraphs, long enough (300+ characters) to be stored from the feed without a page.
function itemsOf(label: string, paragraphs: string[]): Item[] {
  return paragraphs.map((paragraph, i) => ({
    title: `${TAG} ${label} ${paragraph.slice(0, 24).trim()}`,
    body: paragraph.repeat(Math.ceil(320 / paragraph.length)),
    published: new Date(Date.UTC(2024, 0, 1 + i, 9)),
  }));
}

const LATIN =
  "Notícias de última hora: a ação do coração de São Tomé, em Göteborg e Zürich; a população já não espera pelo próximo verão.";
const KOREAN = korean.slice(0, 3).map((record) => `${record.title}: ${record.body.replace(/\n/g, " ")}`);
// Two feeds of one language get different paragraphs: the same text from two sources is one story.
// prettier-ignore
const LEGACY: Array<[label: string, charset: string, items: Item[]]> = [
  ["EUC-KR", "cp949", itemsOf("EUC-KR", KOREAN)],
  ["Shift_JIS", "shift_jis", itemsOf("Shift_JIS", texts.ja.slice(0, 2))],
  ["EUC-JP", "euc-jp", itemsOf("EUC-JP", texts.ja.slice(2))],
  ["GB2312", "gbk", itemsOf("GB2312", texts["zh-Hans"])],
  ["Big5", "big5", itemsOf("Big5", texts["zh-Hant"])],
  ["KOI8-R", "koi8-r", itemsOf("KOI8-R", texts.ru.slice(0, 2))],
  ["windows-1251", "windows-1251", itemsOf("windows-1251", texts.ru.slice(2))],
  ["TIS-620", "tis-620", itemsOf("TIS-620", texts.th)],
  ["windows-1255", "windows-1255", itemsOf("windows-1255", texts.he)],
  ["windows-1252", "windows-1252", itemsOf("windows-1252", [LATIN])],
];

describe("polling undeclared legacy charsets", () => {
  it.each(LEGACY)("stores the titles and bodies of a %s feed as written", async (label, charset, items) => {
    const title = `${label} ${items[0].title}`;
    const bytes = iconv.encode(feedXml(title, items), charset);
    expect(bytes.subarray(0, 40).toString("latin1")).not.toMatch(/encoding=/);

    const { result, articles } = await pollFeed(`legacy-${label}`, bytes);
    expect(result).toMatchObject({ status: "succeeded", created: items.length, failed: 0 });
    expect(articles.map((article) => article.title)).toEqual(items.map((item) => item.title));
    expect(articles.map((article) => article.bodyText)).toEqual(items.map((item) => item.body));
    expect(articles.every((article) => !/\uFFFD/.test(article.title + article.bodyText))).toBe(true);
    expect(articles.map((article) => article.publishedAt)).toEqual(items.map((item) => item.published));
  });
});

describe("polling items without a date", () => {
  it("dates them when first seen, marked as such, unless their page gives a date; the desk can leave them out", async () => {
    const long = "A report without any date in the feed, long enough to be stored as it is. ".repeat(6).trim();
    const items: Item[] = [
      { title: `${TAG} dated`, body: long, published: new Date("2024-05-01T06:00:00Z") },
      { title: `${TAG} undated`, body: long.replace("A report", "Another report") },
      { title: `${TAG} dated by its page`, body: "A teaser.", link: `${server.origin}/pages/${TAG}/dated-page` },
    ];
    const before = Date.now();
    const { source, result, articles } = await pollFeed("undated", Buffer.from(feedXml("Undated", items), "utf8"));
    const after = Date.now();
    expect(result).toMatchObject({ status: "succeeded", created: 3 });

    const byTitle = new Map(articles.map((article) => [article.title, article]));
    expect(byTitle.get(`${TAG} dated`)).toMatchObject({
      undated: false,
      publishedAt: new Date("2024-05-01T06:00:00Z"),
    });
    const undated = byTitle.get(`${TAG} undated`)!;
    expect(undated.undated).toBe(true);
    expect(undated.publishedAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(undated.publishedAt.getTime()).toBeLessThanOrEqual(after);
    // The fixture page carries article:published_time 2090-06-01T08:00:00Z.
    expect(byTitle.get(`${TAG} dated by its page`)).toMatchObject({
      undated: false,
      publishedAt: new Date("2090-06-01T08:00:00Z"),
    });

    const all = await listArticles({ sources: [source.id], tagMode: "any", sort: "newest" });
    expect(all.items.find((item) => item.id === undated.id)?.undated).toBe(true);
    const dated = await listArticles({ sources: [source.id], hideUndated: true, tagMode: "any", sort: "newest" });
    expect(dated.items.map((item) => item.title).sort()).toEqual([`${TAG} dated`, `${TAG} dated by its page`]);
    expect(dated.total).toMatchObject({ value: 2 });
  });
});
