// Fetched feed bytes -> a flat list of items, the same shape for RSS 0.9x/2.0, RSS 1.0 (RDF), Atom and
// JSON Feed. feedsmith does the format-specific reading (rss.ts, atom.ts, json-feed.ts turn its output
// into ours); it is lenient and returns whatever it got from a truncated document, so well-formedness is
// checked first (xml.ts, with the validator of the parser feedsmith itself uses): a broken feed fails
// whole rather than yielding a partial list.
import { parseAtomFeed, parseRdfFeed, parseRssFeed } from "feedsmith";

import { formatBytes } from "@/lib/format";
import { readAtom } from "./atom";
import { decodeAtom03Base64 } from "./atom-text";
import { decodeFeedBytes } from "./decode";
import { FeedParseError } from "./errors";
import type { FeedFormat, ParsedFeed } from "./feed-types";
import { absoluteUrl } from "./fields";
import { readJsonFeed } from "./json-feed";
import { readRdf, readRss } from "./rss";
import { assertWellFormed, escapeBareAmpersands, readRootName, replaceC1Controls } from "./xml";

export { FeedParseError, type FeedParseErrorCode } from "./errors";
export type { FeedFormat, FeedItem, ParsedFeed } from "./feed-types";

/** Larger responses are refused; the fetcher can stop reading at this size. */
export const MAX_FEED_BYTES = 10 * 1024 * 1024;

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
    throw new FeedParseError(
      `The feed is too large (${formatBytes(bytes.byteLength)}; the limit is ${formatBytes(MAX_FEED_BYTES)}).`,
      "too-large",
    );
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
  const xml = escapeBareAmpersands(replaceC1Controls(body));
  assertWellFormed(xml);
  if (format === "atom") {
    const feed = readXml(parseAtomFeed, decodeAtom03Base64(xml));
    return feed ? readAtom(feed, base) : emptyFeed(format);
  }
  if (format === "rdf") {
    const feed = readXml(parseRdfFeed, xml);
    return feed ? readRdf(feed, base) : emptyFeed(format);
  }
  const feed = readXml(parseRssFeed, xml);
  return feed ? readRss(feed, base) : emptyFeed(format);
}

/**
 * feedsmith throws MalformedError when its XML parser refuses the document (after our validation, that
 * means a DOCTYPE it will not process, such as an external entity). DetectError and ParseError mean it
 * found none of the fields it knows (`<rss version="2.0"><channel/></rss>`, an item with only an unknown
 * element): the root already showed the document is a feed, so it is read as a feed with nothing in it.
 */
function readXml<T>(parse: (value: string) => T, xml: string): T | null {
  try {
    return parse(xml);
  } catch (error) {
    const name = error instanceof Error ? error.name : "";
    if (name === "DetectError" || name === "ParseError") return null;
    const reason =
      error instanceof Error ? (error.cause instanceof Error ? error.cause : error).message : String(error);
    if (name === "MalformedError")
      throw new FeedParseError(`The feed could not be read as XML: ${reason}.`, "malformed", { cause: error });
    throw new FeedParseError(`${NOT_A_FEED} (${reason}).`, "not-a-feed", { cause: error });
  }
}

function emptyFeed(format: FeedFormat): ParsedFeed {
  return { format, title: "", link: null, items: [] };
}
