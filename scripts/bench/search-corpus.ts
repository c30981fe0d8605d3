import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { PrismaPg } from "@prisma/adapter-pg";
import { seedNamesRegister } from "@/lib/data/names-import";
import { createScratchDatabase, dropDatabase, resolveTestServerUrl } from "@/lib/db/database-url";
import { migrate } from "@/lib/db/migrate";
import { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { makeExcerpt } from "@/lib/ingest/fingerprint";
import { detectLanguage } from "@/lib/ingest/language";
import { normalizeUrl } from "@/lib/ingest/normalize-url";

// The full KCNA corpus (11,855 English articles) and the Korean corpus (73), loaded into a scratch database
// with the starter names register, for the judged search queries (test/fixtures/search/). Beside the search
// vector every search uses now, the table gets `search_before`, the vector as it was made before spellings
// were folded (migration 20261127000000_init), so the ranking of that time can be run again (search-before.ts).

export const KCNA_CORPUS = "/work/shared/corpus/kcna/articles.jsonl";
export const KOREAN_CORPUS = "/work/shared/corpus/korean/articles.jsonl";
const BATCH = 500;

type Record = { title: string; published: string; source: string; url: string; body: string };

export type SearchCorpus = { url: string; client: PrismaClient; articles: number; drop: () => Promise<void> };

function readRecords(file: string): Record[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Record);
}

export function searchCorpusAvailable(): boolean {
  return existsSync(KCNA_CORPUS) && existsSync(KOREAN_CORPUS);
}

export async function loadSearchCorpus(log: (line: string) => void): Promise<SearchCorpus> {
  const url = await createScratchDatabase(await resolveTestServerUrl(log), "presswatch_bench_search");
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, options: "-c jit=off" }) });
  const drop = async () => {
    await client.$disconnect();
    await dropDatabase(url);
  };
  try {
    await migrate(url);
    const records = [
      ...readRecords(KCNA_CORPUS),
      ...readRecords(KOREAN_CORPUS).map((record) => ({
        ...record,
        source: record.source.startsWith("New Year address") ? "KCNA" : "Rodong Sinmun",
      })),
    ];
    const sources = new Map<string, number>();
    for (const name of new Set(records.map((record) => record.source)))
      sources.set(name, (await client.source.create({ data: { name } })).id);
    for (let start = 0; start < records.length; start += BATCH) {
      const batch = records.slice(start, start + BATCH);
      await client.$executeRaw(Prisma.sql`
        INSERT INTO articles (source_id, url, canonical_url, title, body_text, excerpt, language, published_at, fingerprint)
        VALUES ${Prisma.join(
          batch.map(
            (record) => Prisma.sql`(${sources.get(record.source)!}, ${record.url}, ${normalizeUrl(record.url)},
              ${record.title}, ${record.body}, ${makeExcerpt(record.body)},
              ${detectLanguage(`${record.title}\n${record.body}`) ?? "en"}, ${new Date(`${record.published}T00:00:00Z`)},
              ${createHash("sha256").update(`${record.url}\n${record.title}\n${record.body}`).digest("hex")})`,
          ),
        )}
        ON CONFLICT DO NOTHING`);
    }
    await client.$executeRaw(Prisma.sql`
      ALTER TABLE articles ADD COLUMN search_before tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') ||
        setweight(to_tsvector('english'::regconfig, coalesce(body_text, '')), 'B')) STORED`);
    await seedNamesRegister(client);
    await client.$executeRaw(Prisma.sql`ANALYZE`);
    const articles = await client.article.count();
    log(`search: loaded ${articles} articles into ${new URL(url).pathname.slice(1)}`);
    return { url, client, articles, drop };
  } catch (error) {
    await drop();
    throw error;
  }
}
