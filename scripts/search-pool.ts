// The judging pool of the search benchmark: for each judged query (test/fixtures/search/queries.jsonl), the
// articles in the top 10 of the ranking before and of the ranking now that have no grade yet in
// judgments.jsonl, with what a judge reads (title, date, outlet, opening), in an order that does not say which
// ranking found them. `tsx scripts/search-pool.ts [--out FILE] [--corpus-url URL]`; --corpus-url reuses a loaded
// corpus (scripts/bench/search-corpus.ts) instead of loading a new one.
import { writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { parseArgs } from "node:util";
import { PrismaPg } from "@prisma/adapter-pg";
import { stopEmbeddedPostgres } from "@/lib/db/database-url";
import { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { loadSearchCorpus } from "./bench/search-corpus";
import { readJudgments, readQueries, topUrls } from "./bench/search-judged";

async function main() {
  const { values } = parseArgs({
    options: { out: { type: "string" }, keep: { type: "boolean", default: false }, "corpus-url": { type: "string" } },
  });
  const reuse = values["corpus-url"];
  const corpus = reuse
    ? { client: new PrismaClient({ adapter: new PrismaPg({ connectionString: reuse }) }), drop: async () => {} }
    : await loadSearchCorpus((line) => console.error(line));
  if (!reuse && values.keep) console.error(`kept: ${"url" in corpus ? corpus.url : ""}`);
  try {
    const judged = new Set(readJudgments().map((judgment) => `${judgment.query} ${judgment.url}`));
    const lines: string[] = [];
    let unjudged = 0;
    for (const query of readQueries()) {
      const { before, after } = await topUrls(corpus.client, query.q);
      const pool = [...new Set([...before, ...after])].filter((url) => !judged.has(`${query.id} ${url}`));
      if (!pool.length) continue;
      pool.sort((a, b) =>
        createHash("sha1").update(a).digest("hex").localeCompare(createHash("sha1").update(b).digest("hex")),
      );
      const rows = await corpus.client.$queryRaw<
        { url: string; title: string; day: string; source: string; opening: string }[]
      >(
        Prisma.sql`SELECT a.url, a.title, to_char(a.published_at, 'YYYY-MM-DD') AS day, s.name AS source,
                          left(regexp_replace(a.body_text, '\\s+', ' ', 'g'), 420) AS opening
                   FROM articles a JOIN sources s ON s.id = a.source_id WHERE a.url = ANY(${pool}::text[])`,
      );
      const byUrl = new Map(rows.map((row) => [row.url, row]));
      lines.push(`## ${query.id}: ${query.q}\n   wanted: ${query.intent}`);
      for (const url of pool) {
        const row = byUrl.get(url)!;
        lines.push(`- ${url}\n  ${row.day} ${row.source} | ${row.title}\n  ${row.opening}`);
        unjudged++;
      }
    }
    const text = `${lines.join("\n")}\n`;
    if (values.out) writeFileSync(values.out, text);
    else process.stdout.write(text);
    console.error(`${unjudged} articles to judge`);
  } finally {
    if (!values.keep) await corpus.drop();
    else await corpus.client.$disconnect();
    await stopEmbeddedPostgres();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
