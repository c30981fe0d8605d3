import { createReadStream } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import pgCopyStreams from "pg-copy-streams";
import { DEFAULT_ARTICLES_FILE } from "@/lib/ingest/seed";
import { createScratchDatabase, dropDatabase, resolveTestServerUrl } from "@/lib/db/database-url";
import { migrate } from "@/lib/db/migrate";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { importArticleStream, type ImportResult } from "@/lib/ingest/import-file";
import type { BenchOptions } from "./types";

// Bulk import of a JSONL file into an empty database (validation, fingerprints, SimHash, dedup, batched
// INSERT) against PostgreSQL's own COPY of the very rows the import stored, into the same table with the
// same indexes in another empty database. COPY computes nothing, so the ratio is what our work costs.
// Import and COPY rounds alternate and the best of each counts: on a shared machine another process's
// burst slows one round, not the comparison.

const ROUNDS = 3;
const ARTICLE_COLUMNS =
  "source_id, url, canonical_url, title, byline, body_text, body_html, excerpt, language, published_at, fingerprint, simhash, complete";

export type Loaded = { sources: Buffer[]; articles: Buffer[] };

export async function benchIngest(options: BenchOptions): Promise<void> {
  const log = options.log ?? (() => {});
  const file = path.resolve(options.file ?? DEFAULT_ARTICLES_FILE);
  const rounds = options.small ? 1 : ROUNDS;
  const serverUrl = await resolveTestServerUrl(log);
  const importSeconds: number[] = [];
  const copySeconds: number[] = [];
  let imported: ImportResult | undefined;
  let loaded: Loaded | undefined;
  let copiedRows = 0;
  for (let round = 1; round <= rounds; round++) {
    log(`ingest: round ${round}/${rounds}: importing ${file} ...`);
    await withScratchDatabase(serverUrl, async (url) => {
      const timed = await timeImport(url, file);
      importSeconds.push(timed.seconds);
      imported = timed.result;
      // Every round stores the same rows; the first round's are the ones COPY loads.
      loaded ??= await readRows(url);
    });
    await withScratchDatabase(serverUrl, async (url) => {
      const timed = await timeCopy(url, loaded!);
      copySeconds.push(timed.seconds);
      copiedRows = timed.rows;
    });
    log(
      `ingest: round ${round}: import ${importSeconds.at(-1)!.toFixed(2)} s, COPY ${copySeconds.at(-1)!.toFixed(2)} s`,
    );
  }
  const result = imported!;
  const records = result.created + result.duplicates + result.failed;
  const importRate = records / Math.min(...importSeconds);
  const copyRate = copiedRows / Math.min(...copySeconds);
  options.emit({
    bench: "ingest.import_per_s",
    value: round(importRate),
    unit: "articles/s",
    n: records,
    created: result.created,
    duplicates: result.duplicates,
    failed: result.failed,
    seconds: importSeconds.map((s) => round(s, 2)),
  });
  options.emit({
    bench: "ingest.copy_per_s",
    value: round(copyRate),
    unit: "articles/s",
    n: copiedRows,
    seconds: copySeconds.map((s) => round(s, 2)),
  });
  options.emit({
    bench: "ingest.ratio_vs_copy",
    value: round(importRate / copyRate, 3),
    unit: "ratio",
    n: records,
    rounds,
  });
}

export async function withScratchDatabase(serverUrl: string, work: (url: string) => Promise<void>): Promise<void> {
  const url = await createScratchDatabase(serverUrl, "presswatch_bench");
  try {
    await migrate(url);
    await work(url);
  } finally {
    await dropDatabase(url);
  }
}

export async function timeImport(url: string, file: string): Promise<{ result: ImportResult; seconds: number }> {
  const client = new PrismaClient({
    // As lib/db.ts connects the app.
    adapter: new PrismaPg({ connectionString: url, options: "-c jit=off" }),
    omit: { user: { passwordHash: true } },
  });
  try {
    // Connected before the clock starts, as the COPY side is.
    await client.$queryRaw`SELECT 1`;
    const raw = createReadStream(file);
    const input = file.endsWith(".gz") ? raw.pipe(createGunzip()) : raw;
    raw.on("error", (error) => input.destroy(error));
    const started = performance.now();
    const result = await importArticleStream(input, { fileName: path.basename(file).replace(/\.gz$/, ""), db: client });
    return { result, seconds: (performance.now() - started) / 1000 };
  } finally {
    await client.$disconnect();
  }
}

/** The sources and articles the import stored, in COPY's text format. */
export async function readRows(url: string): Promise<Loaded> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const readAll = async (sql: string) => {
      const chunks: Buffer[] = [];
      for await (const chunk of client.query(pgCopyStreams.to(sql))) chunks.push(chunk as Buffer);
      return chunks;
    };
    return {
      sources: await readAll("COPY sources TO STDOUT"),
      articles: await readAll(`COPY (SELECT ${ARTICLE_COLUMNS} FROM articles ORDER BY id) TO STDOUT`),
    };
  } finally {
    await client.end();
  }
}

/** Sources untimed, then the timed COPY ... FROM STDIN of the articles, from memory. */
export async function timeCopy(url: string, loaded: Loaded): Promise<{ rows: number; seconds: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await pipeline(Readable.from(loaded.sources), client.query(pgCopyStreams.from("COPY sources FROM STDIN")));
    const started = performance.now();
    const sink = client.query(pgCopyStreams.from(`COPY articles (${ARTICLE_COLUMNS}) FROM STDIN`));
    await pipeline(Readable.from(loaded.articles), sink);
    return { rows: sink.rowCount, seconds: (performance.now() - started) / 1000 };
  } finally {
    await client.end();
  }
}

function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
