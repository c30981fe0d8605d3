import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { decodeFeedBytes } from "./decode";
import { FeedParseError, MAX_FEED_BYTES, parseFeed, type ParsedFeed } from "./parse";

// Real feeds and the golden outputs of two other parsers (rss-parser, feed-rs): see SOURCE.md there.
const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), "../../../test/fixtures/feeds");

function fixture(path: string): Uint8Array {
  return readFileSync(join(FIXTURES, path));
}

function xml(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function feedFileFor(folder: string, name: string): string {
  const file = readdirSync(join(FIXTURES, folder)).find(
    (entry) => entry.replace(/\.(xml|json|rss|atom)$/, "") === name,
  );
  if (!file) throw new Error(`no feed for ${folder}/expected/${name}`);
  return `${folder}/${file}`;
}

// The golden files keep titles as their parser saw them (markup, entities); ours are plain text. This
// normaliser is deliberately independent of the code under test.
const NAMED: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
};
function plain(text: string): string {
  return text
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[\da-f]+|#\d+|[a-z]+);/gi, (entity, ref: string) => {
      if (ref[0] !== "#") return NAMED[ref] ?? entity;
      return String.fromCodePoint(
        ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10),
      );
    })
    .replace(/\s+/g, " ")
    .trim();
}

function urlOf(raw: string): string {
  return new URL(raw.trim()).href;
}

function isoOf(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}

// rss-parser read uolNoticias.rss's undeclared Latin-1 bytes as UTF-8, so its golden titles hold U+FFFD
// where the source has "ç", "ã", "º"... Each U+FFFD must come out as one real non-ASCII character (or a
// space: one of the bytes is a no-break space, which plain text collapses into a space).
function expectSameText(actual: string, golden: string, label: string): void {
  if (!golden.includes("\uFFFD")) {
    expect(actual, label).toBe(golden);
    return;
  }
  const escaped = golden.split("\uFFFD").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  expect(actual, label).toMatch(new RegExp(`^${escaped.join("(?:[^\\x00-\\x7f\\uFFFD]| )")}$`));
}

// UOL writes dates in Portuguese ("Seg, 24 Set 2018 19:42:40 -0300"), which rss-parser could not read
// (isoDate is missing from its golden file). The expectation is derived from the golden pubDate by
// translating the names to English; the explicit offset makes Date.parse deterministic here.
// prettier-ignore
const PORTUGUESE_NAMES: Record<string, string> = {
  Seg: "Mon", Ter: "Tue", Qua: "Wed", Qui: "Thu", Sex: "Fri", Sab: "Sat", Dom: "Sun",
  Fev: "Feb", Abr: "Apr", Mai: "May", Ago: "Aug", Set: "Sep", Out: "Oct", Dez: "Dec",
};
function isoFromPortuguese(pubDate: string): string {
  const english = pubDate.replace(/\b[A-Z][a-z]{2}\b/g, (name) => PORTUGUESE_NAMES[name] ?? name);
  return new Date(Date.parse(english)).toISOString();
}

type RssParserItem = {
  title?: string;
  link?: string;
  isoDate?: string;
  pubDate?: string;
};
type RssParserGolden = {
  feed: { title: string; link: string; items: RssParserItem[] };
};

// expected/encoding.json is itself Latin-1 (SOURCE.md); every other golden file is UTF-8.
function readRssParserGolden(name: string): RssParserGolden {
  const bytes = fixture(`rss-parser/expected/${name}.json`);
  return JSON.parse(new TextDecoder(name === "encoding" ? "latin1" : "utf-8").decode(bytes)) as RssParserGolden;
}

const rssParserNames = readdirSync(join(FIXTURES, "rss-parser/expected")).map((file) => file.replace(/\.json$/, ""));

describe("parseFeed against rss-parser's golden outputs", () => {
  it.each(rssParserNames)("%s: item count, titles, links and dates", (name) => {
    const golden = readRssParserGolden(name);
    const feed = parseFeed(fixture(feedFileFor("rss-parser", name)));

    expectSameText(feed.title, plain(golden.feed.title), "feed title");
    expect(feed.link).toBe(urlOf(golden.feed.link));
    expect(feed.items).toHaveLength(golden.feed.items.length);
    golden.feed.items.forEach((expected, i) => {
      const item = feed.items[i];
      expectSameText(item.title, plain(expected.title ?? ""), `item ${i} title`);
      expect(item.link, `item ${i} link`).toBe(expected.link ? urlOf(expected.link) : null);
      const iso =
        expected.isoDate ?? (name === "uolNoticias" && expected.pubDate ? isoFromPortuguese(expected.pubDate) : null);
      expect(iso, `item ${i}: golden file has a date`).not.toBeNull();
      expect(isoOf(item.published), `item ${i} date`).toBe(iso);
    });
  });
});

type FeedRsGolden = {
  title: { content: string } | null;
  entries: Array<{
    title: { content: string } | null;
    links: Array<{ href: string; rel: string | null }>;
    published: string | null;
    updated: string | null;
  }>;
};

// feed-rs reads nbcny's "Sat, Dec 16 2023 02:02:33 PM" as no date at all. It is a readable date without a
// zone, which parseFeedDate takes as UTC (the documented rule), so the correct value is 14:02:33Z.
const FEED_RS_DATE_OVERRIDES: Record<string, string[]> = {
  rss_2_0_nbcny: ["2023-12-16T14:02:33.000Z"],
};

const feedRsNames = readdirSync(join(FIXTURES, "feed-rs/expected")).map((file) => file.replace(/\.serde\.json$/, ""));

describe("parseFeed against feed-rs's golden outputs", () => {
  it.each(feedRsNames)("%s: item count, titles, links and dates", (name) => {
    const golden = JSON.parse(
      readFileSync(join(FIXTURES, `feed-rs/expected/${name}.serde.json`), "utf8"),
    ) as FeedRsGolden;
    const feed = parseFeed(fixture(feedFileFor("feed-rs", name)));

    expect(feed.title).toBe(plain(golden.title?.content ?? ""));
    expect(feed.items).toHaveLength(golden.entries.length);
    golden.entries.forEach((entry, i) => {
      const item = feed.items[i];
      expect(item.title, `entry ${i} title`).toBe(plain(entry.title?.content ?? ""));
      const alternate = entry.links.find((link) => link.rel === null || link.rel === "alternate");
      expect(item.link, `entry ${i} link`).toBe(alternate ? urlOf(alternate.href) : null);
      const override = FEED_RS_DATE_OVERRIDES[name.replace(/\./g, "_")]?.[i];
      const golden = entry.published ?? entry.updated;
      const iso = override ?? (golden ? new Date(golden).toISOString() : null);
      expect(isoOf(item.published), `entry ${i} date`).toBe(iso);
    });
  });
});

describe("parseFeed on Latin-1 feeds", () => {
  it("reads the ISO-8859-1 Inovação Tecnológica feed (declared in the XML declaration)", () => {
    const feed = parseFeed(fixture("feed-rs/rss_2.0_encoding_1.xml"));
    expect(feed.title).toBe("RSS Feed do Site Inovação Tecnológica");
    expect(feed.items[0].title).toContain("Revolução nas telas com pontos quânticos");
  });

  it("reads Golem's ISO-8859-1 RSS 1.0 feed with its umlauts", () => {
    const feed = parseFeed(fixture("feed-rs/rss_1.0_iso8859.xml"));
    expect(feed.format).toBe("rdf");
    expect(feed.items[0].title).toBe("Digitalministerium: Neue Glasfaserförderung mit Schnellkasse");
    expect(feed.items[0].summary).toContain("Förderung");
  });

  it("reads jn.pt's accents", () => {
    const feed = parseFeed(fixture("rss-parser/encoding.rss"));
    expect(feed.title).toBe("Jornal de Notícias - Últimas Notícias");
    expect(feed.items[0].title).toBe("Mãe de utente é a nova presidente da Raríssimas");
  });

  it("reads UOL's undeclared Latin-1 as windows-1252, not as broken UTF-8", () => {
    const bytes = fixture("rss-parser/uolNoticias.rss");
    expect(decodeFeedBytes(bytes).text).toContain("<description>Últimas Notícias</description>");
    const feed = parseFeed(bytes);
    expect(feed.items[0].title).toBe("Ibope: Bolsonaro perde de Haddad, Ciro e Alckmin em simulações de 2º turno");
    expect(feed.items.some((item) => /\uFFFD/.test(item.title + item.summary))).toBe(false);
  });

  it("believes a Content-Type charset over the document when the bytes agree", () => {
    const bytes = fixture("rss-parser/uolNoticias.rss");
    expect(
      parseFeed(bytes, {
        contentType: "application/rss+xml; charset=ISO-8859-1",
      }).items[1].title,
    ).toBe("Promotoria abre inquérito para apurar suspeita de improbidade de Skaf no Sebrae-SP");
  });
});

describe("parseFeed field mapping", () => {
  it("decodes the HTML entity in the JSON Feed title", () => {
    const feed = parseFeed(fixture("feed-rs/jsonfeed_elastic_1.1.json"));
    expect(feed.format).toBe("json");
    expect(feed.title).toBe("Blog – InfluxData");
    expect(feed.items[0].published?.toISOString()).toBe("2019-05-31T19:17:58.000Z");
    expect(feed.items[0].author).toBe("Chris Churilo");
    expect(feed.items[0].categories).toContain("InfluxDB");
  });

  it("picks the alternate link of an Atom entry over self, edit and replies links", () => {
    const feed = parseFeed(
      xml(`<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
        <entry><id>urn:1</id><title type="html">A &lt;b&gt;bold&lt;/b&gt; move</title><updated>2024-01-02T03:04:05Z</updated>
          <link rel="self" href="https://example.org/self"/><link rel="replies" type="text/html" href="https://example.org/comments"/>
          <link rel="alternate" type="application/pdf" href="https://example.org/a.pdf"/>
          <link rel="alternate" type="text/html" href="/stories/1"/>
          <content type="html">&lt;p&gt;Body&lt;/p&gt;</content></entry></feed>`),
      { url: "https://example.org/feeds/atom.xml" },
    );
    const [entry] = feed.items;
    expect(entry.link).toBe("https://example.org/stories/1");
    expect(entry.title).toBe("A bold move");
    expect(entry.contentHtml).toBe("<p>Body</p>");
    expect(entry.published?.toISOString()).toBe("2024-01-02T03:04:05.000Z");
  });

  it("resolves relative RSS links against the feed URL and keeps items with neither link nor content", () => {
    const feed = parseFeed(
      xml(`<rss version="2.0"><channel><title>Site</title><link>https://example.org/</link>
        <item><title>Relative</title><link>../news/1.html</link></item>
        <item><title>Bare</title><guid isPermaLink="false">42</guid></item>
      </channel></rss>`),
      { url: "https://example.org/feeds/rss.xml" },
    );
    expect(feed.items.map((item) => item.link)).toEqual(["https://example.org/news/1.html", null]);
    expect(feed.items[1]).toMatchObject({
      title: "Bare",
      guid: "42",
      summary: null,
      contentHtml: null,
      published: null,
    });
  });

  it("uses an absolute permalink guid as the link when there is no <link>", () => {
    const feed = parseFeed(
      xml(
        `<rss version="2.0"><channel><title>S</title><item><guid>https://example.org/p/7</guid></item></channel></rss>`,
      ),
    );
    expect(feed.items[0].link).toBe("https://example.org/p/7");
    expect(feed.items[0].title).toBe("");
  });

  it("strips markup and decodes entities in RSS titles, keeps content:encoded as HTML", () => {
    const feed = parseFeed(fixture("rss-parser/craigslist.rss"));
    expect(feed.items[0].title).toBe(
      "Bright, Spacious Beautiful Victorian (oakland north / temescal) $4300 3bd 1930ft2",
    );
    const medium = parseFeed(fixture("rss-parser/content-encoded.rss"));
    expect(medium.items[0].contentHtml).toMatch(/^<h4>Using Wild Ingredients in the\s*Kitchen<\/h4><figure><img /u);
    expect(medium.items[0].author).toBe("Jeremy Puma");
  });

  it("repairs bare ampersands outside CDATA and leaves CDATA alone", () => {
    const feed = parseFeed(
      xml(`<rss version="2.0"><channel><title>Q&A</title><item><title>Tom & Jerry &amp; friends</title>
        <link>https://example.org/?a=1&b=2</link><description><![CDATA[<p>R&amp;D & more</p>]]></description></item></channel></rss>`),
    );
    expect(feed.title).toBe("Q&A");
    expect(feed.items[0].title).toBe("Tom & Jerry & friends");
    expect(feed.items[0].link).toBe("https://example.org/?a=1&b=2");
    expect(feed.items[0].summary).toBe("R&D & more");
  });
});

describe("parseFeed refusals", () => {
  function refusal(run: () => ParsedFeed): FeedParseError {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(FeedParseError);
      return error as FeedParseError;
    }
    throw new Error("expected a FeedParseError");
  }

  it("refuses the truncated Reuters feed with a message naming the line and the cause", () => {
    const error = refusal(() => parseFeed(fixture("feed-rs/rss_2.0_invalid_1.xml")));
    expect(error.code).toBe("malformed");
    expect(error.message).toMatch(/^The feed is not well-formed XML \(line \d+\): unexpected end of input/);
    expect(error.message).toContain("<channel>");
  });

  it("refuses a feed cut off inside an item rather than returning the items before it", () => {
    const text = new TextDecoder().decode(fixture("rss-parser/guardian.rss"));
    const cut = text.slice(0, text.indexOf("</item>", text.length / 2) + 7);
    expect(refusal(() => parseFeed(xml(cut))).code).toBe("malformed");
  });

  it("reports a mismatched tag with its line", () => {
    const error = refusal(() => parseFeed(xml(`<rss version="2.0">\n<channel>\n<title>x</titel>\n</channel></rss>`)));
    expect(error.message).toMatch(/^The feed is not well-formed XML \(line 3\): /);
  });

  it("refuses an HTML page", () => {
    const page = `<!DOCTYPE html>\n<html lang="en"><head><title>Presswatch</title></head><body><p>Hello<br></body></html>`;
    const error = refusal(() => parseFeed(xml(page), { contentType: "text/html; charset=utf-8" }));
    expect(error.code).toBe("not-a-feed");
    expect(error.message).toMatch(/not an RSS, Atom or JSON feed/);
    expect(error.message).toContain("HTML page");
  });

  it("refuses other XML, non-feed JSON, invalid JSON and empty input", () => {
    expect(refusal(() => parseFeed(xml(`<?xml version="1.0"?><note><to>x</to></note>`))).code).toBe("not-a-feed");
    expect(refusal(() => parseFeed(xml(`{"hello": "world"}`))).code).toBe("not-a-feed");
    expect(refusal(() => parseFeed(xml(`{"version": "https://jsonfeed.org/version/1.1", "items": [`))).code).toBe(
      "malformed",
    );
    expect(refusal(() => parseFeed(new Uint8Array(0))).message).toMatch(/not an RSS, Atom or JSON feed/);
  });

  it("refuses input over 10 MB before reading it", () => {
    const error = refusal(() => parseFeed(new Uint8Array(MAX_FEED_BYTES + 1)));
    expect(error.code).toBe("too-large");
    expect(error.message).toMatch(/too large/);
  });

  it("does not expand a billion-laughs entity bomb: parses safely, quickly and without the expansion", () => {
    const levels = Array.from({ length: 9 }, (_, n) => `<!ENTITY lol${n + 1} "${`&lol${n};`.repeat(10)}">`).join("\n");
    const bomb = `<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY lol0 "lol">\n${levels}\n]>\n<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title><link>https://example.org/1</link></item></channel></rss>`;
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    const feed = parseFeed(xml(bomb));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(100 * 1024 * 1024);
    expect(feed.items).toHaveLength(1);
    expect(feed.items[0].title.length).toBeLessThan(100);
    expect(feed.items[0].title).not.toContain("lollol");
  });

  it("refuses external entities instead of reading the file they name", () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><title>&xxe;</title></channel></rss>`;
    const error = refusal(() => parseFeed(xml(xxe)));
    expect(error.code).toBe("malformed");
    expect(error.message).toMatch(/External entities are not supported/);
  });
});
