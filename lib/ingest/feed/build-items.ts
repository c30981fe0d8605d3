import "server-only";
import { db } from "@/lib/db";
import { safeFetch } from "@/lib/ingest/fetch/safe-fetch";
import { normalizeUrl } from "@/lib/ingest/normalize-url";
import { extractFromBytesIsolated } from "@/lib/ingest/isolated-parse";
import { MAX_PAGE_BYTES, type ExtractedArticle } from "@/lib/ingest/page/extract";
import type { IngestCounts, IngestErrorInput } from "@/lib/ingest/runs";
import type { IngestItem } from "@/lib/ingest/store";
import { needsPageFetch, readFeedItemBody, titleFromText, type FeedItemBody } from "./item-body";
import type { FeedItem } from "./parse";

// A polled feed's items -> what the store takes. An item's body is its own content when the feed carries
// the article; otherwise its page is fetched (a few at a time) and extracted. A page that fails is
// recorded, and the item falls back to the feed's text, or fails when the feed has none.

/** Item pages are fetched this many at a time: quick for us, polite to the site. */
const PAGE_CONCURRENCY = 3;
const PAGE_TIMEOUT_MS = 20_000;

export type FeedSourceSettings = { name: string; language: string; fetchFullText: boolean };

type Plan = { index: number; item: FeedItem; body: FeedItemBody; location: string; fetchPage: boolean };
type Page = { ok: true; article: ExtractedArticle } | { ok: false; reason: string };

export type BuiltItems = {
  items: IngestItem[];
  /** Item problems the store does not see: pages that failed, items that could not be built. */
  errors: IngestErrorInput[];
  /** Counts of items settled before the store (known pages, unusable items). */
  counts: Required<IngestCounts>;
  notes: string[];
};

export async function buildFeedItems(
  source: FeedSourceSettings,
  feedItems: FeedItem[],
  pageDeadline: number,
): Promise<BuiltItems> {
  const counts = { fetched: 0, created: 0, updated: 0, duplicates: 0, failed: 0 };
  const errors: IngestErrorInput[] = [];
  const plans: Plan[] = feedItems.map((item, index) => {
    const body = readFeedItemBody(item);
    return {
      index,
      item,
      body,
      location: item.link ?? `item ${index + 1}`,
      fetchPage: Boolean(item.link) && needsPageFetch(body, source.fetchFullText),
    };
  });

  // A page already stored in full is not fetched again on every poll: the item is a duplicate. Its summary in
  // the feed is not stored either: the store would take that shorter text for a new version of the page's
  // (the worker's re-check of the page is what sees edits of articles the feed only summarises).
  const known = await findCompleteArticleUrls(plans.flatMap((plan) => (plan.fetchPage ? [plan.item.link!] : [])));
  const kept: Plan[] = [];
  for (const plan of plans) {
    if (plan.fetchPage && known.has(normalizeUrl(plan.item.link!) ?? "")) {
      counts.duplicates++;
      continue;
    }
    kept.push(plan);
  }

  const pages = await mapWithConcurrency(kept, PAGE_CONCURRENCY, (plan) =>
    plan.fetchPage ? fetchPage(plan.item.link!, pageDeadline) : null,
  );
  const items: IngestItem[] = [];
  let fellBack = 0;
  // An item whose feed and page give no usable date is dated when it was first seen, and says so.
  const seenAt = new Date();
  kept.forEach((plan, i) => {
    const page = pages[i];
    const title = plan.item.title || (page?.ok ? page.article.title : "");
    const published = plan.item.published ?? (page?.ok ? page.article.published : null);
    const common = {
      publishedAt: published ?? seenAt,
      undated: published === null,
      source: source.name,
      url: plan.item.link,
      language: source.language,
      location: plan.location,
    };
    if (page?.ok) {
      items.push({
        ...common,
        title: title || titleFromText(page.article.text),
        body: page.article.text,
        bodyHtml: page.article.html,
        byline: page.article.byline ?? plan.item.author,
      });
      return;
    }
    if (page && !plan.body.text) {
      counts.failed++;
      errors.push({
        location: plan.location,
        reason: `${page.reason}; the feed gives no text for this item.`,
        excerpt: title || null,
      });
      return;
    }
    if (!plan.body.text) {
      counts.failed++;
      errors.push({
        location: plan.location,
        reason: "The item has no text and no link to its page.",
        excerpt: title || null,
      });
      return;
    }
    if (page) {
      fellBack++;
      errors.push({
        location: plan.location,
        reason: `${page.reason}; stored the feed's text instead.`,
        excerpt: title || null,
      });
    }
    items.push({
      ...common,
      title: title || titleFromText(plan.body.text),
      body: plan.body.text,
      bodyHtml: plan.body.html,
      byline: plan.item.author,
      // A teaser stands in for a page we meant to read: the next poll completes it.
      complete: page ? plan.body.fromContent && !needsPageFetch(plan.body, false) : true,
    });
  });
  const notes = fellBack
    ? [`${fellBack} item page${fellBack === 1 ? "" : "s"} could not be read; the feed's text was stored instead.`]
    : [];
  return { items, errors, counts, notes };
}

async function findCompleteArticleUrls(links: string[]): Promise<Set<string>> {
  const urls = [...new Set(links.map((link) => normalizeUrl(link)).filter((url): url is string => url !== null))];
  if (urls.length === 0) return new Set();
  const rows = await db.$queryRaw<{ canonical_url: string }[]>`
    SELECT canonical_url FROM articles WHERE canonical_url = ANY(${urls}::text[]) AND complete`;
  return new Set(rows.map((row) => row.canonical_url));
}

async function fetchPage(url: string, deadline: number): Promise<Page> {
  const remaining = deadline - Date.now();
  if (remaining <= 0)
    return {
      ok: false,
      reason: "The item's page was not fetched: this poll's time for pages ran out (the next poll tries again)",
    };
  try {
    const page = await safeFetch(url, { maxBytes: MAX_PAGE_BYTES, timeoutMs: Math.min(PAGE_TIMEOUT_MS, remaining) });
    const article = await extractFromBytesIsolated(page.bytes, { url: page.url, contentType: page.contentType });
    return { ok: true, article };
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/\.$/, "") : String(error);
    return { ok: false, reason: `Could not read the item's page: ${reason}` };
  }
}

/** Runs `work` over `items`, at most `limit` at a time, results in input order. `work` must not throw. */
async function mapWithConcurrency<T, R>(items: T[], limit: number, work: (item: T) => Promise<R> | R): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  });
  await Promise.all(lanes);
  return results;
}
