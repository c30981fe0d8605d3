// How feedparser's expected values are compared with ours (feedparser-suite.ts): as the text a reader
// sees, as markup after our sanitizer, as URLs, as instants, as the characters a charset gives.
import iconv from "iconv-lite";
import { JSDOM } from "jsdom";

import type { FeedItem } from "@/lib/ingest/feed/parse";
import { sanitizeArticleHtml } from "@/lib/ingest/page/sanitize";

// The body we store is this sanitized markup, relative URLs resolved against the item's base as
// item-body.ts does, unless it holds no text at all.
export function storedMarkup(item: FeedItem, html: string | null): string | null {
  return html === null ? null : sanitizeItem(item, html);
}

function sanitizeItem(item: FeedItem | undefined, html: string): string {
  return sanitizeArticleHtml(html, item?.baseUrl ?? item?.link ?? undefined);
}

/** Markup compared after our sanitizer on both sides; feedparser's plain-text value is escaped first. */
export function sameMarkup(value: unknown, expected: string, plain: boolean, item: FeedItem | undefined): boolean {
  const markup = plain ? expected.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;") : expected;
  const stored = typeof value === "string" ? value : value === null || value === undefined ? "" : null;
  const reference = sanitizeItem(item, markup);
  return stored !== null && unwrapDiv(squeeze(stored)) === unwrapDiv(squeeze(reference));
}

// feedparser keeps the <div> that wraps inline XHTML in some cases and drops it in others (feedsmith
// always drops it): a wrapper around the whole body changes nothing a reader sees.
function unwrapDiv(html: string): string {
  const inner = html.match(/^<div>([\s\S]*)<\/div>$/)?.[1];
  return inner !== undefined && !/<\/?div\b/.test(inner) ? inner.trim() : html;
}

/** Our text against feedparser's value: its text as written when typed plain, else as a reader sees it. */
export function sameText(value: unknown, expected: string, plain: boolean): boolean {
  return typeof value === "string" && squeeze(value) === (plain ? squeeze(expected) : readerText(expected));
}

/** Whether the Atom element a field comes from (the first of `names` present) is typed as plain text. */
export function declaresPlainText(document: string, names: string[] | undefined, feedLevel: boolean): boolean {
  if (!names || !/<(?:[\w-]+:)?feed[\s>]/.test(document)) return false;
  const entryAt = document.search(/<(?:[\w-]+:)?entry[\s>]/);
  const scope = feedLevel
    ? document.slice(0, entryAt === -1 ? undefined : entryAt)
    : entryAt === -1
      ? ""
      : document.slice(entryAt);
  for (const name of names) {
    const tag = scope.match(new RegExp(`<(?:[\\w-]+:)?${name}(\\s[^>]*)?>`));
    if (!tag) continue;
    const type = (tag[1] ?? "").match(/\btype\s*=\s*["']([^"']*)["']/)?.[1].toLowerCase() ?? "";
    if (type === "" || type === "text" || type === "text/plain") return true;
    return !/html|xml/.test(type) && !type.startsWith("text/");
  }
  return false;
}

/** The text a reader sees in an HTML fragment (a line break or a block is a space), whitespace collapsed. */
function readerText(html: string): string {
  const spaced = html.replace(/<\/?(?:br|p|div|li|h[1-6]|tr|td|th|blockquote|pre)\b/gi, " $&");
  return squeeze(JSDOM.fragment(`<div>${spaced}</div>`).textContent ?? "");
}

function squeeze(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

export function asUrl(raw: string): string {
  return URL.canParse(raw.trim()) ? new URL(raw.trim()).href : raw;
}

export function sameInstant(date: Date, parts: number[]): boolean {
  const [year, month, day, hours, minutes, seconds] = parts;
  const expected = new Date(Date.UTC(2000, month - 1, day, hours, minutes, seconds));
  expected.setUTCFullYear(year);
  return Math.floor(date.getTime() / 1000) === expected.getTime() / 1000;
}

export function readWithLabel(bytes: Uint8Array, label: string): string | null {
  const name = label.toLowerCase();
  if (!iconv.encodingExists(name)) return null;
  const text = iconv.decode(Buffer.from(bytes), name, { stripBOM: true });
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
