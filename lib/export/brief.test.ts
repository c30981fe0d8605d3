import { describe, expect, it } from "vitest";
import { escapeHtml, writeHtml } from "@/lib/export/html";
import { escapeMarkdown, writeMarkdown } from "@/lib/export/markdown";
import { collect, fromArray, makeAnnotation, makeRecord } from "@/lib/export/test-records";

const records = [
  makeRecord({
    id: 1,
    title: "Launch <script>alert(1)</script> & *more*",
    themes: [
      { id: 1, name: "Missiles" },
      { id: 2, name: "Leadership" },
    ],
    annotations: [
      makeAnnotation({ id: 1, exact: null, note: "Whole-story note" }),
      makeAnnotation({ id: 2, exact: 'a new "Hwasong" <type>', note: "First mention of the <name>" }),
    ],
  }),
  makeRecord({
    id: 2,
    title: "Harvest report",
    publishedAt: new Date("2017-07-03T10:00:00Z"),
    themes: [],
    tags: [],
    url: "javascript:alert(1)",
  }),
];

const position = (text: string, needle: string) => {
  const at = text.indexOf(needle);
  expect(at, needle).toBeGreaterThanOrEqual(0);
  return at;
};

describe("writeHtml", () => {
  it("is a complete print-friendly document with every value escaped", async () => {
    const html = await collect(writeHtml(fromArray(records), { title: "Brief <x>", group: "theme" }));
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain("@media print");
    expect(html.trimEnd().endsWith("</html>")).toBe(true);
    expect(html).not.toContain("<script>");
    expect(html).toContain("Launch &#60;script&#62;alert(1)&#60;/script&#62; &#38; *more*");
    expect(html).toContain("<title>Brief &#60;x&#62;</title>");
    expect(html).not.toContain("javascript:");
  });

  it("groups by theme with each story once, under its first theme, its themes as labels, unthemed last", async () => {
    const html = await collect(writeHtml(fromArray(records), { title: "Brief", group: "theme" }));
    const groups = [...html.matchAll(/<h2>(.*?)<\/h2>/g)].map((match) => match[1]);
    expect(groups).toEqual(["Leadership", "No theme"]);
    expect(html.match(/<h3><a href="https:\/\/kcnawatch.example\/a\/1">Launch/g)).toHaveLength(1);
    expect(html).toContain('<span class="label">Leadership</span><span class="label">Missiles</span>');
    const quote = position(html, "<blockquote>a new &#34;Hwasong&#34; &#60;type&#62;</blockquote>");
    expect(position(html, "First mention of the &#60;name&#62;")).toBeGreaterThan(quote);
    expect(position(html, "Whole-story note")).toBeLessThan(quote);
  });

  it("opens with a summary: the number of articles, the date span, counts by theme and by source", async () => {
    const html = await collect(writeHtml(fromArray(records), { title: "Brief", group: "day" }));
    const summary = html.slice(position(html, '<section class="summary"'), position(html, "<h2>"));
    expect(summary).toContain("<b>2 articles</b>, 2017-07-03 – 2017-07-04");
    expect(summary).toContain("<b>By theme:</b> Leadership 1 · Missiles 1 · No theme 1");
    expect(summary).toContain("<b>By source:</b> KCNA 2");
    const md = await collect(writeMarkdown(fromArray(records), { title: "Brief", group: "theme" }));
    expect(position(md, "2 articles, 2017-07-03 – 2017-07-04.")).toBeLessThan(position(md, "## Leadership"));
    expect(md).toContain("**By theme:** Leadership 1 · Missiles 1 · No theme 1");
    expect(md.match(/### Launch/g)).toHaveLength(1);
    expect(md).toContain("Themes: Leadership, Missiles");
  });

  it("groups by day in the export's order", async () => {
    const html = await collect(writeHtml(fromArray(records), { title: "Brief", group: "day" }));
    expect([...html.matchAll(/<h2>(.*?)<\/h2>/g)].map((match) => match[1])).toEqual(["2017-07-04", "2017-07-03"]);
  });

  it("says so when nothing matched", async () => {
    expect(await collect(writeHtml(fromArray([]), { title: "Brief", group: "day" }))).toContain("No articles match");
  });

  it("escapes the five HTML specials", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;");
  });
});

describe("writeMarkdown", () => {
  it("groups stories, links them and quotes the annotated passage above the note", async () => {
    const md = await collect(writeMarkdown(fromArray(records), { title: "Brief", group: "day" }));
    expect(md.startsWith("# Brief\n")).toBe(true);
    expect(position(md, "## 2017-07-04")).toBeLessThan(position(md, "## 2017-07-03"));
    expect(md).toContain("2017-07-04 · KCNA · [link](<https://kcnawatch.example/a/1>)");
    expect(md).toContain("Tags: ICBM");
    const quote = position(md, '> a new "Hwasong" \\<type\\>');
    expect(position(md, "**Ana Lyst:** First mention of the \\<name\\>")).toBeGreaterThan(quote);
    expect(md).toContain("### Launch \\<script\\>alert\\(1\\)\\</script\\> & \\*more\\*");
  });

  it("escapes formatting characters and keeps a title on one line", () => {
    expect(escapeMarkdown("*bold* [x](y) #1\nnext")).toBe("\\*bold\\* \\[x\\]\\(y\\) \\#1 next");
  });
});
