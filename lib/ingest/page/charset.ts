// Bytes -> text for fetched HTML pages. The byte-level checks (BOM, UTF-8 validity, UTF-16 sniffing) are
// the feed decoder's, shared so that feeds and pages judge a lying declaration the same way; what is
// HTML's own lives here: the <meta> prescan and the WHATWG label rules browsers apply to HTML documents.
import { decodeBytes, detectCharset, normalizeCharset, readContentTypeCharset } from "@/lib/ingest/feed/decode";

export type HtmlCharsetSource = "bom" | "header" | "meta" | "sniffed" | "default";
export type DecodedHtml = { text: string; charset: string; source: HtmlCharsetSource };

// Pages label themselves with the narrow legacy name but use the wider set the browser actually decodes
// with (WHATWG Encoding Standard): a GB2312 label on GBK text, EUC-KR on UHC text, Shift_JIS with
// Microsoft's extensions. Decoding with the narrow table would turn those characters into U+FFFD.
const HTML_LABELS: Record<string, string> = {
  gb2312: "gb18030",
  gbk: "gb18030",
  "x-gbk": "gb18030",
  chinese: "gb18030",
  csgb2312: "gb18030",
  "euc-kr": "cp949",
  ks_c_5601: "cp949",
  "ks_c_5601-1987": "cp949",
  "x-windows-949": "cp949",
  shift_jis: "windows-31j",
  "shift-jis": "windows-31j",
  sjis: "windows-31j",
  "x-sjis": "windows-31j",
  ms_kanji: "windows-31j",
  big5: "big5hkscs",
  "iso-8859-9": "windows-1254",
  latin5: "windows-1254",
  "iso-8859-11": "windows-874",
  "tis-620": "windows-874",
  "x-user-defined": "windows-1252",
};

// The HTML standard reads 1024 bytes; pages with long <head> comments or inline scripts put their
// declaration later, and 4 KB still costs nothing.
const PRESCAN_BYTES = 4096;

/**
 * Decodes an HTML document. Trust order: byte-order mark, HTTP Content-Type charset, <meta> declaration,
 * then the bytes themselves. The BOM comes first (as in browsers) because it cannot appear by accident
 * and a header or meta that contradicts it is the stale part. Every declaration is checked against the
 * bytes: valid UTF-8 with multibyte sequences beats a declared legacy charset (re-saved pages keep their
 * old meta), and bytes that are not UTF-8 with nothing declared are read as windows-1252.
 */
export function decodeHtml(bytes: Uint8Array, contentTypeHeader?: string | null): DecodedHtml {
  const header = normalizeHtmlCharset(readContentTypeCharset(contentTypeHeader), "header");
  const meta = header ? null : normalizeHtmlCharset(readMetaCharset(bytes), "meta");
  const claim = header ?? meta;
  const detected = detectCharset(bytes, { declared: claim });
  const source = detected.source === "declared" ? (header ? "header" : "meta") : detected.source;
  return { text: decodeBytes(bytes, detected.charset), charset: detected.charset, source };
}

/**
 * The charset label a <meta charset> or <meta http-equiv="content-type" content="...; charset=..."> in
 * the first 4 KB declares, as written, or null. Comments are skipped so a commented-out meta does not count.
 */
export function readMetaCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, PRESCAN_BYTES)).replace(/<!--[\s\S]*?(?:-->|$)/g, "");
  for (const [tag] of head.matchAll(/<meta[\s/][^>]*>/gi)) {
    const attributes = readAttributes(tag.slice(5));
    const charset = attributes.get("charset");
    if (charset) return charset;
    if (attributes.get("http-equiv")?.toLowerCase() === "content-type") {
      const label = readContentTypeCharset(attributes.get("content"));
      if (label) return label;
    }
  }
  return null;
}

/**
 * A label from a header or meta, mapped the way browsers map labels for HTML, or null when unknown.
 * A meta claiming UTF-16 is read as UTF-8 (HTML standard): if the bytes were UTF-16 the ASCII prescan
 * could not have found the tag, and a real UTF-16 document without BOM is caught by the byte sniffing.
 */
function normalizeHtmlCharset(label: string | null, from: "header" | "meta"): string | null {
  const name = label?.trim().toLowerCase() ?? "";
  if (!name) return null;
  const charset = normalizeCharset(HTML_LABELS[name] ?? name);
  if (from === "meta" && charset?.startsWith("utf-16")) return "utf-8";
  return charset;
}

function readAttributes(source: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of source.matchAll(/([^\s=/>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g)) {
    const name = match[1].toLowerCase();
    if (!attributes.has(name)) attributes.set(name, (match[2] ?? "").replace(/^["']|["']$/g, "").trim());
  }
  return attributes;
}
