import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/data/audit";
import { listSourceChoices } from "@/lib/data/ingest";
import { AppError } from "@/lib/errors";
import { formatBytes, formatPublished } from "@/lib/format";
import { IngestKind, VersionSeenBy } from "@/lib/generated/prisma/enums";
import { FetchError, safeFetch } from "@/lib/ingest/fetch/safe-fetch";
import { extractFromBytesIsolated } from "@/lib/ingest/isolated-parse";
import { ExtractionError, MAX_PAGE_BYTES, type ExtractedArticle } from "@/lib/ingest/page/extract";
import { guessSourceName } from "@/lib/ingest/page/guess-source";
import { finishIngestRun, recordIngestErrors, startIngestRun } from "@/lib/ingest/runs";
import { storeArticles, type ItemStatus } from "@/lib/ingest/store";
import { authorize, type Actor } from "@/lib/data/actor";

// An article page an analyst points at: fetched with the outbound safety rules, extracted, shown, and on
// "Save" fetched again and stored. The second fetch is deliberate: the browser's copy of the preview
// could be anything, and the stored HTML must be the sanitized extraction, not what a client sends back.

const FETCH_TIMEOUT_MS = 15_000;
const PREVIEW_PARAGRAPHS = 3;

export type PagePreview = {
  /** The address after redirects: the one stored. */
  url: string;
  title: string;
  byline: string | null;
  /** ISO time, and how the app will show it to this analyst. */
  published: string | null;
  publishedLabel: string | null;
  language: string | null;
  siteName: string | null;
  paragraphs: string[];
  paragraphCount: number;
  source: { name: string; known: boolean };
  /** Every registered source, for the analyst to pick another. */
  sources: string[];
  warnings: string[];
};

export type PageSaveResult = { runId: number; articleId: number | null; status: ItemStatus; message: string };

/** An outbound fetch or extraction that failed, with a reason fit for the analyst. */
export class PageFetchError extends AppError {
  override readonly status = 422;
}

export async function previewPage(url: string, viewer: { timeZone: string }): Promise<PagePreview> {
  const [page, sources] = await Promise.all([fetchArticle(url), listSourceChoices()]);
  const { article } = page;
  const paragraphs = article.text.split("\n").filter((line) => line.trim() !== "");
  const warnings = [];
  if (!article.published) warnings.push("The page gives no publication time: the time of saving will be used.");
  if (page.url !== url) warnings.push(`The address redirected to ${page.url}; that address is stored.`);
  return {
    url: page.url,
    title: article.title,
    byline: article.byline,
    published: article.published?.toISOString() ?? null,
    publishedLabel: article.published ? formatPublished(article.published, viewer.timeZone).label : null,
    language: article.language,
    siteName: article.siteName,
    paragraphs: paragraphs.slice(0, PREVIEW_PARAGRAPHS),
    paragraphCount: paragraphs.length,
    source: guessSourceName(page.url, article.siteName, sources),
    sources: sources.map((source) => source.name),
    warnings,
  };
}

/** Fetches and stores the page as one PAGE run; a failed fetch is recorded on the run before it is reported. */
export async function savePage(input: { url: string; source: string }, actor: Actor): Promise<PageSaveResult> {
  authorize(actor, "ingest:create");
  const run = await startIngestRun({ kind: IngestKind.PAGE, label: input.url, triggeredById: actor.id, total: 1 });
  let page;
  try {
    page = await fetchArticle(input.url);
  } catch (error) {
    const reason = error instanceof PageFetchError ? error.message : "The page could not be fetched.";
    await recordIngestErrors(run.id, [{ location: input.url, reason }]);
    await finishIngestRun(run.id, { fetched: 0, message: reason });
    throw error;
  }
  const { article } = page;
  const [outcome] = await storeArticles(
    [
      {
        title: article.title,
        body: article.text,
        bodyHtml: article.html,
        byline: article.byline,
        language: article.language ?? undefined,
        publishedAt: article.published ?? new Date(),
        source: input.source,
        url: page.url,
        complete: true,
        location: page.url,
      },
    ],
    { runId: run.id, seenBy: VersionSeenBy.PAGE },
  );
  await finishIngestRun(run.id, { fetched: 1 });
  await recordAudit(db, {
    actorId: actor.id,
    action: "ingest.page",
    targetType: "IngestRun",
    targetId: run.id,
    meta: { url: page.url, source: input.source, status: outcome.status },
    ip: actor.ip ?? null,
  });
  return {
    runId: run.id,
    articleId: outcome.articleId ?? null,
    status: outcome.status,
    message: describePageOutcome(outcome.status, outcome.error),
  };
}

export function describePageOutcome(status: ItemStatus, error?: string): string {
  switch (status) {
    case "created":
      return "Saved: 1 new article.";
    case "completed":
      return "Saved: the page completed an article that was only a teaser.";
    case "duplicate":
      return "Nothing new: this article is already stored.";
    case "updated":
      return "Saved: the page is a changed version of a stored article; its history shows both.";
    case "near_duplicate":
      return "Nothing new: a near copy of this article is already stored; this page is linked to it as “also published by”.";
    case "failed":
      return `The article could not be stored: ${error ?? "unknown reason"}.`;
  }
}

/** What the analyst reads when a fetch fails: what happened, in words, with the technical detail after. */
export function describeFetchError(error: FetchError): string {
  switch (error.code) {
    case "blocked_address":
      return `Blocked: the address is private, local or reserved (${error.message}) Presswatch fetches only public sites.`;
    case "timeout":
      return `The site did not answer within ${FETCH_TIMEOUT_MS / 1000} seconds. Try again later.`;
    case "too_large":
      return `The page is too large: over ${formatBytes(MAX_PAGE_BYTES)}.`;
    case "too_many_redirects":
      return `The address redirects too many times. ${error.message}`;
    case "bad_status":
      return `The site answered HTTP ${error.status ?? "error"}${error.status === 404 ? " (not found)" : ""}.`;
    case "bad_url":
      return error.message;
    case "network":
      return `Could not reach the site. ${error.message}`;
  }
}

async function fetchArticle(url: string): Promise<{ url: string; article: ExtractedArticle }> {
  try {
    const response = await safeFetch(url, { maxBytes: MAX_PAGE_BYTES, timeoutMs: FETCH_TIMEOUT_MS });
    const article = await extractFromBytesIsolated(response.bytes, {
      url: response.url,
      contentType: response.contentType,
    });
    if (!article.title) throw new ExtractionError("The page has no title.");
    return { url: response.url, article };
  } catch (error) {
    if (error instanceof FetchError) throw new PageFetchError(describeFetchError(error));
    if (error instanceof ExtractionError) throw new PageFetchError(error.message);
    throw error;
  }
}
