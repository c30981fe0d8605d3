import "server-only";
import { db } from "@/lib/db";
import { normalizeUrl } from "@/lib/ingest/normalize-url";
import type { FeedItem } from "./feed-types";

// "Gone at source" from the feed itself. A feed lists its newest items and drops the oldest as new ones
// arrive, so leaving the listing alone proves nothing. But an item that disappears while items older than
// it are still listed was taken down: state media remove stories that way. Its article is marked gone at
// source (kept, with everything analysts added), as a page that answers 404 is by the re-check.

/** The canonical addresses of this poll's items, and the oldest date among them (null when none is dated). */
export function readListing(items: FeedItem[]): { urls: string[]; oldest: Date | null } {
  const urls = new Set<string>();
  let oldest: Date | null = null;
  for (const item of items) {
    const url = item.link ? normalizeUrl(item.link) : null;
    if (!url) continue;
    urls.add(url);
    if (item.published && (!oldest || item.published < oldest)) oldest = item.published;
  }
  return { urls: [...urls], oldest };
}

/** Addresses of the last listing missing from this one. */
export function leftListing(previous: string[], current: string[]): string[] {
  const now = new Set(current);
  return previous.filter((url) => !now.has(url));
}

/**
 * Marks gone the source's articles that left its listing although newer than the oldest item still listed,
 * and keeps this listing for the next poll. Returns how many were marked.
 */
export async function recordListing(sourceId: number, previous: string[], items: FeedItem[]): Promise<number> {
  const { urls, oldest } = readListing(items);
  const left = leftListing(previous, urls);
  let marked = 0;
  // An empty or undated listing says nothing about what was taken down (a broken feed, a format change).
  if (left.length && urls.length && oldest) {
    marked = await db.$executeRaw`
      UPDATE articles SET gone_at = now()
       WHERE source_id = ${sourceId} AND gone_at IS NULL
         AND canonical_url = ANY(${left}::text[]) AND published_at > ${oldest}`;
  }
  await db.source.update({ where: { id: sourceId }, data: { listingUrls: urls } });
  return marked;
}
