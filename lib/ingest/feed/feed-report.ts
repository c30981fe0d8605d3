// A feed as the worker would store it, for an admin checking why a source misbehaves
// (`npm run parse-feed`): each item's title, link, date and text as they would reach the database, with
// the charset the bytes were read in and why. Nothing is fetched or stored here: the page of an item that
// gives only a teaser is marked, since the worker would fetch it for the full text.
import { decodeFeedBytes, type DecodedFeed } from "./decode";
import { needsPageFetch, readFeedItemBody, titleFromText } from "./item-body";
import { parseFeed, type ParsedFeed } from "./parse";

export type FeedReportItem = {
  title: string;
  link: string | null;
  /** ISO 8601 UTC; null when the item has no usable date (the worker stores the time it first sees it). */
  published: string | null;
  /** Present when `published` is null: the worker marks such an item "no date: first seen". */
  undated?: true;
  text: string;
  /** Present when the feed gives only a teaser: the worker fetches the item's page for its text. */
  pageFetched?: true;
};

export type FeedReport = {
  title: string;
  link: string | null;
  format: ParsedFeed["format"];
  charset: { name: string; from: DecodedFeed["source"] };
  items: FeedReportItem[];
};

export function reportFeed(bytes: Uint8Array, options: { contentType?: string | null; url?: string } = {}): FeedReport {
  const feed = parseFeed(bytes, options);
  const decoded = decodeFeedBytes(bytes, options.contentType);
  return {
    title: feed.title,
    link: feed.link,
    format: feed.format,
    charset: { name: decoded.charset, from: decoded.source },
    items: feed.items.map((item): FeedReportItem => {
      const body = readFeedItemBody(item);
      return {
        title: item.title || titleFromText(body.text),
        link: item.link,
        published: item.published?.toISOString() ?? null,
        ...(item.published ? {} : { undated: true as const }),
        text: body.text,
        ...(item.link && needsPageFetch(body, false) ? { pageFetched: true as const } : {}),
      };
    }),
  };
}
