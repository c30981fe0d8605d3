import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { VersionSeenBy } from "@/lib/generated/prisma/enums";
import { FetchError, safeFetch } from "@/lib/ingest/fetch/safe-fetch";
import { fingerprintArticle } from "@/lib/ingest/fingerprint";
import { imageHashes, imagesChanged } from "@/lib/ingest/image-hashes";
import { extractFromBytes, MAX_PAGE_BYTES } from "@/lib/ingest/page/extract";
import { storeArticles, type ItemOutcome } from "@/lib/ingest/store";
import { nextRecheckAt, RECHECK_BATCH, RECHECK_HOST_INTERVAL_MS, RECHECK_LEASE_MS } from "./schedule";

// The worker's re-check of stored articles at their source: each page is fetched again (conditional GET with
// the validators of the last re-check, through safe-fetch like every outbound request, a few seconds apart per
// host), and compared with the page as the last re-check read it (recheck_hash: its fingerprint and photos).
//
// - Changed: the page's title and text go through the store like any other sighting of the URL, so it becomes
//   the article's new version (seen by "re-check") in the store's own transaction; a change of photos alone
//   (other addresses or sizes) is a version with the same text.
// - 404 or 410: the article is marked gone at source (gone_at) and kept, with everything analysts added; it is
//   not re-checked again.
// - An article that left its feed's listing is not gone: feeds list the latest few dozen items, and a story
//   drops off every day. Only the page's own answer says it was taken down.
// - Anything else (a timeout, a 500, an unreadable page) is tried again at the next scheduled time.
//
// The first re-check of an article stored from a feed's text, a paste or a file records the page as it reads
// then: a feed's summary or a pasted copy is another view of the story, not an earlier version of the page, so
// only an article whose stored text came from the page itself (a page fetch or a re-check) is compared with it.

export type RecheckOutcome =
  | { articleId: number; status: "unchanged" | "not_modified" | "baseline" }
  | { articleId: number; status: "updated"; version: number }
  | { articleId: number; status: "gone"; httpStatus: number }
  | { articleId: number; status: "failed"; reason: string };

type DueArticle = {
  id: number;
  url: string;
  title: string;
  published_at: Date;
  fetched_at: Date;
  source_name: string;
  language: string;
  recheck_hours: number | null;
  recheck_etag: string | null;
  recheck_last_modified: string | null;
  recheck_hash: string | null;
  fingerprint: string;
  current_seen_by: VersionSeenBy;
  current_images: string[] | null;
};

/**
 * Claims up to `limit` articles due for a re-check (a lease: other workers skip them) and returns them. Due:
 * with an address, not gone, its source not opted out, next_check_at passed, or never checked and first seen
 * over an hour ago.
 */
export async function claimDueArticles(
  options: { limit?: number; now?: Date; articleIds?: number[] } = {},
): Promise<DueArticle[]> {
  const now = options.now ?? new Date();
  const lease = new Date(now.getTime() + RECHECK_LEASE_MS);
  const hourAgo = new Date(now.getTime() - 3_600_000);
  const only = options.articleIds ? Prisma.sql`AND a.id = ANY(${options.articleIds}::int[])` : Prisma.empty;
  return db.$queryRaw<DueArticle[]>`
    WITH due AS (
      SELECT a.id FROM articles a JOIN sources s ON s.id = a.source_id
       WHERE a.url IS NOT NULL AND a.gone_at IS NULL AND a.complete AND s.recheck_hours IS DISTINCT FROM 0
         AND (a.next_check_at <= ${now} OR (a.next_check_at IS NULL AND a.fetched_at <= ${hourAgo})) ${only}
       ORDER BY a.next_check_at NULLS FIRST, a.id DESC
       LIMIT ${options.limit ?? RECHECK_BATCH}
       FOR UPDATE OF a SKIP LOCKED
    ), claimed AS (
      UPDATE articles a SET next_check_at = ${lease} FROM due WHERE a.id = due.id
      RETURNING a.id, a.url, a.title, a.published_at, a.fetched_at, a.source_id, a.language, a.recheck_etag,
                a.recheck_last_modified, a.recheck_hash, a.fingerprint, a.version_count
    )
    SELECT c.id, c.url, c.title, c.published_at, c.fetched_at, s.name AS source_name, c.language, s.recheck_hours,
           c.recheck_etag, c.recheck_last_modified, c.recheck_hash, c.fingerprint,
           v.seen_by AS current_seen_by, v.image_hashes AS current_images
      FROM claimed c JOIN sources s ON s.id = c.source_id
      JOIN article_versions v ON v.article_id = c.id AND v.version = c.version_count`;
}

/** The page's fingerprint and photos in one hash: what the next re-check compares with. */
function pageHash(fingerprint: string, images: string[] | null): string {
  return createHash("sha256")
    .update(`${fingerprint}\n${(images ?? []).join(",")}`)
    .digest("hex");
}

async function finishCheck(
  article: DueArticle,
  now: Date,
  fields: { etag?: string | null; lastModified?: string | null; hash?: string; seen?: boolean; gone?: boolean },
): Promise<void> {
  const next = fields.gone
    ? null
    : nextRecheckAt({ publishedAt: article.published_at, fetchedAt: article.fetched_at }, now, article.recheck_hours);
  await db.$executeRaw`
    UPDATE articles SET last_checked_at = ${now}, next_check_at = ${next},
           recheck_etag = CASE WHEN ${fields.etag !== undefined} THEN ${fields.etag ?? null} ELSE recheck_etag END,
           recheck_last_modified = CASE WHEN ${fields.lastModified !== undefined} THEN ${fields.lastModified ?? null} ELSE recheck_last_modified END,
           recheck_hash = coalesce(${fields.hash ?? null}, recheck_hash),
           last_seen_at = CASE WHEN ${fields.seen === true} THEN ${now} ELSE last_seen_at END,
           gone_at = CASE WHEN ${fields.gone === true} THEN coalesce(gone_at, ${now}) ELSE gone_at END
     WHERE id = ${article.id}`;
}

/** A change of photos alone: a version with the same title and text and the new photos. */
async function storeImageVersion(articleId: number, images: string[]): Promise<number> {
  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ version_count: number }[]>`
      UPDATE articles SET version_count = version_count + 1, edited_at = now(), last_seen_at = now(), updated_at = now()
       WHERE id = ${articleId} RETURNING version_count`;
    await tx.$executeRaw`
      INSERT INTO article_versions (article_id, version, title, body_text, body_html, image_hashes, content_hash, seen_by)
      SELECT id, version_count, title, body_text, body_html, ${images}::text[], fingerprint, 'RECHECK'::"VersionSeenBy"
        FROM articles WHERE id = ${articleId}`;
    return row.version_count;
  });
}

/** Re-reads one claimed article's page and records what it found. Never throws for the page's faults. */
export async function recheckArticle(article: DueArticle, now = new Date()): Promise<RecheckOutcome> {
  const id = article.id;
  let page;
  try {
    page = await safeFetch(article.url, {
      maxBytes: MAX_PAGE_BYTES,
      timeoutMs: 20_000,
      headers: {
        ...(article.recheck_etag ? { "If-None-Match": article.recheck_etag } : {}),
        ...(article.recheck_last_modified ? { "If-Modified-Since": article.recheck_last_modified } : {}),
      },
    });
  } catch (error) {
    if (error instanceof FetchError && (error.status === 404 || error.status === 410)) {
      await finishCheck(article, now, { gone: true });
      return { articleId: id, status: "gone", httpStatus: error.status };
    }
    await finishCheck(article, now, {});
    return { articleId: id, status: "failed", reason: error instanceof Error ? error.message : String(error) };
  }
  if (page.notModified) {
    await finishCheck(article, now, { seen: true });
    return { articleId: id, status: "not_modified" };
  }
  const validators = { etag: page.headers.get("etag"), lastModified: page.headers.get("last-modified") };
  let extracted;
  try {
    extracted = extractFromBytes(page.bytes, { url: page.url, contentType: page.contentType });
  } catch (error) {
    await finishCheck(article, now, {});
    return { articleId: id, status: "failed", reason: error instanceof Error ? error.message : String(error) };
  }
  const fingerprint = fingerprintArticle({ title: extracted.title, body: extracted.text });
  const images = imageHashes(extracted.html);
  const hash = pageHash(fingerprint, images);
  const sameView = article.current_seen_by === VersionSeenBy.PAGE || article.current_seen_by === VersionSeenBy.RECHECK;
  const baseline = article.recheck_hash ?? (sameView ? pageHash(article.fingerprint, article.current_images) : null);
  if (baseline === null || baseline === hash) {
    if (article.current_images === null && fingerprint === article.fingerprint)
      await db.$executeRaw`
        UPDATE article_versions v SET image_hashes = ${images}::text[] FROM articles a
         WHERE a.id = ${id} AND v.article_id = a.id AND v.version = a.version_count AND v.image_hashes IS NULL`;
    await finishCheck(article, now, { ...validators, hash, seen: true });
    return { articleId: id, status: baseline === null ? "baseline" : "unchanged" };
  }
  let outcome: ItemOutcome;
  if (fingerprint === article.fingerprint && imagesChanged(article.current_images, images)) {
    outcome = { index: 0, status: "updated", articleId: id, version: await storeImageVersion(id, images!) };
  } else {
    [outcome] = await storeArticles(
      [
        {
          title: extracted.title,
          body: extracted.text,
          bodyHtml: extracted.html,
          byline: extracted.byline,
          language: article.language,
          // The article's own address and date: the store finds it by its canonical URL, whatever redirects did.
          url: article.url,
          publishedAt: article.published_at,
          source: article.source_name,
          location: article.url,
        },
      ],
      { seenBy: VersionSeenBy.RECHECK },
    );
  }
  await finishCheck(article, now, { ...validators, hash, seen: true });
  if (outcome.status === "updated") return { articleId: id, status: "updated", version: outcome.version! };
  if (outcome.status === "failed") return { articleId: id, status: "failed", reason: outcome.error ?? "not stored" };
  return { articleId: id, status: "unchanged" };
}

const lastRequestAt = new Map<string, number>();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until this host may be asked again (one request per RECHECK_HOST_INTERVAL_MS from this process). */
async function politeTurn(url: string): Promise<void> {
  const host = new URL(url).host;
  const wait = (lastRequestAt.get(host) ?? 0) + RECHECK_HOST_INTERVAL_MS - Date.now();
  if (wait > 0) await sleep(wait);
  lastRequestAt.set(host, Date.now());
}

/**
 * One round: claims the due articles (all due, or those of `articleIds` that are due) and re-checks them one by
 * one, spacing requests to each host.
 */
export async function recheckDueArticles(
  options: { limit?: number; articleIds?: number[] } = {},
): Promise<RecheckOutcome[]> {
  const clock = () => new Date();
  const due = await claimDueArticles({ ...options, now: clock() });
  const outcomes: RecheckOutcome[] = [];
  for (const article of due) {
    await politeTurn(article.url);
    outcomes.push(await recheckArticle(article, clock()));
  }
  return outcomes;
}
