import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { extractFromBytes } from "@/lib/ingest/page/extract";

// Article pages of the outlets analysts fetch most, made by hand (test/fixtures/pages/state-media/SOURCE.md):
// real article text in the page chrome of www.kcna.kp, www.rodong.rep.kp and kcna.co.jp.
const DIR = fileURLToPath(new URL("../../../test/fixtures/pages/state-media/", import.meta.url));
const EXPECTED = JSON.parse(readFileSync(`${DIR}expected.json`, "utf8")) as Record<
  string,
  { url: string; title: string; text: string }
>;
const PAGES = Object.keys(EXPECTED).sort();

describe("extraction of KCNA and Rodong Sinmun article pages", () => {
  it("covers the three sites", () => {
    expect(PAGES).toEqual(["kcna-co-jp-2016.html", "kcna-kp-2024.html", "rodong-rep-kp-2021.html"]);
  });

  it.each(PAGES)("%s: the text is exactly the article, paragraph by paragraph", (page) => {
    const { url, title, text } = EXPECTED[page];
    const article = extractFromBytes(readFileSync(DIR + page), { url });
    expect(article.text).toBe(text);
    expect(article.title).toBe(title);
  });

  it.each(PAGES)("%s: the stored HTML holds the paragraphs and none of the chrome's text", (page) => {
    const { url, text } = EXPECTED[page];
    const { html } = extractFromBytes(readFileSync(DIR + page), { url });
    for (const paragraph of text.split("\n").slice(0, 3)) expect(html).toContain(paragraph.slice(0, 40));
    const visible = html.replace(/<[^>]*>/g, " ");
    expect(visible).not.toMatch(/Copyright|Latest News|Other Articles|Other news|Enlarge|A\+|NEXT|Visitors/);
    expect(html).not.toMatch(/<a\b[^>]*>\s*(<img[^>]*>\s*)*<\/a>/);
  });

  it("keeps the leader's name, set apart by the site, inside the sentence", () => {
    const { url } = EXPECTED["kcna-kp-2024.html"];
    const article = extractFromBytes(readFileSync(`${DIR}kcna-kp-2024.html`), { url });
    expect(article.text).toContain("to the respected Comrade Kim Jong Un in reflection of boundless reverence.");
    expect(article.language).toBe("en");
  });

  it("reads the Shift_JIS page of kcna.co.jp from its <meta> charset", () => {
    const { url } = EXPECTED["kcna-co-jp-2016.html"];
    const bytes = readFileSync(`${DIR}kcna-co-jp-2016.html`);
    expect(bytes.includes(Buffer.from([0x81, 0x40]))).toBe(true);
    expect(extractFromBytes(bytes, { url }).text).not.toMatch(/\uFFFD|\u3000/);
  });
});

describe("the day of a state-media page without date metadata", () => {
  it.each([
    ["kcna-kp-2024.html", "2024-01-02"],
    ["rodong-rep-kp-2021.html", "2021-06-17"],
    ["kcna-co-jp-2016.html", "2016-01-04"],
  ])("%s: %s, from its address or its dateline and the date printed by the headline", (page, expected) => {
    const { url } = EXPECTED[page];
    const article = extractFromBytes(readFileSync(DIR + page), { url });
    expect(article.published?.toISOString()).toBe(`${expected}T00:00:00.000Z`);
  });
});
