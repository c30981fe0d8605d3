// RSS 0.9x/2.0 and RSS 1.0 (RDF) as feedsmith reads them -> our items. Besides the core elements, the
// Dublin Core, iTunes and Media RSS ones that stand in for them are read (dc:title, dc:description,
// itunes:summary, media:title...): feeds use them instead of the core ones often enough.
import type { RdfFeed, RssFeed } from "feedsmith";

import type { FeedItem, ParsedFeed } from "./feed-types";
import { absoluteUrl, bylineOf, firstDate, firstText, pickAtomLink, uniqueTexts } from "./fields";
import { htmlToText } from "./text";

type Summary = { text: string | null; html: string | null };

export function readRss(feed: RssFeed.Feed<string>, feedUrl: string | null): ParsedFeed {
  const link = absoluteUrl(feed.link, feedUrl) ?? pickAtomLink(feed.atom?.links, feedUrl);
  const base = feedUrl ?? link;
  const items = (feed.items ?? []).map((item): FeedItem => {
    const guid = item.guid?.value ?? null;
    // Only an absolute guid can be the permalink: resolving "4956764" against the site would invent a URL.
    const permalink = item.guid?.isPermaLink !== false ? absoluteUrl(guid, null) : null;
    const summary = readSummary(
      item.description,
      item.dc?.descriptions?.[0],
      item.itunes?.summary,
      item.media?.description?.value,
    );
    return {
      guid,
      title: firstText(item.title, item.dc?.titles?.[0], item.media?.title?.value, item.itunes?.title) ?? "",
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
      author: bylineOf(
        item.authors?.[0]?.name,
        item.authors?.[0]?.email,
        item.dc?.creators?.[0],
        item.itunes?.author,
        item.atom?.authors?.[0]?.name,
      ),
      summary: summary.text,
      summaryHtml: summary.html,
      contentHtml: item.content?.encoded?.trim() || null,
      baseUrl: base,
      categories: uniqueTexts([
        ...(item.categories ?? []).map((category) => category.name),
        ...(item.dc?.subjects ?? []),
        ...(item.media?.categories ?? []).map((category) => category.label ?? category.name),
      ]),
    };
  });
  return { format: "rss", title: firstText(feed.title, feed.dc?.titles?.[0]) ?? "", link, items };
}

export function readRdf(feed: RdfFeed.Feed<string>, feedUrl: string | null): ParsedFeed {
  const link = absoluteUrl(feed.link, feedUrl);
  const base = feedUrl ?? link;
  const items = (feed.items ?? []).map((item): FeedItem => {
    const summary = readSummary(item.description, item.dc?.descriptions?.[0]);
    return {
      guid: item.rdf?.about ?? null,
      title: firstText(item.title, item.dc?.titles?.[0]) ?? "",
      link: absoluteUrl(item.link, base) ?? absoluteUrl(item.rdf?.about, null),
      published: firstDate(item.dc?.dates?.[0], item.dcterms?.issued?.[0], item.dcterms?.modified?.[0]),
      author: bylineOf(item.dc?.creators?.[0]),
      summary: summary.text,
      summaryHtml: summary.html,
      contentHtml: item.content?.encoded?.trim() || null,
      baseUrl: base,
      categories: uniqueTexts(item.dc?.subjects ?? []),
    };
  });
  return { format: "rdf", title: firstText(feed.title, feed.dc?.titles?.[0]) ?? "", link, items };
}

/**
 * The first summary present; RSS descriptions hold HTML (escaped or in CDATA) by long convention. One
 * with markup but no text (an image) is kept as markup, in case there is nothing better.
 */
function readSummary(...candidates: Array<string | undefined>): Summary {
  let imageOnly: string | null = null;
  for (const candidate of candidates) {
    const html = candidate?.trim();
    const text = html ? htmlToText(html) : "";
    if (html && text) return { text, html };
    imageOnly ??= html || null;
  }
  return { text: null, html: imageOnly };
}
