// The text a feed item itself carries, before any page is fetched: its full content (content:encoded,
// Atom content, JSON content_html) when present, else its summary. Feed HTML is hostile input: it is
// sanitized before it is stored, and the plain text is read from the sanitized markup, one line per
// paragraph, the same way page extraction reads an article. Relative URLs resolve against the item's
// base (xml:base, else the feed's address), as the feed formats define, and only then its link.
import { JSDOM } from "jsdom";
import type { FeedItem } from "./parse";
import { readPlainText } from "@/lib/ingest/page/plain-text";
import { sanitizeArticleHtml } from "@/lib/ingest/page/sanitize";

/** Under this many characters a feed's text is a teaser ("Continue reading..."), not the article. */
export const SHORT_TEXT_CHARS = 300;
const TITLE_FROM_TEXT_CHARS = 120;

export type FeedItemBody = {
  /** Plain text, one paragraph per line; "" when the item carries no text. */
  text: string;
  /** Sanitized HTML of the item's content; null when the text is a plain summary. */
  html: string | null;
  /** True when the text is the item's full content rather than its summary. */
  fromContent: boolean;
};

export type FeedItemMarkup = Pick<FeedItem, "contentHtml" | "summaryHtml" | "summary" | "baseUrl" | "link">;

export function readFeedItemBody(item: FeedItemMarkup): FeedItemBody {
  for (const [markup, fromContent] of [
    [item.contentHtml, true],
    [item.summaryHtml, false],
  ] as const) {
    if (!markup) continue;
    const html = sanitizeFeedItemHtml(item, markup);
    const text = readPlainText(JSDOM.fragment(html));
    if (text) return { text, html, fromContent };
  }
  return { text: item.summary?.trim() ?? "", html: null, fromContent: false };
}

/** The item's markup as it is stored: sanitized, relative URLs resolved against the item's base. */
export function sanitizeFeedItemHtml(item: Pick<FeedItem, "baseUrl" | "link">, markup: string): string {
  return sanitizeArticleHtml(markup, item.baseUrl ?? item.link ?? undefined);
}

/** Whether the item's page should be fetched: the source asks for full text, or the feed gives only a teaser. */
export function needsPageFetch(body: FeedItemBody, fetchFullText: boolean): boolean {
  return fetchFullText || body.text.length < SHORT_TEXT_CHARS;
}

/** The title of an item that has none: its text's first line, cut at 120 characters. */
export function titleFromText(text: string): string {
  const line = text.split("\n")[0].trim();
  return line.length <= TITLE_FROM_TEXT_CHARS ? line : `${line.slice(0, TITLE_FROM_TEXT_CHARS - 1).trimEnd()}…`;
}
