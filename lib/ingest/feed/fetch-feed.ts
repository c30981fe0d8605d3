import "server-only";
import { safeFetch, type SafeFetchResult } from "@/lib/ingest/fetch/safe-fetch";
import { parseFeedIsolated } from "@/lib/ingest/isolated-parse";
import { MAX_FEED_BYTES, type ParsedFeed } from "./parse";

// One feed fetch, conditional when the last answer gave validators: a 304 costs the site (and us)
// nothing, which is what lets a worker poll many sources often.

const FEED_TIMEOUT_MS = 30_000;
const FEED_MAX_REDIRECTS = 5;
const FEED_ACCEPT =
  "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5";

export type FetchedFeed =
  | { notModified: true; url: string }
  | { notModified: false; url: string; feed: ParsedFeed; etag: string | null; lastModified: string | null };

/** Fetches and parses a feed; throws FetchError (network, status, size, address) or FeedParseError. */
export async function fetchFeed(
  url: string,
  validators: { etag?: string | null; lastModified?: string | null } = {},
): Promise<FetchedFeed> {
  const response = await fetchFeedBytes(url, validators);
  if (response.notModified) return { notModified: true, url: response.url };
  // In a worker thread with time and memory limits: a hostile feed must not stall the web server or the worker.
  const feed = await parseFeedIsolated(response.bytes, { contentType: response.contentType, url: response.url });
  return {
    notModified: false,
    url: response.url,
    feed,
    etag: response.headers.get("etag"),
    lastModified: response.headers.get("last-modified"),
  };
}

/** The feed's response as the worker fetches it: its limits, its Accept header, conditional when it can. */
export async function fetchFeedBytes(
  url: string,
  validators: { etag?: string | null; lastModified?: string | null } = {},
): Promise<SafeFetchResult> {
  const headers: Record<string, string> = {};
  if (validators.etag) headers["if-none-match"] = validators.etag;
  if (validators.lastModified) headers["if-modified-since"] = validators.lastModified;
  return safeFetch(url, {
    maxBytes: MAX_FEED_BYTES,
    timeoutMs: FEED_TIMEOUT_MS,
    maxRedirects: FEED_MAX_REDIRECTS,
    accept: FEED_ACCEPT,
    headers,
  });
}

export class FeedCheckError extends Error {
  override readonly name = "FeedCheckError";
}

export type FeedCheck = {
  itemCount: number;
  format: ParsedFeed["format"];
  title: string;
  newest: { title: string; published: Date | null } | null;
};

/** What an admin needs to know before saving a source: does it answer, parse, and hold items? */
export async function checkFeed(url: string): Promise<FeedCheck> {
  const result = await fetchFeed(url);
  if (result.notModified)
    throw new FeedCheckError("The server answered 304 Not Modified to a request that asked for the whole feed.");
  const { feed } = result;
  // Feeds are usually newest first, but not always: pick by date, falling back to the first item.
  const dated = feed.items.filter((item) => item.published);
  const newest = dated.length ? dated.reduce((a, b) => (b.published! > a.published! ? b : a)) : feed.items[0];
  return {
    itemCount: feed.items.length,
    format: feed.format,
    title: feed.title,
    newest: newest ? { title: newest.title || "(untitled)", published: newest.published } : null,
  };
}
