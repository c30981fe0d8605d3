import { JSDOM, VirtualConsole } from "jsdom";
import { describe, expect, it } from "vitest";
import { extractArticle } from "@/lib/ingest/page/extract";
import { parseHtmlPage, stripStyleElements } from "@/lib/ingest/page/parse-html";

// A stylesheet as CSS preprocessors sometimes leave it: jsdom 29 throws on the calc() while parsing.
const BROKEN_STYLE = "<style>@media (min-width: 1px) { .hero { min-height: calc(($a - $b) / 16 * 9); } }</style>";
const PARAGRAPH =
  "<p>Pyongyang, a long paragraph of article text that Readability will score as content, with commas, many of them, and more words.</p>";
const PAGE = `<html><head><title>Report</title>${BROKEN_STYLE}</head><body><article>${PARAGRAPH.repeat(5)}</article></body></html>`;

describe("stripStyleElements", () => {
  it("removes style elements, attributes and all", () => {
    expect(stripStyleElements('<head><style media="print">p { color: red }</style><STYLE>a{}</Style ></head>x')).toBe(
      "<head></head>x",
    );
  });

  it("leaves a '<style' inside comments, scripts, titles and textareas alone", () => {
    const html =
      "<title>How <style> works</title><!-- <style> --><script>s = '<style>';</script><textarea><style></textarea><p>kept</p><style>x{}</style>";
    expect(stripStyleElements(html)).toBe(
      "<title>How <style> works</title><!-- <style> --><script>s = '<style>';</script><textarea><style></textarea><p>kept</p>",
    );
  });
});

describe("parseHtmlPage", () => {
  it("parses a page whose stylesheet jsdom cannot parse", () => {
    expect(() => new JSDOM(PAGE, { virtualConsole: new VirtualConsole() })).toThrow();
    const dom = parseHtmlPage(PAGE, "https://example.com/a");
    try {
      expect(dom.window.document.querySelectorAll("article p")).toHaveLength(5);
      expect(dom.window.document.URL).toBe("https://example.com/a");
    } finally {
      dom.window.close();
    }
  });

  it("lets extraction read such a page", () => {
    expect(extractArticle(PAGE, "https://example.com/a").text).toContain("Pyongyang, a long paragraph");
  });
});
