import { randomBytes } from "node:crypto";
import http from "node:http";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { createScratchDatabase, dropDatabase, resolveTestServerUrl } from "@/lib/db/database-url";
import { migrate } from "@/lib/db/migrate";
import { env } from "@/lib/env";
import { PrismaClient } from "@/lib/generated/prisma/client";
import type { SeedDb } from "@/lib/ingest/seed";
import { filterToQueryString, type ArticleFilter } from "@/lib/validation/article-filter";
import { findBuildReason } from "../lib/build-if-needed";
import {
  databaseBackendPids,
  ensureBenchUsers,
  loadAverage,
  processCpuMs,
  signIn,
  startProductionServer,
  withDescendants,
} from "./bench-server";
import { runLighthouse } from "./desk-lighthouse";
import { runLoad } from "./desk-load";
import { round } from "./list";
import type { BenchOptions, BenchRow } from "./types";

// The desk (the article list page, `/`) as a browser and a crowd see it, on the production build:
//   desk.html_kb / html_gzip_kb / html_rsc_kb  the signed-in page's document (uncompressed, as sent compressed,
//                                              and the part of it that is the RSC payload for hydration)
//   desk.tbt_ms                                Lighthouse desktop preset, total blocking time, median of runs
//   desk.js_kb / js_raw_kb                     JavaScript the page loads, compressed (on the wire) and decoded
//   desk.load20.pages_per_s / p50_ms / p95_ms  20 signed-in users each asking for one desk URL after another
//                                              (varied filters, first and second pages) for 30 s
// Every row carries the machine's load average: the figures are CPU-bound, and other work on the machine
// shows in them. The database is a scratch one with the demo seed (dropped after), or DESK_BENCH_DATABASE_URL.

const USERS = 20;
const LOAD_SECONDS = 30;
const LIGHTHOUSE_RUNS = 3;
const WORDS = ["missile", "Kim Jong Un", "agriculture", "delegation", '"party congress"', "nuclear", "friendship"];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** A scratch database with the demo seed; `drop` removes it. */
async function seededScratchDatabase(log: (line: string) => void): Promise<{ url: string; drop: () => Promise<void> }> {
  const url = await createScratchDatabase(await resolveTestServerUrl(log), "presswatch_bench_desk");
  try {
    await migrate(url, { log: () => {} });
    const { seedDemo } = await import("@/lib/ingest/seed");
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
    try {
      await seedDemo(prisma as unknown as SeedDb, { log: (line) => log(`desk: seed: ${line}`) });
    } finally {
      await prisma.$disconnect();
    }
  } catch (error) {
    await dropDatabase(url);
    throw error;
  }
  return { url, drop: () => dropDatabase(url) };
}

/** Desk filters an analyst moves between, with ids and dates read from the database. */
async function deskFilters(url: string): Promise<Partial<ArticleFilter>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const ids = async (sql: string) => (await client.query<{ id: number }>(sql)).rows.map((row) => row.id);
    const themes = await ids(
      "SELECT theme_id AS id FROM article_themes GROUP BY theme_id ORDER BY count(*) DESC, theme_id LIMIT 6",
    );
    const sources = await ids("SELECT id FROM sources ORDER BY id LIMIT 3");
    const tags = await ids("SELECT id FROM tags ORDER BY id LIMIT 3");
    const { rows } = await client.query<{ newest: Date | null }>("SELECT max(published_at) AS newest FROM articles");
    const newest = rows[0].newest ?? new Date();
    const months = [0, 1, 3].map((back) => {
      const from = new Date(Date.UTC(newest.getUTCFullYear(), newest.getUTCMonth() - back, 1));
      const to = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 0));
      return { from, to };
    });
    return [
      {},
      { sort: "oldest" },
      { status: ["NEW"] },
      { hideUndated: true },
      { read: "unread" },
      ...themes.map((theme) => ({ themes: [theme] })),
      ...sources.map((source) => ({ sources: [source] })),
      ...tags.map((tag) => ({ tags: [tag] })),
      ...WORDS.map((q) => ({ q })),
      ...WORDS.slice(0, 3).map((q) => ({ q, sort: "relevance" as const })),
      ...months,
      ...months.slice(0, 2).map((month, index) => ({ ...month, themes: themes.slice(index, index + 1) })),
      { themes: themes.slice(0, 2) },
      { themes: themes.slice(0, 1), q: WORDS[0] },
      { sources: sources.slice(0, 1), status: ["NEW"] },
    ];
  } finally {
    await client.end();
  }
}

/** The page as sent: decoded and compressed bytes, and the RSC payload's share (the `__next_f` scripts). */
async function pageBytes(url: string, cookie: string): Promise<{ html: string; raw: number; gzip: number }> {
  const gzip = await new Promise<number>((resolve, reject) => {
    http
      .get(url, { headers: { cookie, "accept-encoding": "gzip" } }, (response) => {
        let bytes = 0;
        response.on("data", (chunk: Buffer) => (bytes += chunk.length));
        response.on("end", () => resolve(bytes));
      })
      .on("error", reject);
  });
  const response = await fetch(url, { headers: { cookie }, redirect: "manual" });
  if (response.status !== 200) throw new Error(`GET ${url}: HTTP ${response.status}`);
  const html = await response.text();
  return { html, raw: Buffer.byteLength(html), gzip };
}

function rscPayloadBytes(html: string): number {
  let bytes = 0;
  for (const match of html.matchAll(/<script[^>]*>(self\.__next_f\.push\([\s\S]*?)<\/script>/g))
    bytes += Buffer.byteLength(match[1]);
  return bytes;
}

const KB = (bytes: number) => round(bytes / 1024);

/** `npm run bench -- --only desk`: needs the production build (`npm run build`) of the current sources. */
export async function benchDesk(options: BenchOptions): Promise<void> {
  const log = options.log ?? (() => {});
  const stale = await findBuildReason(process.cwd());
  if (stale) throw new Error(`desk measures the production build, and ${stale}: run \`npm run build\` first.`);
  const users = options.small ? 4 : USERS;
  const seconds = options.small ? 5 : LOAD_SECONDS;
  const lighthouseRuns = options.small ? 1 : LIGHTHOUSE_RUNS;

  const given = env().DESK_BENCH_DATABASE_URL;
  const database = given ? { url: given, drop: async () => {} } : await seededScratchDatabase(log);
  const dataset = given ? new URL(given).pathname.slice(1) : "demo seed";
  const { rows } = await (async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      return await client.query<{ n: number }>("SELECT count(*)::int AS n FROM articles");
    } finally {
      await client.end();
    }
  })();
  const emit = (row: BenchRow) => options.emit({ ...row, n: rows[0].n, dataset, loadavg: loadAverage() } as BenchRow);

  const password = randomBytes(12).toString("base64url");
  const emails = Array.from({ length: users }, (_, i) => `bench-desk-${String(i + 1).padStart(2, "0")}@example.com`);
  let server: Awaited<ReturnType<typeof startProductionServer>> | undefined;
  try {
    await ensureBenchUsers(database.url, emails, password);
    server = await startProductionServer(database.url, log, "desk");
    const { baseUrl } = server;
    const cookies: string[] = [];
    for (const email of emails) cookies.push(await signIn(baseUrl, email, password));

    // The document of the plain desk, the page every session opens on.
    const desk = await pageBytes(`${baseUrl}/`, cookies[0]);
    emit({ bench: "desk.html_kb", value: KB(desk.raw), unit: "KB", gzip_kb: KB(desk.gzip) });
    emit({ bench: "desk.html_gzip_kb", value: KB(desk.gzip), unit: "KB" });
    emit({ bench: "desk.html_rsc_kb", value: KB(rscPayloadBytes(desk.html)), unit: "KB" });

    // Every filter once (the server warms up and each answer is checked), collecting their second pages.
    const urls: string[] = [];
    let bytes = 0;
    for (const filter of await deskFilters(database.url)) {
      const url = `${baseUrl}/?${filterToQueryString(filter)}`;
      const { html, raw } = await pageBytes(url, cookies[0]);
      if (!html.includes('aria-label="Articles"') && !html.includes("No articles match"))
        throw new Error(`GET ${url}: the list is missing from the page`);
      urls.push(url);
      bytes += raw;
      const next = /<a[^>]*href="(\/\?[^"]*cursor=[^"]*)"[^>]*rel="next"/.exec(html)?.[1];
      if (next) urls.push(`${baseUrl}${next.replaceAll("&amp;", "&")}`);
    }
    emit({ bench: "desk.html_mean_kb", value: KB(bytes / (urls.length || 1)), unit: "KB", urls: urls.length });

    // The machine's load just before each measurement, beside the one after it that every row carries.
    const loadBeforeLighthouse = loadAverage();
    const lighthouse = await runLighthouse(`${baseUrl}/`, cookies[0], lighthouseRuns);
    const tbt = lighthouse.map((run) => run.tbtMs);
    log(`desk: Lighthouse total blocking time ${tbt.map((ms) => Math.round(ms)).join(", ")} ms`);
    const first = lighthouse[0];
    emit({
      bench: "desk.tbt_ms",
      value: round(median(tbt)),
      unit: "ms",
      runs: tbt.map(round),
      score: median(lighthouse.map((run) => run.performanceScore)),
      loadavg_before: loadBeforeLighthouse,
    });
    emit({
      bench: "desk.js_kb",
      value: KB(first.scriptTransferBytes),
      unit: "KB",
      raw_kb: KB(first.scriptResourceBytes),
      scripts: first.scripts,
    });
    emit({ bench: "desk.js_raw_kb", value: KB(first.scriptResourceBytes), unit: "KB", scripts: first.scripts });

    // CPU time per page of the web server and of the database's connections: unlike pages/s, it hardly moves
    // when other work shares the machine, so it compares builds measured at different loads.
    // The web server is the cluster's primary and its workers, which do the rendering.
    const serverPids = await withDescendants(server.children.pids());
    const loadBeforeLoad = loadAverage();
    const before = await processCpuMs([...serverPids, ...(await databaseBackendPids(database.url))]);
    const load = await runLoad({ urls, cookies, seconds });
    const after = await processCpuMs([...serverPids, ...(await databaseBackendPids(database.url))]);
    const used = (pid: number) => (after.get(pid) ?? 0) - (before.get(pid) ?? 0);
    const serverCpu = serverPids.reduce((sum, pid) => sum + used(pid), 0);
    const databaseCpu = [...after.keys()]
      .filter((pid) => !serverPids.includes(pid))
      .reduce((sum, pid) => sum + used(pid), 0);
    if (load.errors) log(`desk: ${load.errors} failed requests under load, the first: ${load.firstError}`);
    const extra = {
      users,
      seconds: round(load.seconds),
      pages: load.pages,
      errors: load.errors,
      urls: urls.length,
      server_processes: serverPids.length,
      loadavg_before: loadBeforeLoad,
    };
    const name = `desk.load${users}`;
    emit({ bench: `${name}.pages_per_s`, value: round(load.pagesPerSecond), unit: "pages/s", ...extra });
    emit({ bench: `${name}.p50_ms`, value: round(load.p50), unit: "ms", ...extra });
    emit({ bench: `${name}.p95_ms`, value: round(load.p95), unit: "ms", ...extra });
    emit({ bench: `${name}.page_kb`, value: KB(load.meanBytes), unit: "KB", compressed: true, ...extra });
    const perPage = (ms: number) => round(ms / (load.pages || 1));
    emit({ bench: "desk.server_cpu_ms_per_page", value: perPage(serverCpu), unit: "ms", ...extra });
    emit({ bench: "desk.db_cpu_ms_per_page", value: perPage(databaseCpu), unit: "ms", ...extra });
  } finally {
    await server?.children.stopAll();
    await database.drop();
  }
}
