import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { needsPageFetch, readFeedItemBody } from "./item-body";
import { parseFeed } from "./parse";

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/feeds/${name}`, import.meta.url));

describe("readFeedItemBody", () => {
  it("reads content:encoded as paragraphs and keeps its sanitized HTML", () => {
    const [item] = parseFeed(fixture("rss-parser/content-encoded.rss")).items;
    const body = readFeedItemBody(item);
    expect(body.fromContent).toBe(true);
    expect(body.text.split("\n").length).toBeGreaterThan(2);
    expect(body.text).not.toMatch(/<[a-z]/i);
    expect(body.html).toMatch(/^<(p|h[2-6]|figure|div)/);
  });

  it("drops scripts, handlers and javascript: links from hostile content", () => {
    const body = readFeedItemBody({
      link: "https://example.org/story",
      baseUrl: null,
      summary: null,
      summaryHtml: null,
      contentHtml: `<p onclick="steal()">First <a href="javascript:alert(1)">para</a>graph.</p><script>alert(2)</script><p>Second <img src="/x.png" onerror="bad()"></p><iframe src="https://evil.example"></iframe>`,
    });
    expect(body.text).toBe("First paragraph.\nSecond");
    expect(body.html).not.toMatch(/script|onclick|onerror|javascript:|iframe/i);
    expect(body.html).toContain(`src="https://example.org/x.png"`);
  });

  it("falls back to the summary, sanitized, when there is no content", () => {
    const [item] = parseFeed(fixture("rss-parser/guardian.rss")).items;
    const body = readFeedItemBody(item);
    expect(body.fromContent).toBe(false);
    expect(body.text).toMatch(/^The president’s ‘new American moment’ speech/);
    expect(body.html).toMatch(/^<p>The president’s/);
  });

  it("resolves relative URLs against the item's base (xml:base, else the feed), then its link", () => {
    const markup = { summary: null, summaryHtml: null, contentHtml: `<p><a href="next.html">Next</a> story.</p>` };
    const based = { ...markup, baseUrl: "https://example.org/feeds/", link: "https://example.org/2024/story" };
    expect(readFeedItemBody(based).html).toContain(`href="https://example.org/feeds/next.html"`);
    expect(readFeedItemBody({ ...based, baseUrl: null }).html).toContain(`href="https://example.org/2024/next.html"`);
  });

  it("gives empty text for an item with neither", () => {
    const empty = { link: null, baseUrl: null, summary: null, summaryHtml: "<p></p>", contentHtml: "<p> </p>" };
    expect(readFeedItemBody(empty)).toEqual({
      text: "",
      html: null,
      fromContent: false,
    });
  });
});

describe("needsPageFetch", () => {
  const long = { text: "word ".repeat(100), html: null, fromContent: false };
  const short = { text: "A teaser. Continue reading...", html: null, fromContent: false };

  it("fetches the page for a teaser, or always when the source asks for full text", () => {
    expect(needsPageFetch(short, false)).toBe(true);
    expect(needsPageFetch(long, false)).toBe(false);
    expect(needsPageFetch(long, true)).toBe(true);
  });
});
