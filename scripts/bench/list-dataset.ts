import { createReadStream, existsSync } from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { seedNamesRegister } from "@/lib/data/names-import";
import { dropDatabase, ensureDatabase, quoteIdent, resolveTestServerUrl } from "@/lib/db/database-url";
import { migrate } from "@/lib/db/migrate";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { makeExcerpt } from "@/lib/ingest/fingerprint";
import { toParagraphHtml } from "@/lib/ingest/text-html";

// The list benchmark's dataset: N articles made from the real corpus text, generated inside PostgreSQL
// from a staging table (INSERT ... SELECT generate_series), because 92% of loading is the tsvector and
// GIN work, which runs fastest as one bulk statement followed by one index build. The 2% of articles marked
// Korean carry Korean text (a passage of one of the Korean corpus's New Year texts, about the length of a news
// story), and the starter names register is loaded, so Korean and register-expanded searches are measured too.

/** Bumped whenever the generated data changes shape, so an old bench database is rebuilt, not reused. */
const DATASET_VERSION = 4;
const SHARED_CORPUS = "/work/shared/corpus/kcna/articles.jsonl";
const REPO_CORPUS = path.join("prisma", "seed-data", "articles.jsonl.gz");
const SHARED_KOREAN = "/work/shared/corpus/korean/articles.jsonl";
const REPO_KOREAN = path.join("prisma", "seed-data", "korean.jsonl.gz");
/** Characters of a Korean passage: a KCNA story in Korean runs 1,000-2,000. */
const KOREAN_PASSAGE = 1_500;
const FIRST_DAY = "1997-01-01";
/** Articles are spread evenly from FIRST_DAY up to this instant. */
export const BENCH_END = new Date("2026-11-27T00:00:00Z");
const CHUNK = 100_000;

// Rule-like themes: each corpus article gets the themes whose query matches its title and excerpt, so
// themes follow the text as they would in production (skewed, and correlated with the words).
const BENCH_THEMES: { name: string; color: string; rule: string }[] = [
  {
    name: "Leadership activities",
    color: "#b91c1c",
    rule: "inspect | guidanc | (kim <-> jong <-> un) | (kim <-> jong <-> il)",
  },
  { name: "Party and ideology", color: "#c2410c", rule: "wpk | juch | songun | (parti <-> central) | ideolog" },
  { name: "Military and weapons tests", color: "#4d7c0f", rule: "kpa | armi | drill | militari | soldier" },
  { name: "Nuclear and missile programmes", color: "#a21caf", rule: "nuclear | missil | satellit | rocket" },
  { name: "Foreign affairs", color: "#0369a1", rule: "deleg | embassi | ambassador | greet | solidar | friendship" },
  { name: "Inter-Korean relations", color: "#0f766e", rule: "(south <-> korea) | seoul | reunif | puppet" },
  {
    name: "The US and its allies",
    color: "#1d4ed8",
    rule: "yanke | japan | imperialist | sanction | (unit <-> state)",
  },
  { name: "Economy and industry", color: "#a16207", rule: "factori | mine | industri | econom | steel | coal" },
  { name: "Agriculture", color: "#15803d", rule: "farm | harvest | agricultur | fisheri | rice" },
  { name: "Construction", color: "#92400e", rule: "construct | hous | railway" },
  { name: "Science and technology", color: "#4338ca", rule: "scienc | technolog | research | scientist" },
  { name: "Health", color: "#be185d", rule: "health | hospit | medic | epidem" },
  { name: "Disasters and weather", color: "#475569", rule: "flood | typhoon | drought | weather | disast" },
  { name: "Culture and sport", color: "#7e22ce", rule: "art | perform | film | sport | cultur | music" },
];

// Outlets with skewed volumes (weights out of 100).
const BENCH_SOURCES: { name: string; weight: number }[] = [
  { name: "KCNA", weight: 38 },
  { name: "Rodong Sinmun", weight: 20 },
  { name: "Minju Joson", weight: 8 },
  { name: "Pyongyang Times", weight: 7 },
  { name: "Voice of Korea", weight: 6 },
  { name: "Naenara", weight: 5 },
  { name: "Uriminzokkiri", weight: 4 },
  { name: "Tongil Sinbo", weight: 3 },
  { name: "Chosun Sinbo", weight: 3 },
  { name: "Arirang Meari", weight: 2 },
  { name: "DPRK Today", weight: 2 },
  { name: "Sogwang", weight: 2 },
];

/** Analysts' tags, Zipf-like: the first is on about 2% of articles, the last on a few hundred. */
export const BENCH_TAGS = [
  "priority",
  "follow-up",
  "brief-weekly",
  "sanctions-watch",
  "quote",
  "leadership-health",
  "missile-test",
  "satellite",
  "diplomacy-china",
  "diplomacy-russia",
  "japan",
  "us-talks",
  "economy-signal",
  "food-security",
  "border",
  "propaganda-shift",
  "anniversary",
  "military-parade",
  "cyber",
  "covid",
  "flood",
  "personnel",
  "kim-yo-jong",
  "kim-ju-ae",
  "party-plenum",
  "spa-session",
  "hwasong",
  "nuclear-doctrine",
  "inter-korean",
  "archive",
];

export type BenchDataset = { url: string; articles: number; reused: boolean; seconds: number };

function marker(articles: number): string {
  return `presswatch list bench v${DATASET_VERSION}: ${articles} articles`;
}

/**
 * presswatch_bench_N, or LIST_BENCH_DATABASE's name: a copy (CREATE DATABASE ... TEMPLATE presswatch_bench_N, then
 * the same COMMENT) that a change measures on while the shared one stays as it is.
 */
function benchDatabaseUrl(serverUrl: string, articles: number): string {
  const url = new URL(serverUrl);
  url.pathname = `/${process.env.LIST_BENCH_DATABASE || `presswatch_bench_${articles}`}`;
  return url.toString();
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function isComplete(serverUrl: string, url: string, articles: number): Promise<boolean> {
  const name = new URL(url).pathname.slice(1);
  const admin = new URL(serverUrl);
  admin.pathname = "/postgres";
  const description = await withClient(admin.toString(), async (client) => {
    const result = await client.query<{ description: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS description FROM pg_database WHERE datname = $1`,
      [name],
    );
    return result.rows[0]?.description ?? null;
  });
  if (description !== marker(articles)) return false;
  // The marker is written last, but check the rows too: someone may have emptied the database by hand.
  return withClient(url, async (client) => {
    const result = await client.query<{ n: string }>("SELECT count(*) AS n FROM articles");
    return Number(result.rows[0].n) === articles;
  });
}

function copyEscape(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
}

async function* corpusLines(shared = SHARED_CORPUS, repo = REPO_CORPUS): AsyncGenerator<string> {
  const file = existsSync(shared) ? shared : repo;
  const raw = createReadStream(file);
  const input = file.endsWith(".gz") ? raw.pipe(createGunzip()) : raw;
  for await (const line of readline.createInterface({ input, crlfDelay: Infinity })) {
    if (line.trim()) yield line;
  }
}

async function* stagingRows(): AsyncGenerator<string> {
  let n = 0;
  for await (const line of corpusLines()) {
    const record = JSON.parse(line) as { title: string; body: string };
    n++;
    const fields = [String(n), record.title, record.body, toParagraphHtml(record.body), makeExcerpt(record.body)];
    yield `${fields.map(copyEscape).join("\t")}\n`;
  }
}

async function* koreanRows(): AsyncGenerator<string> {
  let n = 0;
  for await (const line of corpusLines(SHARED_KOREAN, REPO_KOREAN)) {
    const record = JSON.parse(line) as { title: string; body: string };
    yield `${[String(++n), record.title, record.body].map(copyEscape).join("\t")}\n`;
  }
}

/** Gives the articles marked Korean a passage of a Korean text each, before the search index is built. */
async function koreanArticles(client: pg.Client): Promise<void> {
  await client.query(`CREATE UNLOGGED TABLE bench_korean (n int PRIMARY KEY, title text, body text)`);
  await pipeline(Readable.from(koreanRows()), client.query(copyFrom("COPY bench_korean (n, title, body) FROM STDIN")));
  await client.query(
    `UPDATE articles a SET title = x.title, body_text = x.passage, excerpt = left(x.passage, 240),
            body_html = '<p>' || replace(x.passage, E'\\n', '</p><p>') || '</p>'
     FROM (SELECT o.id, k.title,
                  substr(k.body, 1 + ((hashint8(o.id::bigint * 59) & 2147483647) % greatest(length(k.body) - $1, 1))::int, $1) AS passage
           FROM articles o
           CROSS JOIN (SELECT count(*)::int AS n FROM bench_korean) c
           JOIN bench_korean k ON k.n = 1 + (hashint8(o.id::bigint * 53) & 2147483647) % c.n
           WHERE o.language = 'ko') x
     WHERE a.id = x.id`,
    [KOREAN_PASSAGE],
  );
}

async function loadStaging(client: pg.Client): Promise<number> {
  await client.query(
    `CREATE UNLOGGED TABLE bench_corpus (n int PRIMARY KEY, title text, body text, body_html text, excerpt text, themes int[])`,
  );
  await pipeline(
    Readable.from(stagingRows()),
    client.query(copyFrom("COPY bench_corpus (n, title, body, body_html, excerpt) FROM STDIN")),
  );
  const result = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM bench_corpus");
  return result.rows[0].n;
}

async function createReferenceRows(client: pg.Client): Promise<void> {
  await client.query(
    `INSERT INTO users (email, name, password_hash, role) VALUES ('bench@example.com', 'Bench Analyst', 'not-a-hash', 'ANALYST')`,
  );
  for (const [index, theme] of BENCH_THEMES.entries()) {
    await client.query(`INSERT INTO themes (id, name, slug, color) VALUES ($1, $2, $3, $4)`, [
      index + 1,
      theme.name,
      theme.name.toLowerCase().replace(/[^a-z0-9]+/g, "-"),
      theme.color,
    ]);
  }
  let low = 0;
  await client.query(`CREATE UNLOGGED TABLE bench_source_weights (source_id int, lo int, hi int)`);
  for (const [index, source] of BENCH_SOURCES.entries()) {
    await client.query(`INSERT INTO sources (id, name, kind, language) VALUES ($1, $2, 'WEBSITE', 'en')`, [
      index + 1,
      source.name,
    ]);
    await client.query(`INSERT INTO bench_source_weights VALUES ($1, $2, $3)`, [index + 1, low, low + source.weight]);
    low += source.weight;
  }
  await client.query(`CREATE UNLOGGED TABLE bench_tag_weights (tag_id int, lo int, hi int)`);
  const harmonic = BENCH_TAGS.reduce((sum, _tag, index) => sum + 1 / (index + 1), 0);
  let cumulative = 0;
  for (const [index, name] of BENCH_TAGS.entries()) {
    const share = Math.round((10_000 * (1 / (index + 1))) / harmonic);
    await client.query(`INSERT INTO tags (id, name, color) VALUES ($1, $2, '#0ea5e9')`, [index + 1, name]);
    await client.query(`INSERT INTO bench_tag_weights VALUES ($1, $2, $3)`, [
      index + 1,
      cumulative,
      cumulative + share,
    ]);
    cumulative += share;
  }
  for (const table of ["themes", "sources", "tags"]) {
    await client.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT max(id) FROM ${table}))`);
  }
  for (const [index, theme] of BENCH_THEMES.entries()) {
    await client.query(
      `UPDATE bench_corpus SET themes = coalesce(themes, '{}') || $1::int
       WHERE to_tsvector('english', title || ' ' || excerpt) @@ to_tsquery('english', $2)`,
      [index + 1, theme.rule],
    );
  }
}

// h(g, salt) in [0, 1): a cheap deterministic hash of the row number, so every run builds the same data.
const HASH = (salt: number) => `((hashint8(g::bigint * 7919 + ${salt}) & 2147483647)::float8 / 2147483648.0)`;

async function insertArticles(
  client: pg.Client,
  articles: number,
  corpusSize: number,
  log: (line: string) => void,
): Promise<void> {
  const spanMs = BENCH_END.getTime() - new Date(`${FIRST_DAY}T00:00:00Z`).getTime();
  for (let first = 1; first <= articles; first += CHUNK) {
    const last = Math.min(first + CHUNK - 1, articles);
    const started = Date.now();
    // Dates rise with the id, as they do for a tool ingesting daily; 60% carry a date only (midnight),
    // like KCNA's pages, which makes many same-instant ties for keyset paging to get right.
    await client.query(
      `INSERT INTO articles (id, source_id, url, canonical_url, title, body_text, body_html, excerpt, language,
                             published_at, fetched_at, fingerprint, complete, review_status)
       SELECT g, w.source_id, 'https://bench.example/a/' || g, 'bench.example/a/' || g, c.title, c.body, c.body_html,
              c.excerpt,
              CASE WHEN ${HASH(3)} < 0.02 THEN 'ko' WHEN ${HASH(3)} < 0.03 THEN 'ru' ELSE 'en' END,
              d.at, d.at, 'bench-' || g, ${HASH(4)} >= 0.02,
              (CASE WHEN ${HASH(5)} < 0.05 THEN 'FLAGGED' WHEN ${HASH(5)} < 0.30 THEN 'REVIEWED' ELSE 'NEW' END)::"ReviewStatus"
       FROM generate_series($1::int, $2::int) g
       CROSS JOIN LATERAL (SELECT timestamptz '${FIRST_DAY} 00:00:00+00' + ((g - 1)::float8 / $3 * $4) * interval '1 millisecond' AS raw) r
       CROSS JOIN LATERAL (SELECT CASE WHEN ${HASH(6)} < 0.6 THEN date_trunc('day', r.raw) ELSE date_trunc('second', r.raw) END AS at) d
       JOIN bench_corpus c ON c.n = 1 + (hashint8(g::bigint) & 2147483647) % $5
       JOIN bench_source_weights w ON floor(${HASH(2)} * 100) >= w.lo AND floor(${HASH(2)} * 100) < w.hi`,
      [first, last, articles, spanMs, corpusSize],
    );
    log(
      `  articles ${last.toLocaleString("en")} / ${articles.toLocaleString("en")} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
  }
  await client.query(`SELECT setval(pg_get_serial_sequence('articles', 'id'), $1)`, [articles]);
}

async function insertLinks(client: pg.Client, articles: number, corpusSize: number): Promise<void> {
  // The rule themes of the article's corpus text; 3% also get a theme by hand, and 1% of links are
  // exclusions (a rule theme an analyst removed).
  await client.query(
    `INSERT INTO article_themes (article_id, theme_id, origin, excluded, published_at, assigned_by_id)
     SELECT a.id, t.theme_id, 'RULE', ((hashint8(a.id::bigint * 31 + t.theme_id) & 1023) < 10), a.published_at, NULL
     FROM articles a
     JOIN bench_corpus c ON c.n = 1 + (hashint8(a.id::bigint) & 2147483647) % $1
     CROSS JOIN LATERAL unnest(c.themes) AS t(theme_id)`,
    [corpusSize],
  );
  await client.query(
    `INSERT INTO article_themes (article_id, theme_id, origin, published_at, assigned_by_id)
     SELECT a.id, 1 + (hashint8(a.id::bigint * 13) & 2147483647) % $1, 'MANUAL', a.published_at, 1
     FROM articles a
     WHERE (hashint8(a.id::bigint * 17) & 1023) < 31
     ON CONFLICT DO NOTHING`,
    [BENCH_THEMES.length],
  );
  // 8% of articles carry tags (30% of those two), tag popularity Zipf-like.
  await client.query(
    `INSERT INTO article_tags (article_id, tag_id, created_by_id, published_at)
     SELECT a.id, w.tag_id, 1, a.published_at
     FROM articles a
     CROSS JOIN LATERAL (VALUES (1), (2)) k(k)
     JOIN bench_tag_weights w ON (hashint8(a.id::bigint * 101 + k.k) & 2147483647) % 10000 >= w.lo
                             AND (hashint8(a.id::bigint * 101 + k.k) & 2147483647) % 10000 < w.hi
     WHERE (hashint8(a.id::bigint * 37) & 1023) < 82
       AND (k.k = 1 OR (hashint8(a.id::bigint * 41) & 1023) < 307)
     ON CONFLICT DO NOTHING`,
  );
  // 0.5% of articles annotated, one or two notes each.
  await client.query(
    `INSERT INTO annotations (article_id, author_id, note, exact, start_offset, end_offset)
     SELECT a.id, 1, 'Bench note ' || k.k, left(a.excerpt, 40), 0, least(40, length(a.excerpt))
     FROM articles a
     CROSS JOIN LATERAL (VALUES (1), (2)) k(k)
     WHERE (hashint8(a.id::bigint * 43) & 1023) < 5
       AND (k.k = 1 OR (hashint8(a.id::bigint * 47) & 1) = 0)`,
  );
  if (articles < 1) throw new Error("no articles to link");
}

/**
 * The bench database for `articles` rows on the test server: reused when a complete one exists (its
 * comment carries the dataset version and row count), else built from scratch, which takes a while for
 * a million rows on 2 cores (run it once, in the background, and keep it).
 */
export async function ensureListBenchDatabase(options: {
  articles: number;
  log?: (line: string) => void;
}): Promise<BenchDataset> {
  const log = options.log ?? (() => {});
  const started = Date.now();
  const serverUrl = await resolveTestServerUrl(log);
  const url = benchDatabaseUrl(serverUrl, options.articles);
  if (await isComplete(serverUrl, url, options.articles)) {
    // A database built before a migration was written gets it now, as a deployed one would.
    const { applied } = await migrate(url);
    if (applied.length) log(`  applied ${applied.join(", ")}`);
    return { url, articles: options.articles, reused: true, seconds: (Date.now() - started) / 1000 };
  }
  log(`Building ${new URL(url).pathname.slice(1)} (${options.articles.toLocaleString("en")} articles)...`);
  await dropDatabase(url);
  await ensureDatabase(url);
  await migrate(url);
  await withClient(url, async (client) => {
    // Bulk load: indexes that are cheaper to build once than to maintain row by row go first.
    await client.query("SET maintenance_work_mem = '512MB'");
    await client.query("SET synchronous_commit = off");
    await client.query(
      `DROP INDEX articles_search_key_idx, articles_title_trgm_idx, articles_canonical_url_key, articles_fingerprint_key`,
    );
    const corpusSize = await loadStaging(client);
    log(`  staged ${corpusSize} corpus articles`);
    await createReferenceRows(client);
    await insertArticles(client, options.articles, corpusSize, log);
    await koreanArticles(client);
    log("  Korean passages in place");
    await insertLinks(client, options.articles, corpusSize);
    // The counts' triggers saw every row go in: their changes are folded into the counts in one sorted write.
    await client.query("SELECT article_counts_settle(2147483647)");
    log("  links done, counts folded; building indexes");
    await client.query(`CREATE UNIQUE INDEX "articles_canonical_url_key" ON "articles"("canonical_url")`);
    await client.query(`CREATE UNIQUE INDEX "articles_fingerprint_key" ON "articles"("fingerprint")`);
    await client.query(
      `CREATE INDEX "articles_search_key_idx" ON "articles" USING GIN ("article_search_key"("search", "published_at", "id"))`,
    );
    await client.query(`CREATE INDEX "articles_title_trgm_idx" ON "articles" USING GIN ("title" gin_trgm_ops)`);
    await client.query("DROP TABLE bench_corpus, bench_korean, bench_source_weights, bench_tag_weights");
    log("  vacuum analyze");
    await client.query("VACUUM (ANALYZE)");
  });
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  try {
    await seedNamesRegister(prisma);
  } finally {
    await prisma.$disconnect();
  }
  await withClient(serverUrl, (client) =>
    client.query(`COMMENT ON DATABASE ${quoteIdent(new URL(url).pathname.slice(1))} IS '${marker(options.articles)}'`),
  );
  return { url, articles: options.articles, reused: false, seconds: (Date.now() - started) / 1000 };
}
