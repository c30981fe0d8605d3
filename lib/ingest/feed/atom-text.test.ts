import { describe, expect, it } from "vitest";

import { atomMarkup, atomPlainText, atomTextKind, decodeAtom03Base64 } from "./atom-text";
import { readFeedItemBody } from "./item-body";
import { parseFeed } from "./parse";

const xml = (text: string) => new TextEncoder().encode(text);
const base64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

describe("atomTextKind", () => {
  it.each([
    [undefined, "text"],
    ["text", "text"],
    ["text/plain", "text"],
    ["html", "markup"],
    ["text/html", "markup"],
    ["xhtml", "markup"],
    ["application/xhtml+xml", "markup"],
    ["image/svg+xml", "markup"],
    ["text/css", "text"],
    ["application/octet-stream", "base64"],
    ["image/png", "base64"],
  ])("reads type %s as %s, in Atom 0.3's names and 1.0's", (type, kind) => {
    expect(atomTextKind(type)).toBe(kind);
  });
});

describe("Atom text constructs", () => {
  it("turns HTML-typed titles (Atom 0.3 text/html, application/xhtml+xml) into text, scripts dropped", () => {
    const feed = parseFeed(
      xml(`<feed version="0.3" xmlns="http://purl.org/atom/ns#">
        <title type="text/html" mode="escaped">safe&lt;script&gt;location.href='http://example.com/'&lt;/script&gt; title</title>
        <entry><title type="application/xhtml+xml"><div xmlns="http://www.w3.org/1999/xhtml">Example <b>Atom</b></div></title>
          <summary type="text/html" mode="escaped">&lt;p onclick="x()"&gt;One&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;p&gt;Two&lt;/p&gt;</summary></entry>
      </feed>`),
    );
    expect(feed.title).toBe("safe title");
    const [entry] = feed.items;
    expect(entry.title).toBe("Example Atom");
    expect(entry.summary).toBe("One Two");
    const body = readFeedItemBody(entry);
    expect(body).toMatchObject({ text: "One\nTwo", html: "<p>One</p><p>Two</p>", fromContent: false });
  });

  it("keeps a plain-text title's angle brackets as text, and escapes plain-text content for the body", () => {
    const feed = parseFeed(
      xml(`<feed xmlns="http://www.w3.org/2005/Atom"><entry>
        <title type="text">History of the &lt;blink&gt; tag</title>
        <content type="text">Tags like &lt;b&gt; are text here.</content></entry></feed>`),
    );
    expect(feed.items[0].title).toBe("History of the <blink> tag");
    expect(feed.items[0].contentHtml).toBe("Tags like &lt;b&gt; are text here.");
  });

  it("decodes base64: Atom 0.3 mode='base64' and Atom 1.0 content of a non-text MIME type", () => {
    const old = parseFeed(
      xml(`<feed version="0.3" xmlns="http://purl.org/atom/ns#"><entry>
        <title mode="base64">${base64("Plain title")}</title>
        <content type="text/html" mode="base64">${base64("<p>Safe <b>body</b></p><script>alert(1)</script>")}</content>
      </entry></feed>`),
    );
    expect(old.items[0].title).toBe("Plain title");
    expect(readFeedItemBody(old.items[0]).html).toBe("<p>Safe <b>body</b></p>");

    const current = parseFeed(
      xml(`<feed xmlns="http://www.w3.org/2005/Atom"><entry>
        <title type="application/octet-stream">${base64("Example <b>Atom</b>")}</title>
        <content type="application/octet-stream">${base64("Bytes of a document")}</content></entry></feed>`),
    );
    expect(current.items[0].title).toBe("Example <b>Atom</b>");
    expect(current.items[0].contentHtml).toBe("Bytes of a document");
  });

  it("decodes only elements marked base64, leaving the rest of the document as it was", () => {
    const doc = `<feed><title mode="escaped">a &amp; b</title><summary type="text/html" mode="base64">${base64("x < y")}</summary></feed>`;
    expect(decodeAtom03Base64(doc)).toBe(
      `<feed><title mode="escaped">a &amp; b</title><summary type="text/html">x &lt; y</summary></feed>`,
    );
    expect(decodeAtom03Base64("<feed/>")).toBe("<feed/>");
  });

  it("gives null for empty constructs and for content that lives elsewhere (src)", () => {
    expect(atomPlainText({ value: "  ", type: "html" })).toBeNull();
    expect(atomMarkup({ value: "x", type: "html", src: "https://example.org/x" })).toBeNull();
    expect(atomMarkup(undefined)).toBeNull();
  });
});
