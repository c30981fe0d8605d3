import { randomBytes } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { articleFacets, articleTimeline, listArticles, type SqlClient } from "@/lib/search/list-articles";
import { filterToQueryString } from "@/lib/validation/article-filter";
import { findBuildReason } from "../lib/build-if-needed";
import { ensureListBenchDatabase } from "./list-dataset";
import { ensureBenchUsers, loadAverage, signIn, startProductionServer } from "./bench-server";
import { listBenchFilters, recording, round, time } from "./list";
import type { BenchOptions } from "./types";

// The article list page's server time through HTTP, against the list benchmark's database: the
// production build served by `next start`, a signed-in analyst, and for each typical filter the time to
// the last byte of `GET /?<filter>` (the whole streamed page: list, facet counts and timeline).
//   list.<filter>.http_p50_ms / http_p95_ms   what the analyst's browser waits for
//   list.<filter>.page_bare_p95_ms           the floor: every SQL statement the page's three streamed
//                                            parts send, replayed through `pg` on three connections at
//                                            once, as the page runs them
//   list.<filter>.http_over_bare             http_p95 / page_bare_p95 (the app's share of the time)
//   list.<filter>.html_kb                    the page as the browser receives it (decoded)

const RUNS = 30;
const EMAIL = "bench-http@example.com";

/** Replays the statements of the page's three parts on three connections at once. */
async function replayConcurrently(clients: pg.Client[], parts: Prisma.Sql[][]): Promise<void> {
  await Promise.all(
    parts.map(async (statements, index) => {
      for (const statement of statements) await clients[index].query(statement.text, statement.values as unknown[]);
    }),
  );
}

/** `npm run bench -- --only list_http`: needs the production build (`npm run build`) of the current sources. */
export async function benchListHttp(options: BenchOptions & { articles?: number; runs?: number }): Promise<void> {
  const log = options.log ?? (() => {});
  const articles = options.small ? 50_000 : (options.articles ?? 1_000_000);
  const runs = Math.max(options.runs ?? RUNS, 1);
  const stale = await findBuildReason(process.cwd());
  if (stale) throw new Error(`list_http measures the production build, and ${stale}: run \`npm run build\` first.`);
  const dataset = await ensureListBenchDatabase({ articles, log });
  const password = randomBytes(12).toString("base64url");
  await ensureBenchUsers(dataset.url, [EMAIL], password);

  const { baseUrl, children } = await startProductionServer(dataset.url, log, "list_http");
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: dataset.url }) });
  const bare = [0, 1, 2].map(() => new pg.Client({ connectionString: dataset.url }));
  try {
    await Promise.all(bare.map((client) => client.connect()));
    const cookie = await signIn(baseUrl, EMAIL, password);
    for (const { name, filter, timeline } of await listBenchFilters(dataset.url, articles)) {
      const url = `${baseUrl}/?${filterToQueryString(filter)}`;
      let pageBytes = 0;
      const http = await time(runs, async () => {
        const response = await fetch(url, { headers: { cookie }, redirect: "manual" });
        if (response.status !== 200) throw new Error(`GET ${url}: HTTP ${response.status}`);
        const html = await response.text();
        pageBytes = Buffer.byteLength(html);
        if (!html.includes('aria-label="Articles"') && !html.includes("No articles match"))
          throw new Error(`GET ${url}: the list is missing from the page`);
      });
      // The page's SQL, recorded as the app sends it (now = the real clock, as in the server).
      const parts: Prisma.Sql[][] = [[], [], []];
      const client = (index: number): SqlClient => recording(prisma, parts[index]);
      const now = new Date();
      await Promise.all([
        listArticles(filter, { take: 50, now, client: client(0) }),
        articleFacets(filter, { now, client: client(1) }),
        articleTimeline(filter, { bucket: timeline, now, client: client(2) }),
      ]);
      const floor = await time(runs, () => replayConcurrently(bare, parts));
      const extra = { n: articles, runs, query: filterToQueryString(filter), loadavg: loadAverage() };
      options.emit({ bench: `list.${name}.http_p50_ms`, value: round(http.p50), unit: "ms", ...extra });
      options.emit({ bench: `list.${name}.http_p95_ms`, value: round(http.p95), unit: "ms", ...extra });
      options.emit({ bench: `list.${name}.page_bare_p95_ms`, value: round(floor.p95), unit: "ms", ...extra });
      options.emit({ bench: `list.${name}.html_kb`, value: round(pageBytes / 1024), unit: "KB", ...extra });
      options.emit({
        bench: `list.${name}.http_over_bare`,
        value: round(http.p95 / floor.p95),
        unit: "ratio",
        ...extra,
      });
      log(`list_http: ${name} http p95 ${round(http.p95)} ms, page SQL bare p95 ${round(floor.p95)} ms`);
    }
  } finally {
    await Promise.all(bare.map((client) => client.end().catch(() => {})));
    await prisma.$disconnect();
    await children.stopAll();
  }
}
