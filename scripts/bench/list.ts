import { loadavg } from "node:os";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { encodeListCursor } from "@/lib/search/cursor";
import { articleFacets, articleTimeline, listArticles, type SqlClient } from "@/lib/search/list-articles";
import { filterToQueryString, type ArticleFilter } from "@/lib/validation/article-filter";
import { BENCH_END, BENCH_TAGS, ensureListBenchDatabase } from "./list-dataset";
import type { BenchOptions } from "./types";

// The article list on a large dataset (1,000,000 articles by default, 50,000 with --small): for each
// typical filter, p50/p95 over RUNS runs of
//   list.<filter>.db_*_ms        listArticles() end to end through Prisma (every statement it sends, with
//                                its own overlap of independent statements), i.e. what a page waits for;
//   list.<filter>.bare_*_ms      the very same statements, replayed back to back through `pg`: the floor;
//   list.<filter>.facets_db_*_ms, list.<filter>.timeline_db_*_ms   the sidebar's facets and the chart;
// then the EXPLAIN (ANALYZE, BUFFERS) of every statement of the slowest filter (`list.slowest.plan`) and of the
// slowest of the search filters added with the names register and Korean search (`list.slowest_search.plan`):
// a name the register expands to 10 spellings (Kim Jae-ryong: KCNA's Kim Jae Ryong, 김재룡, 金才龍, Gim Jaeryong,
// Kim Chae-ryong, Cyrillic...), and a Korean word (경제건설, "economic construction", as the pairs 경제 제건 건설).
// The page's time through HTTP is measured by the list_http section (list-http.ts).

// Runs and warm-up: the p95 of 30 runs is the second-slowest sample, which on a shared 2-core VM is often one
// scheduling stall (a 0.7 ms statement was seen taking 20 ms in 3 of 33 runs); of 100 runs it is the sixth-slowest,
// an estimate of the tail rather than of the worst moment. Ten warm-up runs let V8 optimise the list's code before
// the first filter is measured (its p95 ran 24-34 ms over 6-7 ms of SQL with three).
const RUNS = 100;
const WARMUP = 10;
const PAGE_SIZE = 50;
/** "2,000 pages deep": the cursor of the row a reader reaches after 2,000 pages of 50. */
const DEEP_PAGES = 2_000;

export type ListBenchFilter = { name: string; filter: ArticleFilter; timeline: "day" | "month" };

/** The filters of issue 11's searches, whose plans are printed whatever the slowest filter overall. */
const SEARCH_FILTERS = new Set(["alias_10", "korean"]);

export const round = (value: number) => Math.round(value * 100) / 100;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export async function time(runs: number, work: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < WARMUP; i++) await work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

/** The typical filters, with ids looked up in the bench database (`url`). */
export async function listBenchFilters(url: string, articles: number): Promise<ListBenchFilter[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const theme = await client.query<{ id: number }>(
      "SELECT id FROM themes WHERE name = 'Nuclear and missile programmes'",
    );
    const tag = await client.query<{ id: number }>("SELECT id FROM tags WHERE name = $1", [BENCH_TAGS[0]]);
    const deep = await client.query<{ published_at: Date; id: number }>(
      "SELECT published_at, id FROM articles ORDER BY published_at DESC, id DESC OFFSET $1 LIMIT 1",
      [Math.min(DEEP_PAGES * PAGE_SIZE, articles - PAGE_SIZE) - 1],
    );
    const base = { tagMode: "any" as const, sort: "newest" as const };
    const lastYear = BENCH_END.getUTCFullYear() - 1;
    return [
      {
        name: "month_theme",
        filter: {
          ...base,
          themes: [theme.rows[0].id],
          from: new Date(Date.UTC(lastYear, 2, 1)),
          to: new Date(Date.UTC(lastYear, 2, 31)),
        },
        timeline: "day",
      },
      {
        name: "text_year",
        filter: {
          ...base,
          q: '"missile launch"',
          from: new Date(Date.UTC(2017, 0, 1)),
          to: new Date(Date.UTC(2017, 11, 31)),
        },
        timeline: "month",
      },
      { name: "tag", filter: { ...base, tags: [tag.rows[0].id] }, timeline: "month" },
      {
        name: "deep",
        filter: {
          ...base,
          cursor: encodeListCursor({
            sort: "newest",
            direction: "after",
            publishedAt: deep.rows[0].published_at,
            id: deep.rows[0].id,
          }),
        },
        timeline: "month",
      },
      { name: "common_phrase", filter: { ...base, q: '"Kim Jong Un"' }, timeline: "month" },
      { name: "relevance", filter: { ...base, q: '"Kim Jong Un"', sort: "relevance" }, timeline: "month" },
      { name: "alias_10", filter: { ...base, q: "Kim Jae-ryong" }, timeline: "month" },
      { name: "korean", filter: { ...base, q: "경제건설" }, timeline: "month" },
    ];
  } finally {
    await client.end();
  }
}

export function recording(client: SqlClient, statements: Prisma.Sql[]): SqlClient {
  return {
    $queryRaw<T>(query: Prisma.Sql) {
      statements.push(query);
      return client.$queryRaw<T>(query);
    },
  };
}

async function replay(client: pg.Client, statements: Prisma.Sql[]): Promise<void> {
  for (const statement of statements) await client.query(statement.text, statement.values as unknown[]);
}

async function explain(client: pg.Client, statements: Prisma.Sql[]): Promise<string> {
  const plans: string[] = [];
  for (const statement of statements) {
    // The total's planner estimate is itself an EXPLAIN: its text is the plan there is.
    if (/^\s*EXPLAIN/i.test(statement.text)) {
      plans.push(`-- ${statement.text.replace(/\s+/g, " ").trim()}\n-- (a planner estimate, not run)`);
      continue;
    }
    const result = await client.query<{ "QUERY PLAN": string }>(
      `EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`,
      statement.values as unknown[],
    );
    plans.push(
      `-- ${statement.text.replace(/\s+/g, " ").trim()}\n-- values: ${JSON.stringify(statement.values)}\n${result.rows.map((row) => row["QUERY PLAN"]).join("\n")}`,
    );
  }
  return plans.join("\n\n");
}

/**
 * The share of the newest 10,000 articles whose search vector is in its row rather than in TOAST (migration
 * 20261205000000_search_inline); null before PostgreSQL 17, which cannot tell (pg_column_toast_chunk_id).
 */
async function searchInlineShare(client: pg.Client): Promise<number | null> {
  const version = await client.query<{ v: number }>("SELECT current_setting('server_version_num')::int AS v");
  if (version.rows[0].v < 170_000) return null;
  const result = await client.query<{ share: number }>(
    `SELECT avg((pg_column_toast_chunk_id(search) IS NULL)::int)::float8 AS share
     FROM (SELECT search FROM articles ORDER BY published_at DESC, id DESC LIMIT 10000) a`,
  );
  return result.rows[0].share;
}

/** `npm run bench` section: builds or reuses the bench database, then measures every typical filter. */
export async function benchList(options: BenchOptions & { articles?: number; runs?: number }): Promise<void> {
  const log = options.log ?? (() => {});
  const articles = options.small ? 50_000 : (options.articles ?? 1_000_000);
  const runs = Math.max(options.runs ?? RUNS, 1);
  const dataset = await ensureListBenchDatabase({ articles, log });
  log(
    `list: ${dataset.reused ? "reusing" : `built in ${Math.round(dataset.seconds)} s`} ${new URL(dataset.url).pathname.slice(1)}; load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(" ")}`,
  );
  options.emit({
    bench: "list.dataset_build_s",
    value: round(dataset.seconds),
    unit: "s",
    n: articles,
    reused: dataset.reused,
  });

  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: dataset.url }) });
  const bare = new pg.Client({ connectionString: dataset.url });
  await bare.connect();
  try {
    const inline = await searchInlineShare(bare);
    if (inline !== null)
      options.emit({ bench: "list.search_inline_share", value: round(inline), unit: "share", n: 10_000 });
    const now = BENCH_END;
    type Slowest = { name: string; p95: number; statements: Prisma.Sql[] } | null;
    let slowest: Slowest = null;
    let slowestSearch: Slowest = null;
    for (const { name, filter, timeline } of await listBenchFilters(dataset.url, articles)) {
      const statements: Prisma.Sql[] = [];
      const page = await listArticles(filter, { take: PAGE_SIZE, now, client: recording(prisma, statements) });
      const db = await time(runs, () => listArticles(filter, { take: PAGE_SIZE, now, client: prisma }));
      const floor = await time(runs, () => replay(bare, statements));
      const facets = await time(runs, () => articleFacets(filter, { now, client: prisma }));
      const chart = await time(runs, () => articleTimeline(filter, { bucket: timeline, now, client: prisma }));
      const extra = {
        n: articles,
        runs,
        query: filterToQueryString(filter),
        total: page.total,
        textMode: page.textMode,
        statements: statements.length,
        ...(page.search?.expansions.length
          ? { spellings: page.search.expansions.reduce((sum, expansion) => sum + 1 + expansion.searched.length, 0) }
          : {}),
      };
      for (const [metric, stats] of [
        ["db", db],
        ["bare", floor],
        ["facets_db", facets],
        ["timeline_db", chart],
      ] as const) {
        options.emit({ bench: `list.${name}.${metric}_p50_ms`, value: round(stats.p50), unit: "ms", ...extra });
        options.emit({ bench: `list.${name}.${metric}_p95_ms`, value: round(stats.p95), unit: "ms", ...extra });
      }
      log(
        `list: ${name} db p95 ${round(db.p95)} ms, bare ${round(floor.p95)} ms, facets ${round(facets.p95)} ms, timeline ${round(chart.p95)} ms`,
      );
      if (!slowest || db.p95 > slowest.p95) slowest = { name, p95: db.p95, statements };
      if (SEARCH_FILTERS.has(name) && (!slowestSearch || db.p95 > slowestSearch.p95))
        slowestSearch = { name, p95: db.p95, statements };
    }
    for (const [bench, chosen] of [
      ["list.slowest.plan", slowest],
      ["list.slowest_search.plan", slowestSearch],
    ] as const) {
      if (!chosen) continue;
      options.emit({
        bench,
        value: round(chosen.p95),
        unit: "ms",
        n: articles,
        filter: chosen.name,
        plan: await explain(bare, chosen.statements),
      });
    }
  } finally {
    await bare.end();
    await prisma.$disconnect();
  }
}
