import "server-only";
import { logger } from "@/lib/log";
import { db } from "@/lib/db";
import { IngestKind, IngestStatus, VersionSeenBy } from "@/lib/generated/prisma/enums";
import { FetchError } from "@/lib/ingest/fetch/safe-fetch";
import {
  addRunCounts,
  finishIngestRun,
  recordIngestErrors,
  startIngestRun,
  type IngestCounts,
} from "@/lib/ingest/runs";
import { countOutcomes, storeArticles } from "@/lib/ingest/store";
import { buildFeedItems } from "./build-items";
import { recordListing } from "./listing";
import { fetchFeed } from "./fetch-feed";
import { FeedParseError } from "./parse";
import { POLL_LEASE_MS, POLL_LEASE_RENEW_MS } from "@/lib/constants";
import { nextPollDelayMs } from "./schedule";

// One poll of one feed source: conditional GET, parse, the item pages where the feed gives only a teaser
// (or the source asks for full text), store, and the bookkeeping an analyst checks to trust the feed:
// a run with its counts and every failed item's reason, and the source's schedule, backed off on errors.
// A lease on the source row (polling_since) keeps two workers, or a "Poll now" during a scheduled poll,
// from polling one source at once; the store's unique keys would keep the articles single anyway. The poll
// renews its lease (and its run's heartbeat) every few seconds, so a poll whose worker died is taken over
// within POLL_LEASE_MS, not after a long fixed lease.

// A poll does not fetch pages forever; pages not reached are fetched by the next poll.
const PAGE_BUDGET_MS = 10 * 60_000;

export type PollOptions = {
  /** "Poll now": poll even when the source is paused or not yet due. Never while another poll holds it. */
  force?: boolean;
  triggeredById?: number | null;
};

export type PollCounts = Required<IngestCounts>;

export type PollResult =
  | { status: "skipped"; sourceId: number; reason: string }
  | ({
      status: "not_modified" | "succeeded" | "partial" | "failed";
      sourceId: number;
      sourceName: string;
      runId: number;
      message: string | null;
      nextPollAt: Date;
      durationMs: number;
    } & PollCounts);

type ClaimedSource = {
  id: number;
  name: string;
  url: string;
  language: string;
  pollIntervalMinutes: number;
  etag: string | null;
  lastModified: string | null;
  consecutiveFailures: number;
  fetchFullText: boolean;
  /** The canonical addresses listed at the last full poll (listing.ts). */
  listingUrls: string[] | null;
};

export async function pollSource(sourceId: number, options: PollOptions = {}): Promise<PollResult> {
  const startedAt = Date.now();
  const source = await claimSource(sourceId, options.force ?? false);
  if (!source) return { status: "skipped", sourceId, reason: await explainSkip(sourceId) };

  let runId: number | undefined;
  const stopRenewing = renewLease(sourceId, () => runId);
  try {
    runId = (
      await startIngestRun({
        kind: IngestKind.FEED,
        sourceId,
        label: source.url,
        triggeredById: options.triggeredById ?? null,
      })
    ).id;
    const fetched = await fetchFeed(source.url, { etag: source.etag, lastModified: source.lastModified });
    const base = { sourceId, sourceName: source.name, runId };
    if (fetched.notModified) {
      const counts = { fetched: 0, created: 0, updated: 0, duplicates: 0, failed: 0 };
      const message = "Not modified since the last poll (HTTP 304).";
      await finishIngestRun(runId, { fetched: 0, message });
      const nextPollAt = await recordSuccess(source, null);
      return { status: "not_modified", ...base, ...counts, message, nextPollAt, durationMs: Date.now() - startedAt };
    }

    const built = await buildFeedItems(source, fetched.feed.items, startedAt + PAGE_BUDGET_MS);
    await recordIngestErrors(runId, built.errors, db, { failures: built.counts.failed });
    if (built.counts.duplicates) await addRunCounts(db, runId, { duplicates: built.counts.duplicates });
    const outcomes = await storeArticles(built.items, { runId, seenBy: VersionSeenBy.FEED });
    const counts = { ...built.counts, fetched: fetched.feed.items.length };
    const stored = countOutcomes(outcomes);
    counts.created += stored.created;
    counts.updated += stored.updated;
    counts.duplicates += stored.duplicates;
    counts.failed += stored.failed;
    const gone = await recordListing(sourceId, source.listingUrls ?? [], fetched.feed.items);
    const notes = gone
      ? [
          ...built.notes,
          `${gone} earlier item${gone === 1 ? "" : "s"} left the feed while older ones stayed: marked gone at source.`,
        ]
      : built.notes;
    const message = notes.length ? notes.join(" ") : null;
    const run = await finishIngestRun(runId, { fetched: counts.fetched, message });
    const nextPollAt = await recordSuccess(source, { etag: fetched.etag, lastModified: fetched.lastModified });
    const status =
      run.status === IngestStatus.SUCCEEDED ? "succeeded" : run.status === IngestStatus.PARTIAL ? "partial" : "failed";
    return { status, ...base, ...counts, message, nextPollAt, durationMs: Date.now() - startedAt };
  } catch (error) {
    const expected = error instanceof FetchError || error instanceof FeedParseError;
    const message = expected
      ? error.message
      : `Unexpected error: ${error instanceof Error ? error.message : String(error)}`;
    if (runId !== undefined) await failRun(runId, message);
    const nextPollAt = await recordFailure(source, message);
    // A bug or a database failure must reach the job queue and the logs, not only the run's message.
    if (!expected) throw error;
    return {
      status: "failed",
      sourceId,
      sourceName: source.name,
      runId: runId!,
      fetched: 0,
      created: 0,
      updated: 0,
      duplicates: 0,
      failed: 0,
      message,
      nextPollAt,
      durationMs: Date.now() - startedAt,
    };
  } finally {
    stopRenewing();
  }
}

/** Renews the source's lease and the run's heartbeat while the poll works; returns the function that stops it. */
function renewLease(sourceId: number, runId: () => number | undefined): () => void {
  const timer = setInterval(() => {
    const run = runId();
    Promise.all([
      db.source.updateMany({
        where: { id: sourceId, pollingSince: { not: null } },
        data: { pollingSince: new Date() },
      }),
      run === undefined
        ? null
        : db.ingestRun.updateMany({ where: { id: run, status: "RUNNING" }, data: { heartbeatAt: new Date() } }),
    ]).catch((error: unknown) => logger.error({ err: error, sourceId }, "feed poll: renewing its lease failed"));
  }, POLL_LEASE_RENEW_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/** Takes the source's lease in one statement, so of two workers racing for it exactly one wins. */
async function claimSource(sourceId: number, force: boolean): Promise<ClaimedSource | null> {
  const rows = await db.$queryRaw<ClaimedSource[]>`
    UPDATE sources SET polling_since = now()
     WHERE id = ${sourceId} AND kind = 'FEED' AND url IS NOT NULL
       AND (polling_since IS NULL OR polling_since < now() - make_interval(secs => ${POLL_LEASE_MS / 1000}::float8))
       AND (${force}::boolean OR (active AND (next_poll_at IS NULL OR next_poll_at <= now())))
    RETURNING id, name, url, language, poll_interval_minutes AS "pollIntervalMinutes", etag,
              last_modified AS "lastModified", consecutive_failures AS "consecutiveFailures",
              fetch_full_text AS "fetchFullText", listing_urls AS "listingUrls"`;
  return rows[0] ?? null;
}

async function explainSkip(sourceId: number): Promise<string> {
  const source = await db.source.findUnique({
    where: { id: sourceId },
    select: { kind: true, url: true, active: true, nextPollAt: true, pollingSince: true },
  });
  if (!source) return "the source no longer exists";
  if (source.kind !== "FEED" || !source.url) return "the source has no feed to poll";
  if (source.pollingSince && source.pollingSince.getTime() > Date.now() - POLL_LEASE_MS) {
    return `another poll is running (it renewed its lease at ${source.pollingSince.toISOString()})`;
  }
  if (!source.active) return "the source is paused";
  return source.nextPollAt
    ? `the source is not due until ${source.nextPollAt.toISOString()}`
    : "another poll just took it";
}

async function failRun(runId: number, message: string): Promise<void> {
  // Articles stored before the failure stay counted on the run: it stopped part-way.
  await finishIngestRun(runId, { message, ended: "interrupted" });
}

/** Releases the lease and schedules the next poll; `validators` null keeps the stored ones (after a 304). */
async function recordSuccess(
  source: ClaimedSource,
  validators: { etag: string | null; lastModified: string | null } | null,
): Promise<Date> {
  const now = new Date();
  const nextPollAt = new Date(now.getTime() + nextPollDelayMs(source.pollIntervalMinutes, 0));
  await db.source.update({
    where: { id: source.id },
    data: {
      ...(validators ?? {}),
      lastPolledAt: now,
      consecutiveFailures: 0,
      lastError: null,
      nextPollAt,
      pollingSince: null,
    },
  });
  return nextPollAt;
}

async function recordFailure(source: ClaimedSource, message: string): Promise<Date> {
  const now = new Date();
  const failures = source.consecutiveFailures + 1;
  const nextPollAt = new Date(now.getTime() + nextPollDelayMs(source.pollIntervalMinutes, failures));
  await db.source.update({
    where: { id: source.id },
    data: {
      lastPolledAt: now,
      consecutiveFailures: failures,
      lastError: message.slice(0, 2000),
      nextPollAt,
      pollingSince: null,
    },
  });
  return nextPollAt;
}
