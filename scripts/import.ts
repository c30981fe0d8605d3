// `npm run import -- FILE`: imports a JSON Lines or CSV article file, or a saved aggregator page (.txt),
// optionally .gz, into the database, migrating it first. Progress goes to stderr; the last line on stdout is
// {"created":N,"duplicates":N,"failed":N}, the counts of what is stored (also after an interruption), with
// "updated":N when some records were new versions of stored articles. Exit code
// 0 when every record was stored or already there, 2 when some records failed (they are listed on the run), 1
// when nothing could be stored (an unreadable, empty or wrongly headed file) or the import stopped part-way.
// `npm run import -- --dry-run FILE` reads the file the same way and prints each article as a line of the
// import schema on stdout, errors on stderr; it stores nothing and needs no database.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { createGunzip } from "node:zlib";
import { resolveDatabaseUrl, stopEmbeddedPostgres } from "@/lib/db/database-url";
import { migrate } from "@/lib/db/migrate";
import { toImportLine } from "@/lib/ingest/files/import-line";
import { openArticleFile, UNKNOWN_FORMAT } from "@/lib/ingest/files/open-article-file";
import type { ImportProgress } from "@/lib/ingest/import-file";
import { setDatabaseUrl } from "@/lib/env";

const USAGE =
  "Usage: npm run import -- [--dry-run] FILE   (JSON Lines .jsonl/.ndjson, CSV with a header row, or a saved aggregator page .txt; .gz accepted)";
const FLAGS = new Set(["--dry-run"]);

function formatMegabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** A bar redrawn in place on a terminal; one line per tenth of the file when stderr is a log. */
function createProgressBar(totalBytes: number) {
  const started = performance.now();
  let lastTenth = -1;
  let lastDraw = 0;
  let drawn = false;
  return {
    update(progress: ImportProgress, bytesRead: number) {
      const fraction = totalBytes > 0 ? Math.min(bytesRead / totalBytes, 1) : 0;
      const seconds = (performance.now() - started) / 1000;
      const rate = seconds > 0 ? Math.round(progress.records / seconds) : 0;
      const text =
        `${String(Math.floor(fraction * 100)).padStart(3)}%  ${formatMegabytes(bytesRead)} / ${formatMegabytes(totalBytes)}  ` +
        `${progress.records.toLocaleString("en")} records, ${rate.toLocaleString("en")}/s  ` +
        `(${progress.created.toLocaleString("en")} new, ${progress.duplicates.toLocaleString("en")} duplicates, ${progress.failed.toLocaleString("en")} failed)`;
      if (process.stderr.isTTY) {
        const now = performance.now();
        if (now - lastDraw < 100 && fraction < 1) return;
        lastDraw = now;
        const width = 24;
        const filled = Math.round(fraction * width);
        process.stderr.write(`\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${text}\x1b[K`);
        drawn = true;
      } else {
        const tenth = Math.floor(fraction * 10);
        if (tenth <= lastTenth) return;
        lastTenth = tenth;
        process.stderr.write(`${text}\n`);
      }
    },
    end() {
      if (drawn) process.stderr.write("\n");
    },
  };
}

function openInput(file: string) {
  const raw = createReadStream(file);
  const gzipped = file.endsWith(".gz");
  const input = gzipped ? raw.pipe(createGunzip()) : raw;
  if (gzipped) raw.on("error", (error) => input.destroy(error));
  return { raw, input, fileName: path.basename(file).replace(/\.gz$/, "") };
}

const warn = (message: string) => console.error(`warning: ${message}`);

async function writeLine(line: string): Promise<void> {
  if (!process.stdout.write(`${line}\n`)) await new Promise((resolve) => process.stdout.once("drain", resolve));
}

/** Prints what the import would store, one import-schema line per article; exit code 1 for an unreadable file. */
async function dryRun(file: string): Promise<void> {
  const { input, fileName } = openInput(file);
  const opened = await openArticleFile(input, fileName, { onWarning: warn });
  if (opened.format === null) throw new Error(`${file}: ${UNKNOWN_FORMAT}`);
  const counts = { articles: 0, teasers: 0, failed: 0 };
  for await (const result of opened.records) {
    if (!result.ok) {
      counts.failed++;
      console.error(`line ${result.line}: ${result.error}`);
      continue;
    }
    counts.articles++;
    if (result.record.teaser) counts.teasers++;
    await writeLine(toImportLine(result.record));
  }
  console.error(
    `Dry run of ${file} (${opened.format}): ${counts.articles} article${counts.articles === 1 ? "" : "s"} ` +
      `(${counts.teasers} teaser${counts.teasers === 1 ? "" : "s"}), ${counts.failed} failed. Nothing was stored.`,
  );
}

async function checkFile(file: string | undefined): Promise<{ file: string; size: number }> {
  if (!file) throw new Error(USAGE);
  const info = await stat(file).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`Cannot read ${file}: ${error.code === "ENOENT" ? "no such file" : error.message}`);
  });
  if (!info.isFile()) throw new Error(`Cannot read ${file}: not a file`);
  return { file, size: info.size };
}

const args = process.argv.slice(2);
const unknownFlag = args.find((arg) => arg.startsWith("-") && !FLAGS.has(arg));
const fileArg = args.find((arg) => !arg.startsWith("-"));

async function importFile(): Promise<void> {
  let counts: { created: number; updated?: number; duplicates: number; failed: number } = {
    created: 0,
    duplicates: 0,
    failed: 0,
  };
  const countsOf = (result: { created: number; updated: number; duplicates: number; failed: number }) => ({
    created: result.created,
    ...(result.updated ? { updated: result.updated } : {}),
    duplicates: result.duplicates,
    failed: result.failed,
  });
  try {
    if (unknownFlag) throw new Error(`Unknown option ${unknownFlag}. ${USAGE}`);
    const { file, size } = await checkFile(fileArg);

    // lib/db reads DATABASE_URL when first used, so everything that imports it comes after this line.
    const databaseUrl = await resolveDatabaseUrl((line) => console.error(line));
    setDatabaseUrl(databaseUrl);
    await migrate(databaseUrl, { log: (line) => console.error(line) });
    const { db } = await import("@/lib/db");
    const { ImportFileError, importArticleStream } = await import("@/lib/ingest/import-file");
    try {
      const { raw, input, fileName } = openInput(file);
      const bar = createProgressBar(size);
      const started = performance.now();
      try {
        const result = await importArticleStream(input, {
          fileName,
          onProgress: (progress) => bar.update(progress, raw.bytesRead),
          onWarning: warn,
        });
        counts = countsOf(result);
        if (result.status === "FAILED") process.exitCode = 1;
        else if (result.failed > 0) process.exitCode = 2;
        bar.end();
        const seconds = (performance.now() - started) / 1000;
        console.error(
          `Imported ${file} in ${seconds.toFixed(1)} s: ${result.created} new, ${result.updated ? `${result.updated} updated, ` : ""}${result.duplicates} duplicates, ${result.failed} failed (ingest run #${result.runId}).`,
        );
      } catch (error) {
        bar.end();
        if (!(error instanceof ImportFileError)) throw error;
        counts = countsOf(error.result);
        console.error(`${error.message} (ingest run #${error.result.runId})`);
        process.exitCode = 1;
      }
    } finally {
      await db.$disconnect();
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  } finally {
    await stopEmbeddedPostgres();
    console.log(JSON.stringify(counts));
  }
}

if (args.includes("--dry-run")) {
  try {
    if (unknownFlag) throw new Error(`Unknown option ${unknownFlag}. ${USAGE}`);
    await dryRun((await checkFile(fileArg)).file);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
} else await importFile();
