import { createReadStream } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { createGunzip } from "node:zlib";
import { PrismaPg } from "@prisma/adapter-pg";
import { resolveTestServerUrl } from "@/lib/db/database-url";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { DEFAULT_ARTICLES_FILE } from "@/lib/ingest/seed";
import { matchQueuedArticles, type MatchRun } from "@/lib/data/watch-outbox";
import { readRows, timeCopy, timeImport, withScratchDatabase, type Loaded } from "./ingest";
import type { BenchOptions } from "./types";

// Ingest with 1,000 live watches, each on its own saved view with its own filter (the worst case for
// grouping: no two alike): searches for words and phrases of the corpus, some with a language, review
// status or date bound. Reports:
//  - watch.ingest_ratio_vs_copy: the import against COPY of the same rows, as `ingest` does. The import queues
//    the stored articles for matching; the worker matches them (lib/data/watch-outbox.ts), not timed here;
//  - watch.match_per_s: that matching, articles per second: the queue the import left, taken by the worker's own
//    function in batches of 500, each batch's matches and outbox rows written and committed;
//  - watch.ingest_and_match_per_s: both at once, as a worker beside the import does them: articles per second
//    from the import's start until the last one is matched, the worker taking batches while the import runs.

const WATCHES = 1_000;
const ROUNDS = 3;
const STOP = new Set(["about", "after", "their", "there", "which", "would", "these", "other", "being", "under"]);

/** Words and two-word phrases from the file's titles, most frequent first, for the watches' searches. */
async function searchTerms(file: string, wanted: number): Promise<string[]> {
  const raw = createReadStream(file);
  const lines = createInterface({ input: file.endsWith(".gz") ? raw.pipe(createGunzip()) : raw });
  const counts = new Map<string, number>();
  for await (const line of lines) {
    const title = (JSON.parse(line) as { title?: string }).title ?? "";
    const words = title.toLowerCase().match(/[a-z]{5,}/g) ?? [];
    words.forEach((word, i) => {
      if (STOP.has(word)) return;
      counts.set(word, (counts.get(word) ?? 0) + 1);
      const next = words[i + 1];
      if (next && !STOP.has(next)) counts.set(`"${word} ${next}"`, (counts.get(`"${word} ${next}"`) ?? 0) + 1);
    });
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, wanted)
    .map(([term]) => term);
}

/** The i-th watch's filter: a search, and for some a second condition. */
function watchQuery(term: string, i: number): string {
  const params = new URLSearchParams({ q: term });
  if (i % 5 === 1) params.set("language", "en");
  if (i % 5 === 2) params.set("status", "new");
  if (i % 5 === 3) params.set("from", "2005-01-01");
  if (i % 7 === 0) params.set("q", `${term} -kim`);
  return params.toString();
}

async function addWatches(url: string, terms: string[]): Promise<void> {
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  try {
    const user = await client.user.create({
      data: { email: "bench@example.com", name: "Bench", passwordHash: "x", role: "ANALYST" },
    });
    await client.savedView.createMany({
      data: Array.from({ length: WATCHES }, (_, i) => ({
        ownerId: user.id,
        name: `watch ${i}`,
        query: watchQuery(terms[i % terms.length], i),
      })),
    });
    const views = await client.savedView.findMany({ select: { id: true } });
    await client.watch.createMany({
      data: views.map((view, i) => ({
        userId: user.id,
        viewId: view.id,
        email: i % 3 === 0,
        emailFrequency: i % 6 === 0 ? "DAILY" : "IMMEDIATE",
        webhookUrl: i % 10 === 0 ? "https://hooks.example/bench" : null,
      })),
    });
  } finally {
    await client.$disconnect();
  }
}

function connect(url: string): PrismaClient {
  // As lib/db.ts connects the app.
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, options: "-c jit=off" }) });
}

async function timeMatching(url: string): Promise<MatchRun & { seconds: number }> {
  const client = connect(url);
  try {
    await client.$queryRaw`SELECT 1`;
    const started = performance.now();
    const run = await matchQueuedArticles({ db: client });
    return { ...run, seconds: (performance.now() - started) / 1000 };
  } finally {
    await client.$disconnect();
  }
}

/** The import with a worker matching beside it: seconds until every stored article is matched. */
async function timeImportWithMatching(url: string, file: string): Promise<{ records: number; seconds: number }> {
  const client = connect(url);
  try {
    await client.$queryRaw`SELECT 1`;
    let importing = true;
    const started = performance.now();
    const worker = (async () => {
      for (;;) {
        const wasImporting = importing;
        const run = await matchQueuedArticles({ db: client });
        if (!run.articles && !wasImporting) return;
        if (!run.articles) await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const timed = await timeImport(url, file).finally(() => (importing = false));
    await worker;
    const { created, duplicates, failed } = timed.result;
    return { records: created + duplicates + failed, seconds: (performance.now() - started) / 1000 };
  } finally {
    await client.$disconnect();
  }
}

export async function benchWatches(options: BenchOptions): Promise<void> {
  const log = options.log ?? (() => {});
  const file = path.resolve(options.file ?? DEFAULT_ARTICLES_FILE);
  const rounds = options.small ? 1 : ROUNDS;
  const serverUrl = await resolveTestServerUrl(log);
  const terms = await searchTerms(file, WATCHES);
  const importSeconds: number[] = [];
  const copySeconds: number[] = [];
  let records = 0;
  let copied = 0;
  let loaded: Loaded | undefined;
  let matching: (MatchRun & { seconds: number }) | undefined;
  let stored = { matches: 0, deliveries: 0 };
  for (let round = 1; round <= rounds; round++) {
    log(`watches: round ${round}/${rounds}: importing ${file} with ${WATCHES} live watches ...`);
    await withScratchDatabase(serverUrl, async (url) => {
      await addWatches(url, terms);
      const timed = await timeImport(url, file);
      importSeconds.push(timed.seconds);
      records = timed.result.created + timed.result.duplicates + timed.result.failed;
      loaded ??= await readRows(url);
      if (round === 1) {
        matching = await timeMatching(url);
        const client = connect(url);
        stored = { matches: await client.watchMatch.count(), deliveries: await client.watchDelivery.count() };
        await client.$disconnect();
      }
    });
    await withScratchDatabase(serverUrl, async (url) => {
      const timed = await timeCopy(url, loaded!);
      copySeconds.push(timed.seconds);
      copied = timed.rows;
    });
    log(
      `watches: round ${round}: import ${importSeconds.at(-1)!.toFixed(2)} s, COPY ${copySeconds.at(-1)!.toFixed(2)} s`,
    );
  }
  log(`watches: importing ${file} with a worker matching beside it ...`);
  let together = { records: 0, seconds: 0 };
  await withScratchDatabase(serverUrl, async (url) => {
    await addWatches(url, terms);
    together = await timeImportWithMatching(url, file);
  });
  const importRate = records / Math.min(...importSeconds);
  const copyRate = copied / Math.min(...copySeconds);
  options.emit({
    bench: "watch.match_per_s",
    value: Math.round(matching!.articles / matching!.seconds),
    unit: "articles/s",
    n: matching!.articles,
    watches: WATCHES,
    matches: stored.matches,
    outbox_rows: stored.deliveries,
    batches: matching!.batches,
    seconds: Math.round(matching!.seconds * 100) / 100,
  });
  options.emit({
    bench: "watch.ingest_per_s",
    value: Math.round(importRate * 10) / 10,
    unit: "articles/s",
    n: records,
    watches: WATCHES,
    seconds: importSeconds.map((s) => Math.round(s * 100) / 100),
  });
  options.emit({
    bench: "watch.ingest_ratio_vs_copy",
    value: Math.round((importRate / copyRate) * 1000) / 1000,
    unit: "ratio",
    n: records,
    watches: WATCHES,
    rounds,
  });
  options.emit({
    bench: "watch.ingest_and_match_per_s",
    value: Math.round((together.records / together.seconds) * 10) / 10,
    unit: "articles/s",
    n: together.records,
    watches: WATCHES,
    seconds: Math.round(together.seconds * 100) / 100,
  });
}
