import "server-only";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { PARSE_MEMORY_LIMIT_MB, PARSE_TIME_LIMIT_MS } from "@/lib/constants";
import { FeedParseError, type ParsedFeed } from "@/lib/ingest/feed/parse";
import type { ParseReply, ParseRequest } from "@/lib/ingest/isolated-parse-types";
import { ExtractionError, type ExtractedArticle } from "@/lib/ingest/page/extract";

// Feed parsing and page extraction run in worker threads, never on the thread that serves requests: a 9 MB feed
// of 800,000 attributes took 7 s (44 s on a loaded machine) of synchronous parsing, during which the web server
// answered nothing. Each job runs under a time limit and the thread under a heap limit; a thread that passes
// either is terminated and replaced, and the job fails with a message fit for the admin or analyst.
//
// Threads are kept warm and reused: starting one loads jsdom and the parsers (1-5 s), far more than a parse.

/** Plain JavaScript that loads the TypeScript worker through tsx, resolved from the project root (see Dockerfile). */
// Hidden from the bundler (turbopackIgnore): the thread loads the sources at run time, not a bundled copy.
const WORKER_BOOT = path.join(/* turbopackIgnore: true */ process.cwd(), "lib", "ingest", "parse-worker-boot.mjs");
const POOL_SIZE = 2;
/** A thread that will not even start is a broken install, not a hostile document: fail loudly. */
const START_TIMEOUT_MS = 60_000;

type Job = {
  request: ParseRequest;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
};

class ParseThread {
  private readonly worker: Worker;
  readonly ready: Promise<void>;
  private job: Job | null = null;
  private timer: NodeJS.Timeout | null = null;
  dead = false;

  constructor(private readonly onDone: (thread: ParseThread) => void) {
    this.worker = new Worker(/* turbopackIgnore: true */ WORKER_BOOT, {
      execArgv: ["--conditions=react-server"],
      resourceLimits: { maxOldGenerationSizeMb: PARSE_MEMORY_LIMIT_MB, maxYoungGenerationSizeMb: 64 },
      stdout: false,
      stderr: false,
    });
    // An idle thread does not keep a command (npm run extract, a test) alive.
    this.worker.unref();
    this.ready = new Promise((resolve, reject) => {
      const timeout = setTimeout(() => reject(new Error("The parser thread did not start.")), START_TIMEOUT_MS);
      timeout.unref();
      this.worker.once("message", () => {
        clearTimeout(timeout);
        resolve();
      });
      this.worker.once("error", reject);
    });
    this.ready.catch(() => this.kill());
    this.worker.on("message", (reply: ParseReply) => this.settle(reply));
    this.worker.on("error", (error: Error & { code?: string }) =>
      this.fail(
        error.code === "ERR_WORKER_OUT_OF_MEMORY"
          ? `needed more than ${PARSE_MEMORY_LIMIT_MB} MB of memory to read and was stopped`
          : `could not be read: ${error.message}`,
      ),
    );
    this.worker.on("exit", () => this.fail("could not be read: the parser stopped"));
  }

  run(job: Job): void {
    this.job = job;
    this.worker.ref();
    this.timer = setTimeout(
      () => this.fail(`took longer than ${PARSE_TIME_LIMIT_MS / 1000} s to read and was stopped`),
      PARSE_TIME_LIMIT_MS,
    );
    this.worker.postMessage(job.request);
  }

  private settle(reply: ParseReply): void {
    if ("ready" in reply || !this.job) return;
    const job = this.finish();
    if (reply.ok) job.resolve(reply.value);
    else if (reply.kind === "feed") job.reject(new FeedParseError(reply.message, reply.code));
    else if (reply.kind === "extraction") job.reject(new ExtractionError(reply.message));
    else job.reject(new Error(reply.message));
    this.onDone(this);
  }

  /** Ends the job in hand with `reason` and this thread with it (its heap or loop can no longer be trusted). */
  private fail(reason: string): void {
    this.kill();
    // An idle thread that dies is simply not reused; only a job in hand needs an answer.
    if (!this.job) return;
    const job = this.finish();
    job.reject(
      job.request.kind === "feed"
        ? new FeedParseError(`The feed ${reason}.`, "malformed")
        : new ExtractionError(`The page ${reason}.`),
    );
    this.onDone(this);
  }

  private finish(): Job {
    const job = this.job!;
    this.job = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.worker.unref();
    return job;
  }

  kill(): void {
    if (this.dead) return;
    this.dead = true;
    void this.worker.terminate();
  }
}

const idle: ParseThread[] = [];
const queue: Job[] = [];
let busy = 0;

function dispatch(): void {
  while (queue.length > 0 && busy < POOL_SIZE) {
    const job = queue.shift()!;
    busy++;
    let thread = idle.pop();
    while (thread?.dead) thread = idle.pop();
    thread ??= new ParseThread((done) => {
      busy--;
      if (!done.dead) idle.push(done);
      dispatch();
    });
    const chosen = thread;
    chosen.ready.then(
      () => chosen.run(job),
      (error: Error) => {
        busy--;
        job.reject(error);
        dispatch();
      },
    );
  }
}

function runIsolated<T>(request: ParseRequest): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    queue.push({ request, resolve: resolve as (value: unknown) => void, reject });
    dispatch();
  });
}

/** parseFeed in a worker thread, under the time and memory limits; throws FeedParseError as parseFeed does. */
export function parseFeedIsolated(
  bytes: Uint8Array,
  options: { contentType?: string | null; url?: string } = {},
): Promise<ParsedFeed> {
  return runIsolated<ParsedFeed>({ kind: "feed", bytes, options });
}

/** extractFromBytes in a worker thread, under the limits; throws ExtractionError as extractFromBytes does. */
export function extractFromBytesIsolated(
  bytes: Uint8Array,
  options: { url: string; contentType?: string | null },
): Promise<ExtractedArticle> {
  return runIsolated<ExtractedArticle>({ kind: "page", bytes, options });
}
