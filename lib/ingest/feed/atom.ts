// Atom 0.3 and 1.0 as feedsmith reads them -> our items. Text constructs go through atom-text.ts, which
// knows both versions' type names; relative URLs resolve against xml:base, then the feed's address.
import type { AtomFeed } from "feedsmith";

import { atomMarkup, atomPlainText } from "./atom-text";
import type { FeedItem, ParsedFeed } from "./feed-types";
import { absoluteUrl, bylineOf, firstDate, pickAtomLink, uniqueTexts } from "./fields";

export function readAtom(feed: AtomFeed.Feed<string>, feedUrl: string | null): ParsedFeed {
  const feedBase = absoluteUrl(feed.xml?.base, feedUrl) ?? feedUrl;
  const link = pickAtomLink(feed.links, feedBase);
  const feedAuthor = feed.authors?.[0]?.name;
  const items = (feed.entries ?? []).map((entry): FeedItem => {
    const base = absoluteUrl(entry.xml?.base, feedBase) ?? feedBase ?? link;
    const summary = entry.summary ?? mediaDescription(entry.media);
    return {
      guid: entry.id ?? null,
      title: atomPlainText(entry.title) ?? "",
      link: pickAtomLink(entry.links, base),
      published: firstDate(entry.published, entry.updated, entry.dc?.dates?.[0]),
      author: bylineOf(entry.authors?.[0]?.name, entry.dc?.creators?.[0], feedAuthor),
      summary: atomPlainText(summary),
      summaryHtml: atomMarkup(summary),
      contentHtml: atomMarkup(entry.content),
      baseUrl: absoluteUrl(entry.content?.xml?.base, base) ?? base,
      categories: uniqueTexts((entry.categories ?? []).map((category) => category.label ?? category.term)),
    };
  });
  return { format: "atom", title: atomPlainText(feed.title) ?? "", link, items };
}

/** Media RSS's description, on the entry or its media:group; "plain" (the default) or "html". */
function mediaDescription(media: AtomFeed.Entry<string>["media"]): { value: string; type: string } | undefined {
  const description = media?.description ?? media?.groups?.find((group) => group.description)?.description;
  if (!description?.value) return undefined;
  return { value: description.value, type: description.type === "html" ? "html" : "text" };
}
