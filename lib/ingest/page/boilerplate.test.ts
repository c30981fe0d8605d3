import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { pruneBoilerplate } from "@/lib/ingest/page/boilerplate";
import { readPlainText } from "@/lib/ingest/page/plain-text";

const PROSE = "<p>Pyongyang, a paragraph of article prose long enough to count as such, with more words after it.</p>";

/** The document of `html` after pruning. */
function prune(html: string): Document {
  const document = new JSDOM(html).window.document;
  pruneBoilerplate(document);
  return document;
}
/** Its body's lines, joined by spaces. */
const text = (document: Document) => readPlainText(document.body).replace(/\n/g, " ");

describe("pruneBoilerplate", () => {
  it("removes page furniture by tag, ARIA role and hidden state", () => {
    const document = prune(`<body>
      <header>Site header</header><nav>Menu</nav><div role="navigation">Sections</div>
      <article>${PROSE}<figure><img src="a.jpg"><figcaption>A caption</figcaption></figure></article>
      <aside>Most read</aside><footer>Footer</footer><div hidden>Hidden</div><p aria-hidden="true">Aria</p>
      <div style="color: red; display : none">Invisible</div><div role="dialog">Consent</div>
      <script>var s = "script text";</script><button>Share</button><iframe src="x"></iframe></body>`);
    expect(text(document)).toBe(
      "Pyongyang, a paragraph of article prose long enough to count as such, with more words after it.",
    );
    expect(document.querySelector("figure img")).not.toBeNull();
  });

  it("removes elements whose class or id names boilerplate, as whole words", () => {
    const document = prune(`<body><article>${PROSE}
      <div class="c-share-tools">Share this</div><div id="relatedStories">Related stories</div>
      <p class="wf_caption">A caption</p><span class="byline">By Someone</span><div class="newsletter-box">Sign up</div>
      <div class="shared-content">Shared content stays</div><div class="thread">Thread stays</div>
      <div class="adventure">Adventure stays</div></article></body>`);
    expect(text(document)).toBe(
      "Pyongyang, a paragraph of article prose long enough to count as such, with more words after it. Shared content stays Thread stays Adventure stays",
    );
  });

  it("keeps an element named like boilerplate when it holds half of the page's prose", () => {
    const document =
      prune(`<body><div class="widget Blog"><div class="post author-carlos">${PROSE.repeat(3)}</div></div>
      <div class="widget sidebar">${PROSE}</div></body>`);
    expect(document.querySelectorAll("p")).toHaveLength(3);
    expect(document.querySelector(".sidebar")).toBeNull();
  });

  it("drops a hover card of links inside a sentence but keeps the name it explains", () => {
    const document =
      prune(`<body><p>A man threatened Rep. <span class="rollover-people"><a href="/p/omar">Ilhan Omar</a><span
      class="rollover-people-block"><a href="/p/omar">Ilhan Omar</a> <a href="/a/1">Latest story about her</a>
      <a href="/a/2">Another story</a></span></span> (D-Minn.), prosecutors said on Monday in a statement.</p></body>`);
    expect(text(document)).toBe(
      "A man threatened Rep. Ilhan Omar (D-Minn.), prosecutors said on Monday in a statement.",
    );
  });

  it("keeps javascript: links as links without their script", () => {
    const document = prune(
      `<body>${PROSE}<ul><li><a href="javascript:article_open('index.php?id=2')">Other article</a></li></ul></body>`,
    );
    const link = document.querySelector("li a")!;
    expect(link.hasAttribute("href")).toBe(false);
    expect(link.textContent).toBe("Other article");
  });
});
