import { createReadStream } from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import pgCopyStreams from "pg-copy-streams";
import { DEFAULT_ARTICLES_FILE } from "@/lib/data/seed";
import { createScratchDatabase, dropDatabase, resolveTestServerUrl } from "@/lib/db/database-url";
import { migrate } from "@/lib/db/migrate";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { importArticleStream } from "@/lib/ingest/import-file";
import type { BenchOptions } from "./types";

// Bulk import of a JSONL file into an empty database (validation, fingerprints, SimHash, dedup, batched
// INSERT) against PostgreSQL's own COPY of the very rows the import stored, into the same table with the
// same indexes in another empty database. COPY computes nothing, so the ratio is what our work costs.

const ARTICLE_COLUMNS =
  "source_id, url, canonical_url, title, byline, body_text, body_html, excerpt, language, published_at, fingerprint, simhash, complete";

export async function benchIngest(options: BenchOptions): Promise<void> {
  const log = options.log ?? (() => {});
  const file = path.resolve(options.file ?? DEFAULT_ARTICLES_FILE);
  const serverUrl = await resolveTestServerUrl(log);
  const importUrl = await createScratchDatabase(serverUrl, "presswatch_bench");
  let copyUrl: string | undefined;
  try {
    await migrate(importUrl);
    log(`ingest: importing ${file} ...`);
    const client = new PrismaClient({
      adapter: new PrismaPg({ connectionString: importUrl }),
      omit: { user: { passwordHash: true } },
    });
    let imported: Awaited<ReturnType<typeof importArticleStream>>;
    let importSeconds: number;
    try {
      // Connected before the clock starts, as the COPY side is.
      await client.$queryRaw`SELECT 1`;
      const raw = createReadStream(file);
      const input = file.endsWith(".gz") ? raw.pipe(createGunzip()) : raw;
      raw.on("error", (error) => input.destroy(error));
      const started = performance.now();
      imported = await importArticleStream(input, { fileName: path.basename(file).replace(/\.gz$/, ""), db: client });
      importSeconds = (performance.now() - started) / 1000;
    } finally {
      await client.$disconnect();
    }
    const records = imported.created + imported.duplicates + imported.failed;
    const importRate = records / importSeconds;
    options.emit({
      bench: "ingest.import_per_s",
      value: round(importRate),
      unit: "articles/s",
      n: records,
      created: imported.created,
      duplicates: imported.duplicates,
      failed: imported.failed,
      seconds: round(importSeconds),
    });

    copyUrl = await createScratchDatabase(serverUrl, "presswatch_bench");
    await migrate(copyUrl);
    const { rows, seconds: copySeconds } = await copyArticles(importUrl, copyUrl);
    log(`ingest: COPY of the same ${rows} rows took ${copySeconds.toFixed(1)} s`);
    const copyRate = rows / copySeconds;
    options.emit({
      bench: "ingest.copy_per_s",
      value: round(copyRate),
      unit: "articles/s",
      n: rows,
      seconds: round(copySeconds),
    });
    options.emit({ bench: "ingest.ratio_vs_copy", value: round(importRate / copyRate, 3), unit: "ratio", n: records });
  } finally {
    await dropDatabase(importUrl);
    if (copyUrl) await dropDatabase(copyUrl);
  }
}

/** Sources untimed, then the timed COPY ... FROM STDIN of every article row the import stored, from memory. */
async function copyArticles(fromUrl: string, toUrl: string): Promise<{ rows: number; seconds: number }> {
  const from = new pg.Client({ connectionString: fromUrl });
  const to = new pg.Client({ connectionString: toUrl });
  await Promise.all([from.connect(), to.connect()]);
  try {
    const readAll = async (sql: string) => {
      const chunks: Buffer[] = [];
      const stream = from.query(pgCopyStreams.to(sql));
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      return chunks;
    };
    const sources = await readAll("COPY sources TO STDOUT");
    const articles = await readAll(`COPY (SELECT ${ARTICLE_COLUMNS} FROM articles ORDER BY id) TO STDOUT`);
    await pipeline(sources, to.query(pgCopyStreams.from("COPY sources FROM STDIN")));

    const started = performance.now();
    const sink = to.query(pgCopyStreams.from(`COPY articles (${ARTICLE_COLUMNS}) FROM STDIN`));
    await pipeline(articles, sink);
    const seconds = (performance.now() - started) / 1000;
    return { rows: sink.rowCount, seconds };
  } finally {
    await Promise.all([from.end(), to.end()]);
  }
}

function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
