import type { ExportRecord } from "@/lib/export/types";

// A saved view as a feed: Atom 1.0 or JSON Feed 1.1, the newest matches first, each entry linking into the desk
// (and to the original, when there is one). Every value goes through xml() / JSON, never into markup raw.

export type FeedView = { id: number; name: string; query: string; updatedAt: Date };

function xml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, "")
    .replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function updated(view: FeedView, records: ExportRecord[]): Date {
  return records.length ? records[0].publishedAt : view.updatedAt;
}

export function atomFeed(view: FeedView, records: ExportRecord[], base: string, selfUrl: string): string {
  const entries = records.map((record) => {
    const desk = `${base}/articles/${record.id}`;
    const categories = record.themes.map((theme) => `<category term="${xml(theme.name)}"/>`).join("");
    return `  <entry>
    <id>${xml(desk)}</id>
    <title>${xml(record.title)}</title>
    <link rel="alternate" href="${xml(desk)}"/>${record.url ? `\n    <link rel="related" href="${xml(record.url)}"/>` : ""}
    <updated>${record.publishedAt.toISOString()}</updated>
    <published>${record.publishedAt.toISOString()}</published>
    <author><name>${xml(record.byline ?? record.source.name)}</name></author>
    <source><title>${xml(record.source.name)}</title></source>${categories ? `\n    ${categories}` : ""}
    <summary>${xml(record.excerpt)}</summary>
  </entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${xml(`${base}/api/v1/views/${view.id}/feed`)}</id>
  <title>${xml(`${view.name} · Presswatch`)}</title>
  <updated>${updated(view, records).toISOString()}</updated>
  <link rel="self" href="${xml(selfUrl)}"/>
  <link rel="alternate" href="${xml(`${base}/?${view.query}`)}"/>
  <generator>Presswatch</generator>
${entries.join("\n")}
</feed>
`;
}

export function jsonFeed(view: FeedView, records: ExportRecord[], base: string, selfUrl: string): string {
  return JSON.stringify({
    version: "https://jsonfeed.org/version/1.1",
    title: `${view.name} · Presswatch`,
    home_page_url: `${base}/?${view.query}`,
    feed_url: selfUrl,
    items: records.map((record) => ({
      id: String(record.id),
      url: `${base}/articles/${record.id}`,
      ...(record.url ? { external_url: record.url } : {}),
      title: record.title,
      summary: record.excerpt,
      content_text: record.excerpt,
      date_published: record.publishedAt.toISOString(),
      authors: [{ name: record.byline ?? record.source.name }],
      tags: record.themes.map((theme) => theme.name),
      language: record.language,
      _presswatch: { source: record.source.name },
    })),
  });
}
