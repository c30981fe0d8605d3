// Article HTML as we store and render it: formatting only. The allowlist has no raw-text or foreign
// elements (script, style, textarea, svg, math...), so every text node comes out entity-escaped and a
// browser re-parsing the output meets no parser-state tricks (the mutation-XSS family).
import sanitizeHtml from "sanitize-html";

const ALLOWED_TAGS = [
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
];

const LINK_REL = "noopener noreferrer nofollow";
const SAFE_PROTOCOLS = { link: new Set(["http:", "https:", "mailto:"]), image: new Set(["http:", "https:"]) };

/**
 * Sanitizes extracted article HTML for storage and display. Only formatting survives: no scripts, frames,
 * forms, event handlers, style or class attributes. Links and images are resolved against `baseUrl`
 * and kept only with http(s) (and mailto: for links) URLs; links get rel="noopener noreferrer nofollow"
 * and no target. Without a base URL, a relative URL is kept relative.
 */
export function sanitizeArticleHtml(html: string, baseUrl?: string): string {
  return sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: {
      a: ["href", "title", "rel"],
      img: ["src", "alt", "title", "width", "height"],
      abbr: ["title"],
      ol: ["start", "reversed"],
      th: ["colspan", "rowspan", "scope"],
      td: ["colspan", "rowspan"],
    },
    allowedSchemes: ["http", "https", "mailto"],
    allowedSchemesByTag: { img: ["http", "https"] },
    allowedSchemesAppliedToAttributes: ["href", "src"],
    // Dropped with everything inside: their text is code, styling or UI, never article prose.
    nonTextTags: [
      "script",
      "style",
      "textarea",
      "option",
      "noscript",
      "template",
      "title",
      "select",
      "button",
      "iframe",
      "object",
      "embed",
      "svg",
      "math",
    ],
    transformTags: {
      // The page title is shown above the article; an <h1> inside the body is a section heading.
      h1: "h2",
      a: (tagName, attribs) => ({
        tagName,
        attribs: withSafeUrl(attribs, "href", baseUrl, SAFE_PROTOCOLS.link, { rel: LINK_REL }),
      }),
      img: (tagName, attribs) => ({ tagName, attribs: withSafeUrl(attribs, "src", baseUrl, SAFE_PROTOCOLS.image) }),
    },
    exclusiveFilter: (frame) => frame.tag === "img" && !frame.attribs.src,
  });
}

/**
 * Resolves one URL attribute and drops it unless its protocol is allowed. The URL parser strips the
 * tabs, newlines and case games hostile markup uses to disguise `javascript:`, so the protocol checked
 * here is the one a browser would act on; sanitize-html's own scheme check then runs on the result.
 */
function withSafeUrl(
  attribs: sanitizeHtml.Attributes,
  name: "href" | "src",
  baseUrl: string | undefined,
  protocols: Set<string>,
  extra: sanitizeHtml.Attributes = {},
): sanitizeHtml.Attributes {
  const { [name]: raw, ...rest } = attribs;
  const url = resolveUrl(raw, baseUrl);
  if (url === null) return { ...rest, ...extra };
  if (url instanceof URL)
    return protocols.has(url.protocol) ? { ...rest, ...extra, [name]: url.href } : { ...rest, ...extra };
  return { ...rest, ...extra, [name]: url };
}

/** A URL object for an absolute or resolvable URL, the string for a relative URL with no base, null for nothing usable. */
function resolveUrl(raw: string | undefined, baseUrl: string | undefined): URL | string | null {
  const value = raw?.trim();
  if (!value) return null;
  if (URL.canParse(value)) return new URL(value);
  if (baseUrl && URL.canParse(value, baseUrl)) return new URL(value, baseUrl);
  if (baseUrl) return null;
  return value;
}
