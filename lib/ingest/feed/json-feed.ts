// JSON Feed 1.0 / 1.1 -> our items. Its summary and content_text are plain text by the specification.
import { parseJsonFeed, type JsonFeed } from "feedsmith";

import { FeedParseError } from "./errors";
import type { FeedItem, ParsedFeed } from "./feed-types";
import { absoluteUrl, bylineOf, firstDate, textOrNull, uniqueTexts } from "./fields";
import { escapeHtml, htmlToText } from "./text";

export function readJsonFeed(body: string, feedUrl: string | null): ParsedFeed {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new FeedParseError(`The feed is not valid JSON: ${reason}.`, "malformed", { cause: error });
  }
  let feed: JsonFeed.Feed<string>;
  try {
    feed = parseJsonFeed(data);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new FeedParseError(`The document is not an RSS, Atom or JSON feed (${reason}).`, "not-a-feed", {
      cause: error,
    });
  }
  const link = absoluteUrl(feed.home_page_url, feedUrl);
  const base = feedUrl ?? absoluteUrl(feed.feed_url, null) ?? link;
  const feedAuthor = feed.authors?.[0]?.name;
  const items = (feed.items ?? []).map((item): FeedItem => {
    const summary = item.summary?.trim() || null;
    const contentText = item.content_text?.trim();
    return {
      guid: item.id ?? null,
      title: htmlToText(item.title ?? ""),
      link: absoluteUrl(item.url, base) ?? absoluteUrl(item.external_url, base),
      published: firstDate(item.date_published, item.date_modified),
      author: bylineOf(item.authors?.[0]?.name, feedAuthor),
      summary: textOrNull(summary ?? undefined),
      summaryHtml: summary ? escapeHtml(summary) : null,
      contentHtml: item.content_html?.trim() || (contentText ? escapeHtml(contentText) : null),
      baseUrl: base,
      categories: uniqueTexts(item.tags ?? []),
    };
  });
  return { format: "json", title: htmlToText(feed.title ?? ""), link, items };
}
