import { PrismaPg } from "@prisma/adapter-pg";
import { createScratchDatabase, dropDatabase, resolveTestServerUrl } from "@/lib/db/database-url";
import { migrate } from "@/lib/db/migrate";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { fingerprintArticle, makeExcerpt, simhash64 } from "@/lib/ingest/fingerprint";
import { normalizeUrl } from "@/lib/ingest/normalize-url";
import { findRevisionCandidates, type RevisionLookup } from "@/lib/ingest/revision/candidates";
import type { RevisionItem } from "@/lib/ingest/revision/evidence";
import type { BenchOptions } from "./types";
import type { CorpusArticle, Half } from "./versions-dataset";

// Does the SQL candidate query (lib/ingest/revision/candidates.ts) bring back the article an edit was made
// from? The corpus is loaded into a scratch database as ingest would store it; one generated edit per article
// is looked up, and the share found among its candidates is `versions.candidates.recall`, with the mean
// number of candidates (texts classifyRevision then reads) as `versions.candidates.per_item`.

export type CandidateCheck = { original: CorpusArticle; incoming: RevisionItem; half: Half };

const CHUNK = 500;
const round = (value: number) => Math.round(value * 10_000) / 10_000;

async function loadArticles(client: PrismaClient, articles: CorpusArticle[]): Promise<Map<string, number>> {
  const sources = new Map<string, number>();
  for (const name of new Set(articles.map((article) => article.source)))
    sources.set(name, (await client.source.create({ data: { name } })).id);
  for (let start = 0; start < articles.length; start += CHUNK) {
    const chunk = articles.slice(start, start + CHUNK);
    const column = <T>(pick: (article: CorpusArticle) => T) => chunk.map(pick);
    await client.$executeRaw`
      INSERT INTO articles (source_id, url, canonical_url, title, body_text, excerpt, published_at, fingerprint, simhash)
      SELECT * FROM unnest(${column((a) => sources.get(a.source)!)}::int[], ${column((a) => a.url)}::text[],
                           ${column((a) => normalizeUrl(a.url))}::text[], ${column((a) => a.title)}::text[],
                           ${column((a) => a.body)}::text[], ${column((a) => makeExcerpt(a.body))}::text[],
                           ${column((a) => new Date(`${a.published}T00:00:00Z`))}::timestamptz[],
                           ${column((a) => fingerprintArticle(a))}::text[], ${column((a) => simhash64(a.body))}::bigint[])
      ON CONFLICT DO NOTHING`;
  }
  const rows = await client.article.findMany({ select: { id: true, url: true } });
  return new Map(rows.map((row) => [row.url!, row.id]));
}

export async function benchCandidates(
  options: BenchOptions,
  articles: CorpusArticle[],
  checks: CandidateCheck[],
): Promise<void> {
  const url = await createScratchDatabase(await resolveTestServerUrl(options.log), "presswatch_bench_versions");
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, options: "-c jit=off" }) });
  try {
    await migrate(url);
    const ids = await loadArticles(client, articles);
    const sourceIds = new Map(
      (await client.source.findMany({ select: { id: true, name: true } })).map((row) => [row.name, row.id]),
    );
    // An article the load skipped (the corpus repeats a few texts and URLs) has nothing to be found.
    const usable = checks.filter((check) => ids.has(check.original.url));
    const found = { tune: 0, test: 0 };
    const candidates = { tune: 0, test: 0 };
    const started = performance.now();
    for (let start = 0; start < usable.length; start += CHUNK) {
      const chunk = usable.slice(start, start + CHUNK);
      const lookups: RevisionLookup[] = chunk.map(({ incoming }) => ({
        sourceId: sourceIds.get(incoming.source)!,
        publishedAt: incoming.publishedAt,
        canonicalUrl: incoming.url ? normalizeUrl(incoming.url) : null,
        title: incoming.title,
        simhash: simhash64(incoming.body),
      }));
      const results = await findRevisionCandidates(client, lookups);
      chunk.forEach((check, i) => {
        candidates[check.half] += results[i].length;
        if (results[i].some((candidate) => candidate.articleId === ids.get(check.original.url))) found[check.half]++;
      });
    }
    const seconds = (performance.now() - started) / 1000;
    for (const half of ["test", "tune"] as const) {
      const n = usable.filter((check) => check.half === half).length;
      const prefix = half === "test" ? "versions" : "versions.tune";
      options.emit({
        bench: `${prefix}.candidates.recall`,
        value: round(found[half] / Math.max(n, 1)),
        unit: "share",
        n,
      });
      options.emit({
        bench: `${prefix}.candidates.per_item`,
        value: round(candidates[half] / Math.max(n, 1)),
        unit: "rows",
        n,
      });
    }
    options.emit({
      bench: "versions.candidates.lookup_ms",
      value: round((seconds * 1000) / Math.max(usable.length, 1)),
      unit: "ms",
      n: usable.length,
    });
  } finally {
    await client.$disconnect();
    await dropDatabase(url);
  }
}
