import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { takeHeadline } from "@/lib/ingest/page/headline";
import { readPlainText } from "@/lib/ingest/page/plain-text";

const SENTENCE = "The plenary meeting of the committee continued on its second day with study sessions.";

function take(html: string, title: string): { headline: string | null; text: string } {
  const root = new JSDOM(`<div id="content">${html}</div>`).window.document.getElementById("content")!;
  const headline = takeHeadline(root, title);
  return { headline, text: readPlainText(root) };
}

describe("takeHeadline", () => {
  it("takes the emphasized first line when the page title only names the site", () => {
    expect(
      take(
        `<table><tr><td><font size="4"><b>Plenary Meeting Held</b></font></td></tr></table><p>${SENTENCE}</p>`,
        "Rodong Sinmun",
      ),
    ).toEqual({
      headline: "Plenary Meeting Held",
      text: SENTENCE,
    });
    expect(take(`<h2 class="article-title">Plenary Meeting Held</h2><p>${SENTENCE}</p>`, "")).toEqual({
      headline: "Plenary Meeting Held",
      text: SENTENCE,
    });
  });

  it("leaves the body alone when the title is a real headline, or the first line is not one", () => {
    const page = `<h2>Plenary Meeting Held</h2><p>${SENTENCE}</p>`;
    expect(take(page, "Plenary Meeting of the Committee Held in Pyongyang").headline).toBeNull();
    expect(
      take(`<p><b>Pyongyang, June 17 (KCNA) -- The meeting opened.</b></p><p>${SENTENCE}</p>`, "KCNA").headline,
    ).toBeNull();
    expect(take(`<p>Plenary Meeting Held</p><p>${SENTENCE}</p>`, "KCNA").headline).toBeNull();
    // A "title" class on a wrapper of the whole article is not emphasis of its first line.
    expect(
      take(`<div class="title-and-body"><p>Plenary Meeting Held</p><p>${SENTENCE}</p></div>`, "KCNA").headline,
    ).toBeNull();
    expect(take(page, "Plenary Meeting of the Committee Held in Pyongyang").text).toBe(
      `Plenary Meeting Held\n${SENTENCE}`,
    );
  });
});
