import { describe, expect, it } from "vitest";

import { escapeHtml, htmlToText } from "./text";

describe("htmlToText", () => {
  it("drops tags, scripts, styles and comments, decodes entities and collapses whitespace", () => {
    const html = `<p>Kim&nbsp;Jong&#8211;Un <b>visits</b></p><!-- ad --><script>alert("x<p>")</script><style>p{}</style>\n<div>the&#x20;plant &amp; farm</div>`;
    expect(htmlToText(html)).toBe("Kim Jong–Un visits the plant & farm");
  });

  it("separates block elements and keeps inline ones joined", () => {
    expect(htmlToText("<p>One</p><p>Two<br>Three</p>1930ft<sup>2</sup>")).toBe("One Two Three 1930ft2");
  });

  it("keeps a lone < that is not a tag", () => {
    expect(htmlToText("a < b &lt;c&gt;")).toBe("a < b <c>");
  });

  it("stays linear on hostile input (unclosed scripts, comments and tags by the hundred thousand)", () => {
    const started = performance.now();
    htmlToText("<!--c-->".repeat(200_000) + "<script>a</script><style>b</style>".repeat(100_000) + "<script");
    htmlToText("<a ".repeat(300_000));
    htmlToText("<p".repeat(300_000));
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe("escapeHtml", () => {
  it("escapes the characters that would start markup", () => {
    expect(escapeHtml(`1 < 2 & "x" > 0`)).toBe(`1 &lt; 2 &amp; "x" &gt; 0`);
  });
});
