import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { readPlainText } from "@/lib/ingest/page/plain-text";
import { readTextBlocks, removeEmptyElements, removeTextBlock } from "@/lib/ingest/page/text-blocks";

const body = (html: string) => new JSDOM(html).window.document.body;

describe("readTextBlocks", () => {
  it("reads the lines readPlainText prints, with their links, heading level and table", () => {
    const root = body(`<h2>Sub <em>heading</em></h2><p>Text with <a href="/x">a link</a>.<br>Second line</p>
      <ul><li><a href="/y">Only a link</a></li></ul><table><tr><td>cell</td><td><a href="/z">linked</a></td></tr></table>
      <p>   </p><div>tail</div>`);
    const blocks = readTextBlocks(root);
    expect(blocks.map((block) => block.text)).toEqual([
      "Sub heading",
      "Text with a link.",
      "Second line",
      "Only a link",
      "cell",
      "linked",
      "tail",
    ]);
    expect(readPlainText(root).split("\n")).toEqual([
      "Sub heading",
      "Text with a link.",
      "Second line",
      "Only a link",
      "cell linked",
      "tail",
    ]);
    expect(blocks.map((block) => block.linkChars)).toEqual([0, 6, 0, 11, 0, 6, 0]);
    expect(blocks.map((block) => block.heading)).toEqual([2, 0, 0, 0, 0, 0, 0]);
    expect(blocks.map((block) => block.inTable)).toEqual([false, false, false, false, true, true, false]);
  });
});

describe("removeTextBlock and removeEmptyElements", () => {
  it("remove exactly one line and the elements it leaves empty, keeping images", () => {
    const root = body(`<div><p>Keep this.</p><p class="x"><a href="/r"><b>Related story</b></a></p>
      <figure><img src="a.jpg"><figcaption>Photo: AP</figcaption></figure></div>`);
    const blocks = readTextBlocks(root);
    removeTextBlock(blocks[1]);
    removeTextBlock(blocks[2]);
    removeEmptyElements(root);
    expect(root.innerHTML.replace(/\s+/g, "")).toBe('<div><p>Keepthis.</p><figure><imgsrc="a.jpg"></figure></div>');
  });
});
