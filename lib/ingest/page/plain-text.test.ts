import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { readPlainText } from "@/lib/ingest/page/plain-text";

const text = (html: string) => readPlainText(new JSDOM(html).window.document.body);

describe("readPlainText", () => {
  it("puts each block on its own line and collapses whitespace inside it", () => {
    expect(text("<div><h2> Title </h2><p>First\n   paragraph,\tstill <b>first</b>.</p><p>Second.</p></div>")).toBe(
      "Title\nFirst paragraph, still first.\nSecond.",
    );
  });

  it("breaks lines at <br>, list items and table rows, and keeps inline elements inline", () => {
    expect(
      text(
        "<p>a<br>b</p><ul><li>one</li><li>t<em>w</em>o</li></ul><table><tr><td>x</td><td>y</td></tr><tr><td>z</td></tr></table>",
      ),
    ).toBe("a\nb\none\ntwo\nx y\nz");
  });

  it("keeps the lines of <pre>, drops scripts and styles, and skips empty blocks", () => {
    expect(
      text("<pre>line 1\n  line 2\n\nline 3</pre><script>var x = 1;</script><style>p{}</style><p> </p><div></div>end"),
    ).toBe("line 1\nline 2\nline 3\nend");
  });
});
