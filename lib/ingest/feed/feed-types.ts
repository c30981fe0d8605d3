// The one shape every feed format is read into (parse.ts).

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
  /** The summary as markup (plain-text summaries escaped): the body when the feed carries no content. */
  summaryHtml: string | null;
  /** Full body as HTML when the feed carries one (content:encoded, Atom content, JSON content_html). */
  contentHtml: string | null;
  /** What relative URLs in the item's markup resolve against: its xml:base, else the feed's address. */
  baseUrl: string | null;
  categories: string[];
};

export type ParsedFeed = {
  format: FeedFormat;
  title: string;
  link: string | null;
  items: FeedItem[];
};
