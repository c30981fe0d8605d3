import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { cleanArticleContent } from "@/lib/ingest/page/clean-article";
import { readPlainText } from "@/lib/ingest/page/plain-text";

const SENTENCE = "Pyongyang, a sentence of the article, long enough to read as prose and to end with a period.";

/** The lines of `html` left by cleanArticleContent. */
function clean(html: string, title = "A headline of the article on the page"): string[] {
  const root = new JSDOM(`<div id="content">${html}</div>`).window.document.getElementById("content")!;
  cleanArticleContent(root, title);
  return readPlainText(root).split("\n").filter(Boolean);
}

describe("cleanArticleContent", () => {
  it("removes lines that are mostly links, and keeps sentences with links in them", () => {
    expect(
      clean(`<p>${SENTENCE}</p><p>Related: <a href="/a">Another story of the day</a></p>
        <p><a href="/b">Who will make the Rock Hall in 2020?</a></p>
        <p>The <a href="/c">earlier report</a> gave the background to the decision taken by the committee.</p>`),
    ).toEqual([SENTENCE, "The earlier report gave the background to the decision taken by the committee."]);
  });

  it("keeps a bare address: it is the author's text", () => {
    expect(clean(`<p>${SENTENCE}</p><p><a href="http://amzn.to/2iJFhRj">http://amzn.to/2iJFhRj</a></p>`)).toEqual([
      SENTENCE,
      "http://amzn.to/2iJFhRj",
    ]);
  });

  it("removes interface words, credits, notes, copyright lines, datelines and bylines", () => {
    expect(
      clean(`<p>By Paul Takahashi</p><p>Published 4:00 am CST, Wednesday, November 20, 2019</p><p>${SENTENCE}</p>
        <p>Advertisement</p><p>Image 1 of 9</p><p>(Image credit: NASA/JPL)</p><p>Photo: AP</p>
        <p>Heba Habib contributed to this report.</p><p>Follow us on Twitter @example.</p>
        <p>Copyright (C) 2016 KOREA NEWS SERVICE(KNS) All Rights Reserved.</p><p>6</p><p>&#8203;</p>`),
    ).toEqual([SENTENCE]);
  });

  it("keeps sentences that only start like a byline or a dateline", () => {
    const kept = [
      "By the end of the year, the plant had doubled its output.",
      "By Monday, the ministry had published the full list of the candidates and their programmes.",
      "Published in 1850, the book was read across the country.",
    ];
    expect(clean(kept.map((line) => `<p>${line}</p>`).join(""))).toEqual(kept);
  });

  it("removes the headline where the body repeats it near the top", () => {
    expect(
      clean(
        `<h1>Cat found in New Mexico after going missing in Oregon</h1><p>${SENTENCE}</p>`,
        "Cat found in New Mexico after going missing in Oregon - KSAT",
      ),
    ).toEqual([SENTENCE]);
  });

  it("removes headings left with nothing under them, cascading upwards", () => {
    expect(
      clean(
        `<h2>Section</h2><p>${SENTENCE}</p><h2>Sports</h2><h3>Latest</h3><p><a href="/x">A linked teaser headline</a></p>`,
      ),
    ).toEqual(["Section", SENTENCE]);
  });

  it("removes lists that are mostly links, and the label of a trailing box of links", () => {
    expect(
      clean(`<p>${SENTENCE}</p><ul><li>The committee met <a href="/m">on Monday</a> and decided a lot of things.</li></ul>
        <div>Other Articles</div><ul><li><a href="/1">First other article</a></li><li><a href="/2">Second one</a></li></ul>`),
    ).toEqual([SENTENCE, "The committee met on Monday and decided a lot of things."]);
  });

  it("keeps a short line when article text follows it", () => {
    expect(
      clean(`<p>Not to get too technical, but …</p><p><a href="/x">A linked line</a></p><p>${SENTENCE}</p>`),
    ).toEqual(["Not to get too technical, but …", SENTENCE]);
  });

  it("judges tables whole: linked names and bare numbers in cells are data", () => {
    expect(
      clean(`<p>${SENTENCE}</p><table><tr><td>1</td><td><a href="/d/1">Kyle Busch</a></td><td>5040</td></tr></table>`),
    ).toEqual([SENTENCE, "1 Kyle Busch 5040"]);
  });
});
