import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { sanitizeArticleHtml } from "@/lib/ingest/page/sanitize";

const BASE = "https://news.example/2024/story.html";

// OWASP XSS filter-evasion cheat sheet style vectors, plus mutation-XSS shapes (math/svg/noscript/style
// parser differentials) and markup Readability itself produces (relative links, lazy images).
const HOSTILE = [
  `<script>alert(1)</script>`,
  `<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>`,
  `<img src=x onerror=alert(1)>`,
  `<IMG SRC="javascript:alert('XSS');">`,
  `<IMG SRC=JaVaScRiPt:alert('XSS')>`,
  `<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>`,
  `<IMG SRC=&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041>`,
  `<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>`,
  `<a href="jAvAsCrIpT:alert(1)">case</a>`,
  `<a href="jav&#x09;ascript:alert(1)">tab</a>`,
  `<a href="jav&#x0A;ascript:alert(1)">newline</a>`,
  `<a href=" &#14;  javascript:alert(1)">leading control</a>`,
  `<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">entities</a>`,
  `<a href="java\0script:alert(1)">nul</a>`,
  `<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>`,
  `<a href="vbscript:msgbox(1)">vbs</a>`,
  `<a href="https://ok.example/" onmouseover="alert(1)" target="_blank" style="color:red">handler</a>`,
  `<svg onload=alert(1)><circle r=1 /></svg>`,
  `<svg><a xlink:href="javascript:alert(1)"><text>svg link</text></a></svg>`,
  `<svg><script>alert(1)</script></svg>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>`,
  `<math><mtext><h1><a><h6></a></h6><mglyph><svg><mtext><style><a title="</style><img src onerror=alert(1)>"></style></svg></mglyph></h1></mtext></math>`,
  `<math href="javascript:alert(1)">CLICKME</math>`,
  `<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>`,
  `<style><img src=x onerror=alert(1)></style>`,
  `<iframe src="https://evil.example/"></iframe>`,
  `<iframe srcdoc="<script>alert(1)</script>"></iframe>`,
  `<object data="https://evil.example/x.swf"></object><embed src="https://evil.example/x.swf">`,
  `<form action="https://evil.example/"><input name=q><button formaction="javascript:alert(1)">go</button></form>`,
  `<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`,
  `<base href="javascript:alert(1)//"><a href="/x">base</a>`,
  `<link rel=stylesheet href="https://evil.example/x.css">`,
  `<div style="background-image: url(javascript:alert(1))">styled</div>`,
  `<p onclick="alert(1)" ONMOUSEOVER=alert(1)>handlers</p>`,
  `<body onload=alert(1)>body</body>`,
  `<details open ontoggle=alert(1)>details</details>`,
  `<video><source onerror="alert(1)"></video>`,
  `<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">`,
  `<img src="https://ok.example/p.jpg" srcset="javascript:alert(1) 1x">`,
  `<scr<script>ipt>alert(1)</scr</script>ipt>`,
  `<<SCRIPT>alert("XSS");//\\<</SCRIPT>`,
  `<a href="https://ok.example/" title='"><script>alert(1)</script>'>quotes</a>`,
  `<table background="javascript:alert(1)"><tr><td onclick=alert(1)>cell</td></tr></table>`,
  `<xss:script>alert(1)</xss:script>`,
  `<!--[if gte IE 4]><script>alert(1)</script><![endif]-->`,
];

const ALLOWED = new Set([
  "p",
  "br",
  "hr",
  "div",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "blockquote",
  "pre",
  "code",
  "ul",
  "ol",
  "li",
  "dl",
  "dt",
  "dd",
  "strong",
  "em",
  "b",
  "i",
  "u",
  "s",
  "sub",
  "sup",
  "small",
  "mark",
  "q",
  "cite",
  "abbr",
  "a",
  "img",
  "figure",
  "figcaption",
  "table",
  "caption",
  "thead",
  "tbody",
  "tfoot",
  "tr",
  "th",
  "td",
]);
const URL_ATTRIBUTES = new Set(["href", "src"]);

/** Parses the output as a browser would and lists anything that could run code or leave the allowlist. */
function findExecutable(html: string): string[] {
  const { document } = new JSDOM(`<!doctype html><body>${html}</body>`).window;
  const problems: string[] = [];
  for (const element of document.body.querySelectorAll("*")) {
    const tag = element.localName;
    if (!ALLOWED.has(tag) || element.namespaceURI !== "http://www.w3.org/1999/xhtml") problems.push(`element <${tag}>`);
    for (const { name, value } of element.attributes) {
      if (name.startsWith("on") || name === "style" || name === "srcset" || name === "target")
        problems.push(`attribute ${name}`);
      if (URL_ATTRIBUTES.has(name) && !/^(https?:|mailto:)/.test(new URL(value, BASE).protocol))
        problems.push(`${name}=${value}`);
    }
  }
  return problems;
}

describe("sanitizeArticleHtml", () => {
  it.each(HOSTILE)("leaves nothing executable in %s", (vector) => {
    const output = sanitizeArticleHtml(`<p>before</p>${vector}<p>after</p>`, BASE);
    expect(findExecutable(output)).toEqual([]);
    expect(output).not.toMatch(/<script|<iframe|<svg|<math|<style|javascript:|vbscript:|data:|\son\w+\s*=/i);
    // The harmless text around the vector survives: the sanitizer drops the attack, not the article.
    expect(output).toContain("<p>before</p>");
    expect(output).toContain("<p>after</p>");
  });

  it("keeps article formatting", () => {
    const html =
      "<h2>Sub</h2><p><strong>Bold</strong> <em>it</em> <b>b</b> <i>i</i><br>line</p>" +
      '<blockquote><p>quote</p></blockquote><ul><li>one</li></ul><ol start="3"><li>three</li></ol>' +
      '<figure><img src="https://cdn.example/p.jpg" alt="Photo"><figcaption>Caption</figcaption></figure>' +
      '<table><thead><tr><th scope="col">h</th></tr></thead><tbody><tr><td colspan="2">c</td></tr></tbody></table>' +
      "<pre><code>x = 1</code></pre>";
    expect(sanitizeArticleHtml(html, BASE)).toBe(
      "<h2>Sub</h2><p><strong>Bold</strong> <em>it</em> <b>b</b> <i>i</i><br />line</p>" +
        '<blockquote><p>quote</p></blockquote><ul><li>one</li></ul><ol start="3"><li>three</li></ol>' +
        '<figure><img alt="Photo" src="https://cdn.example/p.jpg" /><figcaption>Caption</figcaption></figure>' +
        '<table><thead><tr><th scope="col">h</th></tr></thead><tbody><tr><td colspan="2">c</td></tr></tbody></table>' +
        "<pre><code>x = 1</code></pre>",
    );
  });

  it("resolves relative URLs against the base and marks links noopener noreferrer nofollow", () => {
    const output = sanitizeArticleHtml(
      '<a href="../about.html" target="_blank" rel="opener">About</a> <a href="#note">Note</a> <img src="/img/p.png" alt="">',
      BASE,
    );
    expect(output).toBe(
      '<a rel="noopener noreferrer nofollow" href="https://news.example/about.html">About</a> ' +
        '<a rel="noopener noreferrer nofollow" href="https://news.example/2024/story.html#note">Note</a> ' +
        '<img alt="" src="https://news.example/img/p.png" />',
    );
  });

  it("keeps relative URLs relative without a base, and still drops dangerous ones", () => {
    expect(sanitizeArticleHtml('<a href="/x">x</a><a href="javascript:alert(1)">y</a>')).toBe(
      '<a rel="noopener noreferrer nofollow" href="/x">x</a><a rel="noopener noreferrer nofollow">y</a>',
    );
  });

  it("keeps mailto links but not mailto images, and drops images with no usable source", () => {
    expect(
      sanitizeArticleHtml('<a href="mailto:desk@news.example">mail</a><img src="mailto:x@y.z"><img alt="none">', BASE),
    ).toBe('<a rel="noopener noreferrer nofollow" href="mailto:desk@news.example">mail</a>');
  });

  it("turns an h1 in the body into an h2 and escapes text that looks like markup", () => {
    expect(sanitizeArticleHtml("<h1>Head</h1><p>&lt;script&gt;alert(1)&lt;/script&gt;</p>")).toBe(
      "<h2>Head</h2><p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
    );
  });
});
