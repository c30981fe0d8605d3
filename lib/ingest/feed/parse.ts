// Fetched feed bytes -> a flat list of items, the same shape for RSS 0.9x/2.0, RSS 1.0 (RDF), Atom and
// JSON Feed. feedsmith does the format-specific reading; it is lenient and returns whatever it got from a
// truncated document, so well-formedness is checked first (xml.ts, with the validator of the parser
// feedsmith itself uses): a broken feed fails whole rather than yielding a partial list.
import {
  parseAtomFeed,
  parseJsonFeed,
  parseRdfFeed,
  parseRssFeed,
  type AtomFeed,
  type JsonFeed,
  type RdfFeed,
  type RssFeed,
} from "feedsmith";

import { parseFeedDate } from "./date";
import { decodeFeedBytes } from "./decode";
import { FeedParseError } from "./errors";
import { collapseWhitespace, escapeHtml, htmlToText } from "./text";
import { assertWellFormed, escapeBareAmpersands, readRootName } from "./xml";

export { FeedParseError, type FeedParseErrorCode } from "./errors";

/** Larger responses are refused; the fetcher can stop reading at this size. */
export const MAX_FEED_BYTES = 10 * 1024 * 1024;

export type FeedFormat = "rss" | "rdf" | "atom" | "json";

export type FeedItem = {
  /** guid (RSS), id (Atom, JSON Feed) or rdf:about (RSS 1.0), as written. */
  guid: string | null;
  /** Plain text (tags stripped, entities decoded); "" when the item has none. */
  title: string;
  /** Absolute http(s) URL of the story (Atom: the alternate link), relative ones resolved. */
  link: string | null;
  published: Date | null;
  author: string | null;
  /** Plain text of the description / summary. */
  summary: string | null;
  /** Full body as HTML when the feed carries one (content:encoded, Atom content, JSON content_html). */
  contentHtml: string | null;
  categories: string[];
};

export type ParsedFeed = {
  format: FeedFormat;
  title: string;
  link: string | null;
  items: FeedItem[];
};

const NOT_A_FEED = "The document is not an RSS, Atom or JSON feed";
const ROOT_FORMATS = new Map<string, "rss" | "atom" | "rdf">([
  ["rss", "rss"],
  ["feed", "atom"],
  ["rdf", "rdf"],
]);

/**
 * Parses a fetched feed. `contentType` is the response's Content-Type header (its charset is one clue
 * among several, see decodeFeedBytes); `url` is the feed's address, against which relative links resolve.
 * Throws FeedParseError for oversized, malformed or non-feed input.
 */
export function parseFeed(bytes: Uint8Array, options: { contentType?: string | null; url?: string } = {}): ParsedFeed {
  if (bytes.byteLength > MAX_FEED_BYTES) {
    const size = (bytes.byteLength / 1024 / 1024).toFixed(1);
    throw new FeedParseError(`The feed is too large (${size} MB; the limit is 10 MB).`, "too-large");
  }
  const body = decodeFeedBytes(bytes, options.contentType).text.trimStart();
  const base = absoluteUrl(options.url, undefined);
  if (body.startsWith("{")) return readJsonFeed(body, base);
  if (!body.startsWith("<")) throw new FeedParseError(`${NOT_A_FEED}${body ? "." : ": it is empty."}`, "not-a-feed");

  const root = readRootName(body);
  const format = root ? ROOT_FORMATS.get(root) : undefined;
  if (!format) {
    const what =
      root === "html" ? "it is an HTML page" : root ? `its root element is <${root}>` : "it has no root element";
    throw new FeedParseError(`${NOT_A_FEED}: ${what}.`, "not-a-feed");
  }
  const xml = escapeBareAmpersands(body);
  assertWellFormed(xml);
  if (format === "atom") return readAtom(readWith(parseAtomFeed, xml), base);
  if (format === "rdf") return readRdf(readWith(parseRdfFeed, xml), base);
  return readRss(readWith(parseRssFeed, xml), base);
}

function readRss(feed: RssFeed.Feed<string>, feedUrl: string | null): ParsedFeed {
  const link = absoluteUrl(feed.link, feedUrl) ?? pickAtomLink(feed.atom?.links, feedUrl);
  const base = feedUrl ?? link;
  const items = (feed.items ?? []).map((item): FeedItem => {
    const guid = item.guid?.value ?? null;
    // Only an absolute guid can be the permalink: resolving "4956764" against the site would invent a URL.
    const permalink = item.guid?.isPermaLink !== false ? absoluteUrl(guid, null) : null;
    return {
      guid,
      title: htmlToText(item.title ?? item.dc?.titles?.[0] ?? ""),
      link: absoluteUrl(item.link, base) ?? pickAtomLink(item.atom?.links, base) ?? permalink,
      published: firstDate(
        item.pubDate,
        item.dc?.dates?.[0],
        item.dcterms?.issued?.[0],
        item.dcterms?.created?.[0],
        item.atom?.published,
        item.atom?.updated,
        item.dcterms?.modified?.[0],
      ),
      author: firstText(
        item.authors?.[0]?.name,
        item.authors?.[0]?.email,
        item.dc?.creators?.[0],
        item.itunes?.author,
        item.atom?.authors?.[0]?.name,
      ),
      summary: textOrNull(item.description),
      contentHtml: item.content?.encoded?.trim() || null,
      categories: uniqueTexts([
        ...(item.categories ?? []).map((category) => category.name),
        ...(item.dc?.subjects ?? []),
      ]),
    };
  });
  return { format: "rss", title: htmlToText(feed.title ?? ""), link, items };
}

function readRdf(feed: RdfFeed.Feed<string>, feedUrl: string | null): ParsedFeed {
  const link = absoluteUrl(feed.link, feedUrl);
  const base = feedUrl ?? link;
  const items = (feed.items ?? []).map((item): FeedItem => ({
    guid: item.rdf?.about ?? null,
    title: htmlToText(item.title ?? item.dc?.titles?.[0] ?? ""),
    link: absoluteUrl(item.link, base) ?? absoluteUrl(item.rdf?.about, null),
    published: firstDate(item.dc?.dates?.[0], item.dcterms?.issued?.[0], item.dcterms?.modified?.[0]),
    author: firstText(item.dc?.creators?.[0]),
    summary: textOrNull(item.description),
    contentHtml: item.content?.encoded?.trim() || null,
    categories: uniqueTexts(item.dc?.subjects ?? []),
  }));
  return { format: "rdf", title: htmlToText(feed.title ?? ""), link, items };
}

function readAtom(feed: AtomFeed.Feed<string>, feedUrl: string | null): ParsedFeed {
  const feedBase = absoluteUrl(feed.xml?.base, feedUrl) ?? feedUrl;
  const link = pickAtomLink(feed.links, feedBase);
  const feedAuthor = feed.authors?.[0]?.name;
  const items = (feed.entries ?? []).map((entry): FeedItem => {
    const base = absoluteUrl(entry.xml?.base, feedBase) ?? feedBase ?? link;
    return {
      guid: entry.id ?? null,
      title: atomText(entry.title) ?? "",
      link: pickAtomLink(entry.links, base),
      published: firstDate(entry.published, entry.updated, entry.dc?.dates?.[0]),
      author: firstText(entry.authors?.[0]?.name, entry.dc?.creators?.[0], feedAuthor),
      summary: atomText(entry.summary),
      contentHtml: atomContentHtml(entry.content),
      categories: uniqueTexts((entry.categories ?? []).map((category) => category.label ?? category.term)),
    };
  });
  return { format: "atom", title: atomText(feed.title) ?? "", link, items };
}

function readJsonFeed(body: string, feedUrl: string | null): ParsedFeed {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new FeedParseError(`The feed is not valid JSON: ${reason}.`, "malformed", { cause: error });
  }
  const feed: JsonFeed.Feed<string> = readWith(parseJsonFeed, data);
  const link = absoluteUrl(feed.home_page_url, feedUrl);
  const base = feedUrl ?? absoluteUrl(feed.feed_url, null) ?? link;
  const feedAuthor = feed.authors?.[0]?.name;
  const items = (feed.items ?? []).map((item): FeedItem => ({
    guid: item.id ?? null,
    title: htmlToText(item.title ?? ""),
    link: absoluteUrl(item.url, base) ?? absoluteUrl(item.external_url, base),
    published: firstDate(item.date_published, item.date_modified),
    author: firstText(item.authors?.[0]?.name, feedAuthor),
    summary: textOrNull(item.summary),
    contentHtml: item.content_html?.trim() || (item.content_text?.trim() ? escapeHtml(item.content_text.trim()) : null),
    categories: uniqueTexts(item.tags ?? []),
  }));
  return { format: "json", title: htmlToText(feed.title ?? ""), link, items };
}

// feedsmith throws MalformedError when its XML parser refuses the document (after our validation, that
// means a DOCTYPE it will not process, such as an external entity), and other errors when the document
// lacks a feed's structure (an <rss> without a <channel>).
function readWith<T>(parse: (value: unknown) => T, value: unknown): T {
  try {
    return parse(value);
  } catch (error) {
    if (error instanceof Error && error.name === "MalformedError") {
      const reason = error.cause instanceof Error ? error.cause.message : error.message;
      throw new FeedParseError(`The feed could not be read as XML: ${reason}.`, "malformed", {
        cause: error,
      });
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new FeedParseError(`${NOT_A_FEED} (${reason}).`, "not-a-feed", {
      cause: error,
    });
  }
}

/** Atom text constructs: "text" is already plain; "html" and "xhtml" carry markup. */
function atomText(text: AtomFeed.Text | undefined): string | null {
  if (!text?.value) return null;
  const plain = text.type === "html" || text.type === "xhtml" ? htmlToText(text.value) : collapseWhitespace(text.value);
  return plain || null;
}

function atomContentHtml(content: AtomFeed.Content | undefined): string | null {
  const value = content?.value?.trim();
  if (!value || content?.src) return null;
  const type = content?.type ?? "text";
  if (type === "html" || type === "xhtml" || type.includes("html")) return value;
  return type === "text" || type.startsWith("text/") ? escapeHtml(value) : null;
}

/** The entry's alternate link (rel absent or "alternate"), an HTML one first. */
function pickAtomLink(
  links: Array<{ href?: string; rel?: string; type?: string }> | undefined,
  base: string | null,
): string | null {
  const alternates = (links ?? []).filter((link) => link.href && (!link.rel || link.rel === "alternate"));
  const chosen = alternates.find((link) => !link.type || /html/i.test(link.type)) ?? alternates[0];
  return absoluteUrl(chosen?.href, base);
}

/** Absolute http(s) URL, resolving a relative one against `base`; null when that is impossible. */
function absoluteUrl(raw: string | null | undefined, base: string | null | undefined): string | null {
  const value = raw?.trim();
  if (!value) return null;
  try {
    const url = new URL(value, base ?? undefined);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

function firstDate(...candidates: Array<string | undefined>): Date | null {
  for (const candidate of candidates) {
    const date = parseFeedDate(candidate);
    if (date) return date;
  }
  return null;
}

function firstText(...candidates: Array<string | undefined>): string | null {
  for (const candidate of candidates) {
    const text = candidate ? htmlToText(candidate) : "";
    if (text) return text;
  }
  return null;
}

function textOrNull(html: string | undefined): string | null {
  return html ? htmlToText(html) || null : null;
}

function uniqueTexts(values: Array<string | undefined>): string[] {
  const texts = values.map((value) => (value ? htmlToText(value) : "")).filter(Boolean);
  return [...new Set(texts)];
}
