import type { IncomingArticle } from "@/lib/validation/incoming-article";

// One article as a line of the import schema, which `npm run import` reads back: what a dry run prints.

const DAY_MS = 86_400_000;

/**
 * {"title", "published", "source", "url", "body"}, then "language" when it is not English and
 * "teaser": true for a stub. `published` is the day (YYYY-MM-DD) when the article has only a day, as
 * pastes, pages and date-only files do; a time given in the file is kept as ISO 8601 UTC, so that
 * importing the printed line stores exactly what importing the file would.
 */
export function toImportLine(record: IncomingArticle): string {
  const iso = record.published.toISOString();
  return JSON.stringify({
    title: record.title,
    published: record.published.getTime() % DAY_MS === 0 ? iso.slice(0, 10) : iso,
    source: record.source,
    url: record.url ?? null,
    body: record.body,
    ...(record.language !== "en" ? { language: record.language } : {}),
    ...(record.teaser ? { teaser: true } : {}),
  });
}
