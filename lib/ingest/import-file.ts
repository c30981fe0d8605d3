import "server-only";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { db } from "@/lib/db";
import { IngestKind } from "@/lib/generated/prisma/enums";
import { openArticleFile, UNKNOWN_FORMAT } from "@/lib/ingest/files/open-article-file";
import {
  finishIngestRun,
  recordIngestErrors,
  startIngestRun,
  updateIngestRunProgress,
  type IngestDb,
  type IngestErrorInput,
} from "@/lib/ingest/runs";
import { prepareArticles, storeArticles, type IngestItem } from "@/lib/ingest/store";

// An article file (JSON Lines, CSV or a saved aggregator page) streamed into the database: records are validated one by one, the
// good ones stored in chunks while the next chunk is read, the bad ones reported with their line number.
// Importing the same file again finds every story already there and adds nothing.

export type ImportProgress = { records: number; bytes: number; created: number; duplicates: number; failed: number };
export type ImportResult = { runId: number; created: number; duplicates: number; failed: number };
export type ImportOptions = {
  fileName: string;
  triggeredById?: number | null;
  onProgress?: (progress: ImportProgress) => void;
  /** Notes on a saved page's articles that do not stop them (a year assumed, lines not read). */
  onWarning?: (message: string) => void;
  db?: IngestDb;
};

/** The file could not be read (unknown format, broken stream). The run is recorded as failed before this is thrown. */
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
  const counts = { fetched: 0, created: 0, duplicates: 0, failed: 0 };
  const errors: IngestErrorInput[] = [];
  let storedErrors = 0;
  let droppedErrors = 0;
  let bytes = 0;

  const report = (error: IngestErrorInput) => {
    counts.failed++;
    if (storedErrors + errors.length < MAX_STORED_ERRORS) errors.push(error);
    else droppedErrors++;
  };
  const saveErrors = async () => {
    const batch = errors.splice(0);
    storedErrors += batch.length;
    await recordIngestErrors(await runId, batch, client);
  };
  const sourceIds = new Map<string, number>();
  let progressSavedAt = 0;
  const store = async (batch: Pending[]) => {
    const outcomes = await storeArticles(
      batch.map((pending) => pending.item),
      { db: client, sourceIds },
    );
    for (const outcome of outcomes) {
      if (outcome.status === "created" || outcome.status === "completed") counts.created++;
      else if (outcome.status === "failed") {
        const { line, item } = batch[outcome.index];
        report({ location: `line ${line}`, reason: outcome.error ?? "could not be stored", excerpt: item.title });
      } else counts.duplicates++;
    }
    await saveErrors();
    // The run's page polls these counts; once a second is enough, and spares the database a write per chunk.
    if (performance.now() - progressSavedAt >= PROGRESS_SAVE_MS) {
      progressSavedAt = performance.now();
      await updateIngestRunProgress(await runId, counts, client);
    }
    options.onProgress?.({
      records: counts.fetched,
      bytes,
      created: counts.created,
      duplicates: counts.duplicates,
      failed: counts.failed,
    });
  };
  const finish = async (message?: string) => {
    await saveErrors();
    const dropped = droppedErrors
      ? `${droppedErrors.toLocaleString("en")} further errors were counted but not listed.`
      : "";
    await finishIngestRun(await runId, counts, [message, dropped].filter(Boolean).join(" ") || null, client);
    return { runId: await runId, created: counts.created, duplicates: counts.duplicates, failed: counts.failed };
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
      throw new ImportFileError(`${options.fileName}: ${UNKNOWN_FORMAT}`, await finish());
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
    return await finish();
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    await lastStore;
    const reason = error instanceof Error ? error.message : String(error);
    report({ location: "file", reason: `the import stopped: ${reason}` });
    throw new ImportFileError(
      `${options.fileName}: ${reason}`,
      await finish(`Stopped after ${counts.fetched.toLocaleString("en")} records: ${reason}`),
    );
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
