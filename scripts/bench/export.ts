import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import pg from "pg";
import { ensureListBenchDatabase } from "./list-dataset";
import type { BenchOptions } from "./types";
import { setDatabaseUrl } from "@/lib/env";

// Export throughput and memory: 100,000 rows as CSV and as NDJSON (full text) through the real route
// handler (GET with a Bearer token, body read to the end and discarded), against the list benchmark's
// database. RSS is sampled every 50 ms (and after every chunk read); growth is the peak during the export
// minus RSS just before it, taken after a full garbage collection, so that garbage of the warm-up or of the
// previous format is neither counted against this export nor collected during it to hide its own growth.

const TARGET_ROWS = 100_000;
const SAMPLE_MS = 50;
const BENCH_EMAIL = "export-bench@example.com";

type Measured = {
  rows: number;
  seconds: number;
  bytes: number;
  rssGrowthMb: number;
  heapGrowthMb: number;
  externalGrowthMb: number;
};

async function dayOfNewestRow(url: string, rank: number): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ day: string }>(
      `SELECT to_char((published_at AT TIME ZONE 'UTC')::date + 1, 'YYYY-MM-DD') AS day
       FROM articles ORDER BY published_at DESC, id DESC OFFSET $1 LIMIT 1`,
      [rank - 1],
    );
    if (!rows[0]) throw new Error(`the bench database holds fewer than ${rank} articles`);
    return rows[0].day;
  } finally {
    await client.end();
  }
}

/** The app's one PrismaClient (lib/db.ts) reads DATABASE_URL on first use: point it at the bench database. */
async function pointAppAtDatabase(url: string): Promise<void> {
  const holder = globalThis as unknown as { prisma?: { $disconnect(): Promise<void> } };
  await holder.prisma?.$disconnect();
  holder.prisma = undefined;
  setDatabaseUrl(url);
}

/** A full garbage collection, without starting node with --expose-gc. */
function collectGarbage(): void {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}

async function measure(
  handler: (request: Request) => Promise<Response>,
  query: string,
  token: string,
): Promise<Measured> {
  collectGarbage();
  const start = process.memoryUsage();
  const before = start.rss;
  let peak = before;
  let peakHeap = start.heapUsed;
  let peakExternal = start.external + start.arrayBuffers;
  const sample = () => {
    const now = process.memoryUsage();
    peak = Math.max(peak, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
    peakExternal = Math.max(peakExternal, now.external + now.arrayBuffers);
  };
  const sampler = setInterval(sample, SAMPLE_MS);
  const started = performance.now();
  try {
    const response = await handler(
      new Request(`http://bench.local/api/v1/export?${query}`, { headers: { authorization: `Bearer ${token}` } }),
    );
    if (response.status !== 200) throw new Error(`export answered ${response.status}: ${await response.text()}`);
    const rows = Number(response.headers.get("x-total-count"));
    let bytes = 0;
    const reader = response.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      // process.memoryUsage() walks the heap's spaces (~1 ms): per chunk only the cheap RSS reading.
      peak = Math.max(peak, process.memoryUsage.rss());
    }
    return {
      rows,
      seconds: (performance.now() - started) / 1000,
      bytes,
      rssGrowthMb: (peak - before) / 2 ** 20,
      heapGrowthMb: (peakHeap - start.heapUsed) / 2 ** 20,
      externalGrowthMb: (peakExternal - start.external - start.arrayBuffers) / 2 ** 20,
    };
  } finally {
    clearInterval(sampler);
  }
}

export async function benchExport(options: BenchOptions): Promise<void> {
  const log = options.log ?? (() => {});
  const articles = options.small ? 50_000 : 1_000_000;
  const target = options.small ? 10_000 : TARGET_ROWS;
  const dataset = await ensureListBenchDatabase({ articles, log });
  await pointAppAtDatabase(dataset.url);
  const { db } = await import("@/lib/db");
  const { createApiToken } = await import("@/lib/data/tokens");
  const { GET } = await import("@/app/api/v1/export/route");

  const from = await dayOfNewestRow(dataset.url, target);
  const user = await db.user.upsert({
    where: { email: BENCH_EMAIL },
    update: { active: true },
    create: { email: BENCH_EMAIL, name: "Export bench", role: "VIEWER", passwordHash: "x" },
  });
  const { token } = await createApiToken(
    { userId: user.id, name: `export bench ${Date.now()}`, scope: "READ" },
    { id: null },
  );
  try {
    // A first small export loads the route's modules and warms the connection, as a running server has.
    await measure(GET, `format=ndjson&from=${await dayOfNewestRow(dataset.url, 1_000)}`, token);
    for (const [format, query] of [
      ["csv", `format=csv&from=${from}`],
      ["ndjson", `format=ndjson&from=${from}`],
    ] as const) {
      const result = await measure(GET, query, token);
      const extra = {
        n: result.rows,
        seconds: Number(result.seconds.toFixed(2)),
        mb: Number((result.bytes / 2 ** 20).toFixed(1)),
        query,
      };
      options.emit({
        bench: `export.${format}.rows_per_s`,
        value: Math.round(result.rows / result.seconds),
        unit: "rows/s",
        ...extra,
      });
      options.emit({
        bench: `export.${format}.rss_growth_mb`,
        value: Number(result.rssGrowthMb.toFixed(1)),
        unit: "MB",
        ...extra,
      });
      options.emit({
        bench: `export.${format}.heap_growth_mb`,
        value: Number(result.heapGrowthMb.toFixed(1)),
        unit: "MB",
        ...extra,
      });
      log(
        `export: ${format} ${result.rows} rows, ${extra.mb} MB in ${extra.seconds} s, RSS +${result.rssGrowthMb.toFixed(1)} MB ` +
          `(peak JS heap +${result.heapGrowthMb.toFixed(1)} MB, buffers +${result.externalGrowthMb.toFixed(1)} MB)`,
      );
    }
  } finally {
    // The bench database is shared with the list benchmark: leave no user, token or audit event behind.
    await db.auditEvent.deleteMany({ where: { actorId: user.id } });
    await db.user.delete({ where: { id: user.id } });
    await db.$disconnect();
  }
}
