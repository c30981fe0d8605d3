import { describe, expect, it } from "vitest";

import { readFeedItemBody } from "./item-body";
import { parseFeed } from "./parse";

const xml = (text: string) => new TextEncoder().encode(text);

describe("RSS and RDF fields", () => {
  it("reads dc:title, dc:description, itunes:summary and media:title where the core elements are missing", () => {
    const feed = parseFeed(
      xml(`<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
          xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:media="http://search.yahoo.com/mrss/">
        <channel><dc:title>Channel by Dublin Core</dc:title>
          <item><dc:title>First</dc:title><dc:description>Described in Dublin Core</dc:description></item>
          <item><media:title>Second</media:title><itunes:summary>Summarised for iTunes</itunes:summary></item>
          <item><title>Third</title><description>Core wins</description><dc:description>Not this</dc:description></item>
        </channel></rss>`),
    );
    expect(feed.title).toBe("Channel by Dublin Core");
    expect(feed.items.map((item) => [item.title, item.summary])).toEqual([
      ["First", "Described in Dublin Core"],
      ["Second", "Summarised for iTunes"],
      ["Third", "Core wins"],
    ]);
  });

  it("reads a channel with no recognised fields, or none at all, as an empty feed rather than refusing it", () => {
    for (const doc of [
      `<rss version="2.0"></rss>`,
      `<rss version="2.0"><channel></channel></rss>`,
      `<rss><channel><item><unknown>x</unknown></item></channel></rss>`,
      `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"></rdf:RDF>`,
      `<feed xmlns="http://www.w3.org/2005/Atom"></feed>`,
    ]) {
      const feed = parseFeed(xml(doc));
      expect(feed.items, doc).toEqual([]);
      expect(feed.title, doc).toBe("");
    }
  });

  it("keeps a description's markup, sanitized, as the body when there is no content", () => {
    const [item] = parseFeed(
      xml(`<rss version="2.0"><channel><item><title>T</title><link>https://example.org/a/1</link>
        <description>&lt;p&gt;First &lt;a href="/b/2"&gt;link&lt;/a&gt;.&lt;/p&gt;&lt;img src="x.png" onerror="bad()"&gt;</description>
      </item></channel></rss>`),
      { url: "https://example.org/feeds/news.xml" },
    ).items;
    expect(item.summary).toBe("First link.");
    const body = readFeedItemBody(item);
    expect(body.text).toBe("First link.");
    expect(body.html).toBe(
      `<p>First <a rel="noopener noreferrer nofollow" href="https://example.org/b/2">link</a>.</p><img src="https://example.org/feeds/x.png" />`,
    );
  });

  it("reads Word's C1 characters as windows-1252 punctuation, raw or as references", () => {
    const [item] = parseFeed(
      xml(
        `<rss version="2.0"><channel><item><title>don\u0092t &#147;quote&#148; &#x96; dash</title></item></channel></rss>`,
      ),
    ).items;
    expect(item.title).toBe("don’t “quote” – dash");
  });

  it("gives the name, not the address, as the byline", () => {
    const feed = parseFeed(
      xml(`<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
        <item><title>a</title><dc:creator>Example editor (me@example.com)</dc:creator></item>
        <item><title>b</title><dc:creator>me@example.com (Example editor)</dc:creator></item>
        <item><title>c</title><dc:creator>Kim Il (Pyongyang bureau)</dc:creator></item>
        <item><title>d</title><dc:creator>desk@example.com</dc:creator></item>
      </channel></rss>`),
    );
    expect(feed.items.map((item) => item.author)).toEqual([
      "Example editor",
      "Example editor",
      "Kim Il (Pyongyang bureau)",
      "desk@example.com",
    ]);
  });

  it("strips a whole page's declarations from a title, not only its tags", () => {
    const [item] = parseFeed(
      xml(
        `<rss version="2.0"><channel><item><title>&lt;!DOCTYPE html&gt;&lt;?xml version="1.0"?&gt;&lt;b&gt;Title&lt;/b&gt;</title></item></channel></rss>`,
      ),
    ).items;
    expect(item.title).toBe("Title");
  });
});
