import "server-only";
import { logger } from "@/lib/log";
import { formatBytes } from "@/lib/format";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/data/audit";
import { AppError } from "@/lib/errors";
import { IngestStatus } from "@/lib/generated/prisma/enums";
import { detectFileFormat } from "@/lib/ingest/files/read-records";
import { ImportFileError, importArticleStream } from "@/lib/ingest/import-file";
import type { IngestDb } from "@/lib/ingest/runs";

// An article file uploaded from the browser goes straight from the request into the import, chunk by
// chunk: the import pulls, so the upload advances only as fast as articles are stored and the file is
// never held in memory. The browser's upload progress is therefore the import's progress; once the last
// byte is read the caller answers with the run's id and the page polls the run for the final chunks.

/** Too large an upload, or one that broke off; the message is fit for the analyst. */
export class UploadError extends AppError {
  constructor(
    message: string,
    override readonly status: number = 400,
  ) {
    super(message);
  }
}

export type UploadOptions = {
  fileName: string;
  /** The Content-Length the browser announced, to tell a finished upload from one cut short. */
  declaredBytes: number | null;
  maxBytes: number;
  actor: { id: number; ip?: string | null };
};

export type StartedUpload = {
  runId: number;
  bytes: number;
  /** Records the file holds (counted from its lines), when the whole file arrived. */
  expected: number | null;
  /** Settles when the import has stored its last chunk; never rejects (failures are on the run). */
  finished: Promise<void>;
};

const HEAD_BYTES = 4096;

/**
 * Starts importing `body` and resolves once the whole body has been read (or the import gave up on it),
 * with the run's id. The run's `total` is set from the lines read, so the page can show how much of the
 * rest is done.
 */
export async function startFileUpload(
  body: ReadableStream<Uint8Array>,
  options: UploadOptions,
): Promise<StartedUpload> {
  if (options.declaredBytes !== null && options.declaredBytes > options.maxBytes) throw tooLarge(options.maxBytes);
  const upload = new UploadBody(body.getReader(), options.maxBytes, options.declaredBytes);
  let noteRunId!: (id: number) => void;
  const runStarted = new Promise<number>((resolve) => (noteRunId = resolve));

  const importing = importArticleStream(upload.chunks(), {
    fileName: options.fileName,
    triggeredById: options.actor.id,
    db: clientNotingRunId(noteRunId),
  });
  const settled = importing.then(
    (result) => ({ runId: result.runId, error: null }),
    (error: unknown) =>
      error instanceof ImportFileError ? { runId: error.result.runId, error } : { runId: null, error },
  );

  const bodyRead = await Promise.race([
    upload.ended.then(
      () => true,
      () => false,
    ),
    settled.then(() => false),
  ]);
  const runId = await Promise.race([
    runStarted,
    settled.then((outcome) => outcome.runId ?? Promise.reject(outcome.error)),
  ]);
  const expected = bodyRead ? upload.estimateRecords(options.fileName) : null;
  if (expected !== null) await setRunTotal(runId, expected);
  if (!bodyRead && !upload.broken) {
    // The import stopped early (e.g. not an article file): read the rest so the browser gets its answer.
    await upload.drain().catch(() => undefined);
  }
  await recordAudit(db, {
    actorId: options.actor.id,
    action: "ingest.file",
    targetType: "IngestRun",
    targetId: runId,
    meta: { fileName: options.fileName, bytes: upload.bytes },
    ip: options.actor.ip ?? null,
  });
  const finished = settled.then((outcome) => {
    if (outcome.error && !(outcome.error instanceof ImportFileError))
      logger.error({ err: outcome.error, runId }, "file import failed");
  });
  return { runId, bytes: upload.bytes, expected, finished };
}

/**
 * The app's client with one hook: it notes the id of the run the import creates, so the page can follow
 * the run before the import returns. (An extended client differs from PrismaClient only in its generic
 * types, hence the cast.)
 */
function clientNotingRunId(noteRunId: (id: number) => void): IngestDb {
  const client = db.$extends({
    query: {
      ingestRun: {
        async create({ args, query }) {
          const run = await query(args);
          if (typeof run.id === "number") noteRunId(run.id);
          return run;
        },
      },
    },
  });
  return client as unknown as IngestDb;
}

/** Only while the run is going: a finished run's counts are final and need no estimate. */
async function setRunTotal(runId: number, total: number): Promise<void> {
  await db.ingestRun.updateMany({ where: { id: runId, status: IngestStatus.RUNNING }, data: { total } });
}

function tooLarge(maxBytes: number): UploadError {
  return new UploadError(`The file is larger than ${formatBytes(maxBytes)}; split it and upload the parts.`, 413);
}

const NEWLINE = 0x0a;
const BLANK = new Set([0x20, 0x09, 0x0d]);

/** The request body, read on demand: counts bytes and non-blank lines, enforces the size cap, notices a cut-off upload. */
class UploadBody {
  bytes = 0;
  broken = false;
  readonly ended: Promise<void>;
  private lines = 0;
  private lineHasText = false;
  private head: Uint8Array[] = [];
  private headBytes = 0;
  private settle!: { resolve: () => void; reject: (error: unknown) => void };

  constructor(
    private readonly reader: ReadableStreamDefaultReader<Uint8Array>,
    private readonly maxBytes: number,
    private readonly declaredBytes: number | null,
  ) {
    this.ended = new Promise<void>((resolve, reject) => (this.settle = { resolve, reject }));
    this.ended.catch(() => undefined);
  }

  async *chunks(): AsyncGenerator<Uint8Array> {
    for (let chunk = await this.read(); chunk; chunk = await this.read()) yield chunk;
  }

  async drain(): Promise<void> {
    while (await this.read());
  }

  /**
   * Records expected: one per non-blank line, less the header row of a CSV file. Null for a saved page,
   * whose articles span many lines each and are only known once it is parsed.
   */
  estimateRecords(fileName: string): number | null {
    const lines = this.lines + (this.lineHasText ? 1 : 0);
    const format = detectFileFormat(fileName, Buffer.concat(this.head));
    if (format === "page") return null;
    return Math.max(0, lines - (format === "csv" ? 1 : 0));
  }

  private async read(): Promise<Uint8Array | null> {
    try {
      const { done, value } = await this.reader.read();
      if (done) {
        if (this.declaredBytes !== null && this.bytes < this.declaredBytes) {
          throw new UploadError(
            `The upload broke off after ${this.bytes.toLocaleString("en")} of ${this.declaredBytes.toLocaleString("en")} bytes.`,
          );
        }
        this.settle.resolve();
        return null;
      }
      this.bytes += value.byteLength;
      if (this.bytes > this.maxBytes) {
        await this.reader.cancel().catch(() => undefined);
        throw tooLarge(this.maxBytes);
      }
      this.count(value);
      return value;
    } catch (error) {
      this.broken = true;
      this.settle.reject(error);
      throw error instanceof UploadError
        ? error
        : new UploadError("The upload broke off before the whole file arrived.");
    }
  }

  private count(chunk: Uint8Array): void {
    if (this.headBytes < HEAD_BYTES) {
      this.head.push(chunk.subarray(0, HEAD_BYTES - this.headBytes));
      this.headBytes += Math.min(chunk.byteLength, HEAD_BYTES - this.headBytes);
    }
    for (let i = 0; i < chunk.byteLength; i++) {
      const byte = chunk[i];
      if (byte === NEWLINE) {
        if (this.lineHasText) this.lines += 1;
        this.lineHasText = false;
      } else if (!this.lineHasText && !BLANK.has(byte)) {
        this.lineHasText = true;
      }
    }
  }
}
