// Atom text constructs (title, summary, content...) as a reader should see them. Their `type` says how
// the value is written, and Atom 0.3 and 1.0 spell it differently:
//   plain text:  "text" (1.0), "text/plain" (0.3), or no type at all;
//   HTML:        "html" (1.0), "text/html" (0.3), escaped or in CDATA;
//   XHTML:       "xhtml" (1.0), "application/xhtml+xml" (0.3), inline markup;
//   other XML:   "image/svg+xml" and the like (1.0 content), inline markup;
//   base64:      any other MIME type (1.0, RFC 4287 4.1.3.3), or mode="base64" (0.3).
// Titles become plain text, bodies markup for the sanitizer: HTML never reaches a title as raw tags.
import { collapseWhitespace, escapeHtml, htmlToText } from "./text";

export type AtomTextKind = "text" | "markup" | "base64";

/** How a value with this `type` attribute is written. */
export function atomTextKind(type: string | undefined): AtomTextKind {
  const name = type?.trim().toLowerCase() ?? "";
  if (!name || name === "text" || name === "text/plain") return "text";
  if (name === "html" || name === "xhtml" || /[/+]xml$/.test(name) || name === "text/html") return "markup";
  return name.startsWith("text/") ? "text" : "base64";
}

/** Plain text of a text construct, or null when it has none. */
export function atomPlainText(construct: { value?: string; type?: string } | undefined): string | null {
  if (!construct?.value) return null;
  const kind = atomTextKind(construct.type);
  const text =
    kind === "markup"
      ? htmlToText(construct.value)
      : collapseWhitespace(kind === "base64" ? decodeBase64Text(construct.value) : construct.value);
  return text || null;
}

/** Markup of a text construct for the sanitizer (plain text escaped), or null when there is none. */
export function atomMarkup(construct: { value?: string; type?: string; src?: string } | undefined): string | null {
  const value = construct?.value?.trim();
  if (!value || construct?.src) return null;
  const kind = atomTextKind(construct?.type);
  if (kind === "markup") return value;
  const text = (kind === "base64" ? decodeBase64Text(value) : value).trim();
  return text ? escapeHtml(text) : null;
}

function decodeBase64Text(value: string): string {
  return Buffer.from(value.replace(/\s+/g, ""), "base64").toString("utf8");
}

// Atom 0.3 marks base64 with an attribute, mode="base64", that feedsmith does not report; its elements
// are decoded here before feedsmith reads the document, and keep their `type`. The content of such an
// element is base64 (no markup), so the pattern cannot span elements, and it stays linear on hostile input.
const BASE64_ELEMENT =
  /<((?:[\w.-]+:)?(?:title|subtitle|tagline|summary|content|copyright|rights|info))(?=\s)([^<>]*?)\smode\s*=\s*(["'])base64\3([^<>]*)>([^<]*)<\/\1\s*>/g;

export function decodeAtom03Base64(xml: string): string {
  if (!/\smode\s*=\s*["']base64["']/.test(xml)) return xml;
  return xml.replace(BASE64_ELEMENT, (_, name: string, before: string, __: string, after: string, data: string) => {
    const decoded = escapeHtml(decodeBase64Text(data));
    return `<${name}${before}${after}>${decoded}</${name}>`;
  });
}
