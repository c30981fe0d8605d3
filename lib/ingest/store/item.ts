import { imageHashes } from "@/lib/ingest/image-hashes";
import { fingerprintArticle, makeExcerpt, simhash64 } from "@/lib/ingest/fingerprint";
import { detectLanguage } from "@/lib/ingest/language";
import { splitSimhash, textWords, wordPairs, type SimhashHalves } from "@/lib/ingest/near-duplicate";
import { normalizeUrl } from "@/lib/ingest/normalize-url";
import { toParagraphHtml } from "@/lib/ingest/text-html";

// An item on its way into the store, and what its own text yields before the database is asked anything.

export type IngestItem = {
  title: string;
  body: string;
  publishedAt: Date;
  /** The outlet's name; an unknown one becomes a MANUAL source. */
  source: string;
  url?: string | null;
  bodyHtml?: string | null;
  byline?: string | null;
  language?: string;
  /** False for a teaser (a title and a few lines) whose full text is still to come. */
  complete?: boolean;
  /** Where the item came from ("line 12"), for the run's error list. */
  location?: string;
  /** The source gave no usable date: publishedAt is when the item was first seen (shown and filterable as such). */
  undated?: boolean;
};

/** `updated`: a changed version of a stored article (its title or text differ); the article now shows it. */
export type ItemStatus = "created" | "duplicate" | "near_duplicate" | "completed" | "updated" | "failed";

export type ItemOutcome = {
  index: number;
  status: ItemStatus;
  articleId?: number;
  similarity?: number;
  /** For `updated`: the article's version number this item became. */
  version?: number;
  error?: string;
};

/** What an item's text yields on its own. */
export type Derived = {
  url: string | null;
  canonicalUrl: string | null;
  byline: string | null;
  bodyHtml: string;
  excerpt: string;
  language: string;
  fingerprint: string;
  simhash: bigint;
  halves: SimhashHalves;
  complete: boolean;
  /** Hashes of the HTML's photos (lib/ingest/image-hashes.ts); null for an item given as text only. */
  imageHashes: string[] | null;
};

/** An item ready for the store: derived fields, its outlet's id, and its place in the caller's list. */
export type Prepared = Derived & {
  index: number;
  sourceId: number;
  /** The outlet's name, as the edit classifier compares items. */
  sourceName: string;
  title: string;
  body: string;
  publishedAt: Date;
  undated: boolean;
  storyKey: string;
  words?: string[];
  pairs?: Set<string>;
};

const DAY_MS = 86_400_000;
/** A btree entry holds at most ~2,700 bytes, and the canonical URL is a unique key: longer ones are not addresses. */
export const MAX_URL_LENGTH = 2_000;
/** Far beyond any article; a bigger text is a mistake (a whole archive in one field) and would swamp the search index. */
export const MAX_BODY_LENGTH = 1_000_000;
const TEXT_FIELDS = ["title", "body", "source", "url", "bodyHtml", "byline", "language"] as const;

/** Why the item cannot be stored, or null. A bad item fails alone, with a reason its sender can act on. */
export function checkItem(item: IngestItem): string | null {
  for (const field of ["title", "body", "source"] as const) {
    if (typeof item[field] !== "string" || item[field].trim() === "") return `${field}: must not be empty`;
  }
  if (!(item.publishedAt instanceof Date) || Number.isNaN(item.publishedAt.getTime()))
    return "publishedAt: not a valid date";
  for (const field of TEXT_FIELDS) {
    const value = item[field];
    // PostgreSQL text cannot hold U+0000; such a value is binary or broken input, not something to clean silently.
    if (typeof value === "string" && value.includes("\u0000"))
      return `${field}: contains a NUL character (U+0000), which text cannot hold; remove it and send the item again`;
  }
  if (item.url && item.url.length > MAX_URL_LENGTH)
    return `url: longer than ${MAX_URL_LENGTH.toLocaleString("en")} characters`;
  if (item.body.length > MAX_BODY_LENGTH)
    return `body: longer than ${MAX_BODY_LENGTH.toLocaleString("en")} characters; split it into articles`;
  return null;
}

export function utcDay(date: Date): string {
  return new Date(Math.floor(date.getTime() / DAY_MS) * DAY_MS).toISOString();
}

/** Outlet, title and day: how a teaser and its full text find each other when neither has a URL. */
export function storyKey(sourceId: number, title: string, publishedAt: Date | string): string {
  return `${sourceId}\u0000${title}\u0000${typeof publishedAt === "string" ? publishedAt : utcDay(publishedAt)}`;
}

export function derive(item: IngestItem): Derived {
  const simhash = simhash64(item.body);
  const url = item.url?.trim() || null;
  return {
    url,
    canonicalUrl: url ? normalizeUrl(url) : null,
    byline: item.byline?.trim() || null,
    bodyHtml: item.bodyHtml ?? toParagraphHtml(item.body),
    excerpt: makeExcerpt(item.body),
    language: item.language ?? detectLanguage(`${item.title}\n${item.body}`) ?? "en",
    fingerprint: fingerprintArticle(item),
    simhash,
    halves: splitSimhash(simhash),
    complete: item.complete ?? true,
    imageHashes: imageHashes(item.bodyHtml),
  };
}

export function wordsOf(item: Prepared): string[] {
  item.words ??= textWords(item.body);
  return item.words;
}

export function pairsOf(item: Prepared): Set<string> {
  item.pairs ??= wordPairs(wordsOf(item));
  return item.pairs;
}

/** Counts as a run records them: a completed teaser is a new article for the analyst. */
export function countOutcomes(outcomes: ItemOutcome[]): {
  created: number;
  updated: number;
  duplicates: number;
  failed: number;
} {
  const counts = { created: 0, updated: 0, duplicates: 0, failed: 0 };
  for (const outcome of outcomes) {
    if (outcome.status === "created" || outcome.status === "completed") counts.created++;
    else if (outcome.status === "updated") counts.updated++;
    else if (outcome.status === "failed") counts.failed++;
    else counts.duplicates++;
  }
  return counts;
}
