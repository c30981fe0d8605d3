// Bytes -> text for fetched documents. Servers and documents lie about their charset often enough
// (Latin-1 sent without any declaration, UTF-8 labelled ISO-8859-1) that every declaration is checked
// against the bytes before it is believed. Bytes that are not UTF-8 and declare nothing are given to a
// charset detector (legacy-charset.ts) rather than read as windows-1252 whatever they are.
//
// Shared API (the page extractor uses it with the charset of an HTML <meta> as `declared`):
//   detectCharset(bytes, { contentType, declared }) -> { charset, source }
//   decodeBytes(bytes, charset) -> text without BOM
//   readContentTypeCharset(header) -> charset label or null
import iconv from "iconv-lite";

import { guessLegacyCharset } from "./legacy-charset";

export type CharsetSource = "bom" | "header" | "declared" | "sniffed" | "default";
export type CharsetDetection = { charset: string; source: CharsetSource };
export type DecodedFeed = {
  text: string;
  charset: string;
  source: "bom" | "header" | "xml-declaration" | "sniffed" | "default";
};

const UNICODE = new Set(["utf-8", "utf-16le", "utf-16be", "utf-32le", "utf-32be"]);
/** The ones TextDecoder reads; iconv-lite reads UTF-32. */
const NATIVE = new Set(["utf-8", "utf-16le", "utf-16be"]);

// WHATWG's encoding standard decodes all of these as windows-1252: its extra printable characters in
// 0x80-0x9F are what such documents mean in practice (curly quotes, euro sign), never C1 controls.
const ALIASES: Record<string, string> = {
  utf8: "utf-8",
  "unicode-1-1-utf-8": "utf-8",
  "x-unicode20utf8": "utf-8",
  "utf-16": "utf-16le",
  utf16: "utf-16le",
  "ucs-2": "utf-16le",
  // Without a BOM, UTF-32 is big-endian (Unicode 3.13); a document that is not is caught by sniffing.
  "utf-32": "utf-32be",
  utf32: "utf-32be",
  "ucs-4": "utf-32be",
  "us-ascii": "windows-1252",
  ascii: "windows-1252",
  "ansi_x3.4-1968": "windows-1252",
  "iso-8859-1": "windows-1252",
  "iso8859-1": "windows-1252",
  "iso_8859-1": "windows-1252",
  "iso-ir-100": "windows-1252",
  latin1: "windows-1252",
  l1: "windows-1252",
  cp1252: "windows-1252",
  "x-cp1252": "windows-1252",
  cp819: "windows-1252",
};

/**
 * Canonical lower-case charset name for a label from a header or document, or null when the label is
 * unknown (an unknown label is ignored, as browsers do, and the next clue is used).
 */
export function normalizeCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const name = label
    .trim()
    .replace(/^["']|["']$/g, "")
    .toLowerCase();
  if (!name) return null;
  const canonical = ALIASES[name] ?? name;
  if (UNICODE.has(canonical)) return canonical;
  return iconv.encodingExists(canonical) ? canonical : null;
}

/** The `charset` parameter of a Content-Type header value, as written (not normalised). */
export function readContentTypeCharset(header: string | null | undefined): string | null {
  const match = header?.match(/;\s*charset\s*=\s*("[^"]*"|'[^']*'|[^;\s]+)/i);
  return match ? match[1].replace(/^["']|["']$/g, "") : null;
}

/** The `encoding` pseudo-attribute of an XML declaration at the start of the bytes, if any. */
export function readXmlDeclarationCharset(bytes: Uint8Array): string | null {
  const head = latin1Head(bytes, 512);
  const match = head.match(/^\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z][A-Za-z0-9._:-]*)["']/);
  return match ? match[1] : null;
}

/**
 * Picks the charset to decode `bytes` with. Trust order: byte-order mark, HTTP header, in-document
 * declaration, sniffing, default UTF-8; the first clue that names a known charset wins, then is checked:
 * - UTF-8 (declared or assumed) but bytes that are not UTF-8 -> windows-1252 (source "sniffed");
 * - a legacy charset declared but bytes that are UTF-8 with multibyte sequences -> UTF-8 ("sniffed");
 *   text in a legacy charset almost never forms valid multibyte UTF-8 by accident, mislabelling is common.
 * - UTF-16 or UTF-32 declared without a BOM: the byte pattern of `<` decides the width and byte order,
 *   and a document whose first bytes are plain ASCII is neither whatever it says;
 * - bytes that are not UTF-8 with no other clue (or a UTF-8 claim they contradict) -> the detector's guess.
 */
export function detectCharset(
  bytes: Uint8Array,
  hints: { contentType?: string | null; declared?: string | null } = {},
): CharsetDetection {
  const bom = readBom(bytes);
  if (bom) return { charset: bom, source: "bom" };

  const header = normalizeCharset(readContentTypeCharset(hints.contentType));
  const declared = normalizeCharset(hints.declared);
  const claim: CharsetDetection | null = header
    ? { charset: header, source: "header" }
    : declared
      ? { charset: declared, source: "declared" }
      : null;

  const wide = sniffUtf32(bytes) ?? sniffUtf16(bytes);
  const claimsWide = claim !== null && /^utf-(16|32)/.test(claim.charset);
  if (wide)
    return {
      charset: wide,
      source: claimsWide && claim.charset.slice(0, 6) === wide.slice(0, 6) ? claim.source : "sniffed",
    };
  return checkEightBit(bytes, claimsWide ? null : claim);
}

/** Decodes with a charset from detectCharset (or any name iconv-lite knows) and drops a leading BOM. */
export function decodeBytes(bytes: Uint8Array, charset: string): string {
  const name = normalizeCharset(charset) ?? "utf-8";
  const text = NATIVE.has(name)
    ? new TextDecoder(name, { ignoreBOM: true }).decode(bytes)
    : iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), name, { stripBOM: false });
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Decodes a fetched XML or JSON feed: BOM, then the Content-Type charset, then the XML declaration. */
export function decodeFeedBytes(bytes: Uint8Array, contentTypeHeader?: string | null): DecodedFeed {
  const { charset, source } = detectCharset(bytes, {
    contentType: contentTypeHeader,
    declared: readXmlDeclarationCharset(bytes),
  });
  return {
    text: decodeBytes(bytes, charset),
    charset,
    source: source === "declared" ? "xml-declaration" : source,
  };
}

function checkEightBit(bytes: Uint8Array, claim: CharsetDetection | null): CharsetDetection {
  const { multibyte, invalid } = scanUtf8(bytes);
  const looksUtf8 = invalid === 0 || multibyte >= invalid * 4;
  if (!claim) {
    if (!looksUtf8) return { charset: guessLegacyCharset(bytes), source: "sniffed" };
    return { charset: "utf-8", source: multibyte > 0 ? "sniffed" : "default" };
  }
  if (claim.charset === "utf-8") return looksUtf8 ? claim : { charset: guessLegacyCharset(bytes), source: "sniffed" };
  if (multibyte > 0 && invalid === 0) return { charset: "utf-8", source: "sniffed" };
  return claim;
}

/**
 * Counts well-formed multibyte UTF-8 sequences and bytes that cannot be UTF-8. A sequence cut off by the
 * end of the input is not held against UTF-8 (a truncated download is still UTF-8). A mostly-UTF-8
 * document with a few stray Latin-1 bytes stays UTF-8: decoding it as windows-1252 would garble every
 * real multibyte character to save a handful.
 */
function scanUtf8(bytes: Uint8Array): { multibyte: number; invalid: number } {
  let multibyte = 0;
  let invalid = 0;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) {
      invalid++;
      i++;
      continue;
    }
    let n = 1;
    while (n < length && i + n < bytes.length && isContinuation(bytes, i, n)) n++;
    if (n === length) {
      multibyte++;
      i += length;
    } else if (i + n >= bytes.length) {
      break;
    } else {
      invalid++;
      i++;
    }
  }
  return { multibyte, invalid };
}

// Second bytes are narrowed for E0, ED, F0 and F4 so overlong forms and surrogates count as invalid.
function isContinuation(bytes: Uint8Array, start: number, offset: number): boolean {
  const b = bytes[start + offset];
  if (offset === 1) {
    const lead = bytes[start];
    if (lead === 0xe0) return b >= 0xa0 && b <= 0xbf;
    if (lead === 0xed) return b >= 0x80 && b <= 0x9f;
    if (lead === 0xf0) return b >= 0x90 && b <= 0xbf;
    if (lead === 0xf4) return b >= 0x80 && b <= 0x8f;
  }
  return b >= 0x80 && b <= 0xbf;
}

function readBom(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  // Before UTF-16's: the UTF-32LE BOM begins with the UTF-16LE one.
  if (bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) return "utf-32le";
  if (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff) return "utf-32be";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  return null;
}

// XML 1.0 appendix F: a BOM-less UTF-32 document starts with `<` (or whitespace) in four bytes, three zero.
function sniffUtf32(bytes: Uint8Array): string | null {
  if (bytes.length < 8) return null;
  const [a, b, c, d] = bytes;
  if (a !== 0 && b === 0 && c === 0 && d === 0 && bytes[5] === 0 && bytes[6] === 0) return "utf-32le";
  if (a === 0 && b === 0 && c === 0 && d !== 0 && bytes[4] === 0 && bytes[5] === 0) return "utf-32be";
  return null;
}

// XML 1.0 appendix F: a BOM-less UTF-16 document starts with `<` (or whitespace) interleaved with zeros.
function sniffUtf16(bytes: Uint8Array): string | null {
  if (bytes.length < 4) return null;
  const [a, b, c, d] = bytes;
  if (a !== 0 && b === 0 && c !== 0 && d === 0) return "utf-16le";
  if (a === 0 && b !== 0 && c === 0 && d !== 0) return "utf-16be";
  return null;
}

function latin1Head(bytes: Uint8Array, length: number): string {
  return new TextDecoder("latin1").decode(bytes.subarray(0, length));
}
