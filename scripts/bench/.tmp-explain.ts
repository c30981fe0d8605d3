import pg from "pg";
import { listArticles, articleFacets, articleTimeline } from "@/lib/search/list-articles";
import { parseArticleFilter } from "@/lib/validation/article-filter";
import type { Prisma } from "@/lib/generated/prisma/client";
const url = "postgresql://postgres@127.0.0.1:5432/presswatch_bench_1000000";
const pool = new pg.Pool({ connectionString: url, max: 4 });
const log: { text: string; values: unknown[]; ms: number }[] = [];
const client = {
  async $queryRaw<T>(sql: Prisma.Sql): Promise<T> {
    const t = performance.now();
    const r = await pool.query(sql.text, sql.values as unknown[]);
    log.push({ text: sql.text, values: sql.values, ms: performance.now() - t });
    return r.rows as T;
  },
};
const [which, q] = process.argv.slice(2);
const { filter } = parseArticleFilter(q, { now: new Date("2026-11-27T00:00:00Z") });
const run = () => which === "list" ? listArticles(filter, { client }) : which === "facets" ? articleFacets(filter, { client }) : articleTimeline(filter, { client, bucket: "month" });
for (let i = 0; i < 3; i++) { log.length = 0; const t = performance.now(); await run(); console.log("total", (performance.now() - t).toFixed(1)); }
for (const s of log) {
  console.log("----", s.ms.toFixed(1), "ms\n", s.text.replace(/\s+/g, " ").slice(0, 1500), JSON.stringify(s.values).slice(0, 300));
  if (process.env.EXPLAIN && s.ms > Number(process.env.EXPLAIN)) {
    const r = await pool.query("EXPLAIN (ANALYZE, BUFFERS) " + s.text, s.values as unknown[]);
    console.log(r.rows.map((x) => x["QUERY PLAN"]).join("\n"));
  }
}
await pool.end();
