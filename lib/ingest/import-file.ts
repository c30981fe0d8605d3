import "server-only";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { db } from "@/lib/db";
import { IngestKind, type IngestStatus } from "@/lib/generated/prisma/enums";
import { openArticleFile, UNKNOWN_FORMAT } from "@/lib/ingest/files/open-article-file";
import {
  finishIngestRun,
  keepRunAlive,
  recordIngestErrors,
  startIngestRun,
  updateIngestRunProgress,
  type IngestDb,
  type IngestErrorInput,
} from "@/lib/ingest/runs";
import { countOutcomes, prepareArticles, storeArticles, type IngestItem } from "@/lib/ingest/store";

// An article file (JSON Lines, CSV or a saved aggregator page) streamed into the database: records are validated one by one, the
// good ones stored in chunks while the next chunk is read, the bad ones reported with their line number.
// Importing the same file again finds every story already there and adds nothing.

export type ImportProgress = { records: number; bytes: number; created: number; duplicates: number; failed: number };
export type ImportResult = {
  runId: number;
  created: number;
  updated: number;
  duplicates: number;
  failed: number;
  /** The run's status; absent when the run could not be finished (the database went away). */
  status?: IngestStatus;
};
export type ImportOptions = {
  fileName: string;
  triggeredById?: number | null;
  onProgress?: (progress: ImportProgress) => void;
  /** Notes on a saved page's articles that do not stop them (a year assumed, lines not read). */
  onWarning?: (message: string) => void;
  db?: IngestDb;
};

/**
 * The import did not finish: the file could not be read (unknown format, empty, broken stream) or the
 * database went away. The run is recorded as failed or interrupted (when it can be) before this is thrown;
 * `result` holds what was stored, which stays stored.
 */
export class ImportFileError extends Error {
  constructor(
    message: string,
    readonly result: ImportResult,
  ) {
    super(message);
    this.name = "ImportFileError";
  }
}

const CHUNK_SIZE = 500;
/** A small first chunk starts the database working early instead of idling while 500 records are parsed. */
const FIRST_CHUNK_SIZE = 50;
/** A file of garbage should not become a million error rows: the rest are counted, not stored. */
const MAX_STORED_ERRORS = 1000;
const YIELD_EVERY = 16;
const MAX_QUEUED_CHUNKS = 2;
const PROGRESS_SAVE_MS = 1000;

type Pending = { line: number; item: IngestItem };

export async function importArticleStream(
  input: NodeJS.ReadableStream | AsyncIterable<Uint8Array | string>,
  options: ImportOptions,
): Promise<ImportResult> {
  const client = options.db ?? db;
  // Not awaited yet: the run is created while the first records are read.
  const runId = startIngestRun(
    { kind: IngestKind.FILE, label: options.fileName, triggeredById: options.triggeredById },
    client,
  ).then((run) => run.id);
  runId.catch(() => {});
  const counts = { fetched: 0, created: 0, updated: 0, duplicates: 0, failed: 0 };
  const errors: IngestErrorInput[] = [];
  let storedErrors = 0;
  let droppedErrors = 0;
  let bytes = 0;

  let unsavedDropped = 0;
  const report = (error: IngestErrorInput) => {
    counts.failed++;
    if (storedErrors + errors.length < MAX_STORED_ERRORS) errors.push(error);
    else {
      droppedErrors++;
      unsavedDropped++;
    }
  };
  // Lines that could not be parsed: listed (up to MAX_STORED_ERRORS) and counted on the run.
  const saveErrors = async () => {
    const batch = errors.splice(0);
    const failures = batch.length + unsavedDropped;
    unsavedDropped = 0;
    storedErrors += batch.length;
    await recordIngestErrors(await runId, batch, client, { failures });
  };
  const sourceIds = new Map<string, number>();
  let progressSavedAt = 0;
  const store = async (batch: Pending[]) => {
    // The store counts the chunk's outcomes (and lists its failures) on the run in the chunk's transaction.
    const outcomes = await storeArticles(
      batch.map((pending) => pending.item),
      { db: client, sourceIds, runId: await runId },
    );
    const stored = countOutcomes(outcomes);
    counts.created += stored.created;
    counts.updated += stored.updated;
    counts.duplicates += stored.duplicates;
    counts.failed += stored.failed;
    await saveErrors();
    // The run's page polls the count read so far; once a second is enough.
    if (performance.now() - progressSavedAt >= PROGRESS_SAVE_MS) {
      progressSavedAt = performance.now();
      await updateIngestRunProgress(await runId, { fetched: counts.fetched }, client);
    }
    options.onProgress?.({
      records: counts.fetched,
      bytes,
      created: counts.created,
      duplicates: counts.duplicates,
      failed: counts.failed,
    });
  };
  const finish = async (message?: string, ended?: "failed" | "interrupted") => {
    await saveErrors();
    const dropped = droppedErrors
      ? `${droppedErrors.toLocaleString("en")} further errors were counted but not listed.`
      : "";
    const run = await finishIngestRun(
      await runId,
      { fetched: counts.fetched, message: [message, dropped].filter(Boolean).join(" ") || null, ended },
      client,
    );
    return {
      runId: run.id,
      created: run.created,
      updated: run.updated,
      duplicates: run.duplicates,
      failed: run.failed,
      status: run.status,
    };
  };

  // Chunks are stored one after another while the reader goes on parsing and fingerprinting the next ones
  // (up to MAX_QUEUED_CHUNKS ahead), so the CPU work and the database's overlap and a slow write stalls nobody.
  let lastStore: Promise<void> = Promise.resolve();
  const queuedStores: Promise<void>[] = [];
  let storeFailure: unknown;
  const queueStore = async (batch: Pending[]) => {
    lastStore = lastStore
      .then(() => (storeFailure ? undefined : store(batch)))
      .catch((error: unknown) => {
        storeFailure ??= error;
      });
    queuedStores.push(lastStore);
    while (queuedStores.length > MAX_QUEUED_CHUNKS) await queuedStores.shift();
    if (storeFailure) throw storeFailure;
  };

  const stopBeating = keepRunAlive(await runId.catch(() => -1), client);
  try {
    const opened = await openArticleFile(
      countBytes(input, (n) => (bytes += n)),
      options.fileName,
      { onWarning: options.onWarning },
    );
    if (opened.format === null) {
      report({
        location: "file",
        reason: UNKNOWN_FORMAT,
        excerpt: new TextDecoder().decode(opened.head.subarray(0, 200)),
      });
      throw new ImportFileError(`${options.fileName}: ${UNKNOWN_FORMAT}`, await finish(undefined, "failed"));
    }
    let batch: Pending[] = [];
    let chunksStarted = 0;
    for await (const result of opened.records) {
      counts.fetched++;
      // Parsing a buffered stretch of input is one long run of microtasks; yielding now and then lets the
      // replies for the chunk being stored through, so the database waits on us less.
      if (counts.fetched % YIELD_EVERY === 0) await yieldToEventLoop();
      if (!result.ok) {
        report({ location: `line ${result.line}`, reason: result.error, excerpt: result.raw });
        continue;
      }
      const { record } = result;
      const item: IngestItem = {
        title: record.title,
        body: record.body,
        publishedAt: record.published,
        source: record.source,
        url: record.url ?? null,
        language: record.language,
        complete: !record.teaser,
      };
      // Done now, while the previous chunk is being written.
      prepareArticles([item]);
      batch.push({ line: result.line, item });
      if (batch.length === (chunksStarted === 0 ? FIRST_CHUNK_SIZE : CHUNK_SIZE)) {
        await queueStore(batch);
        batch = [];
        chunksStarted++;
      }
    }
    await queueStore(batch);
    await lastStore;
    if (storeFailure) throw storeFailure;
    if (counts.fetched === 0) {
      const message = `The file holds no articles: it is empty or has only a header.`;
      throw new ImportFileError(`${options.fileName}: ${message}`, await finish(message, "failed"));
    }
    return await finish();
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    await lastStore;
    const reason = error instanceof Error ? error.message : String(error);
    const message = `Stopped after ${counts.fetched.toLocaleString("en")} records: ${reason}`;
    // With the database gone the run cannot be finished here; it is marked interrupted once its heartbeat stops.
    const result = await finish(message, "interrupted").catch(async () => ({
      runId: await runId.catch(() => -1),
      created: counts.created,
      updated: counts.updated,
      duplicates: counts.duplicates,
      failed: counts.failed,
    }));
    throw new ImportFileError(`${options.fileName}: ${reason}`, result);
  } finally {
    stopBeating();
  }
}

async function* countBytes(
  input: AsyncIterable<Uint8Array | string>,
  count: (bytes: number) => void,
): AsyncGenerator<Uint8Array> {
  for await (const chunk of input) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    count(bytes.byteLength);
    yield bytes;
  }
}
