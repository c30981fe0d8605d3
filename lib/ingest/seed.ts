import "server-only";
import { createReadStream } from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { createGunzip } from "node:zlib";
import { hashPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { Role, SourceKind } from "@/lib/generated/prisma/enums";
import { fingerprintArticle, makeExcerpt, simhash64 } from "@/lib/ingest/fingerprint";
import { detectLanguage } from "@/lib/ingest/language";
import { normalizeUrl } from "@/lib/ingest/normalize-url";
import { toParagraphHtml } from "@/lib/ingest/text-html";
import { seedNamesRegister } from "@/lib/data/names-import";
import { loadStarterRules } from "@/lib/themes/load-starter-rules";
import { applyRulesToAllArticles } from "@/lib/themes/rules";
import { env } from "@/lib/env";

// Over 300 lines: each demo step (users, themes, sources, articles, names) is short, and they run in this order only.
//
// The demo: three accounts (one per role), starter themes, the two outlets, ~2,000 real KCNA and Rodong
// Sinmun articles (prisma/seed-data/articles.jsonl.gz, made by scripts/make-seed-sample.ts) and a dozen in
// Korean (korean.jsonl.gz, scripts/make-korean-seed-sample.ts), whose language is detected as ingest does.
// Then the starter names register (prisma/seed-data/names/register.jsonl). Every step skips what is already
// there, so running it again creates and changes nothing.

export type SeedDb = Pick<
  Db,
  "user" | "theme" | "source" | "auditEvent" | "$queryRaw" | "$executeRaw" | "$transaction"
>;

export type SeedOptions = {
  password?: string;
  log?: (line: string) => void;
  articlesFile?: string;
  koreanArticlesFile?: string;
};
export type SeedCounts = { users: number; themes: number; sources: number; articles: number };

export const DEFAULT_ARTICLES_FILE = path.join("prisma", "seed-data", "articles.jsonl.gz");
export const KOREAN_ARTICLES_FILE = path.join("prisma", "seed-data", "korean.jsonl.gz");
const BATCH_SIZE = 500;

const DEMO_USERS = [
  { email: "admin@example.com", name: "Ada Admin", role: Role.ADMIN },
  { email: "analyst@example.com", name: "Alex Analyst", role: Role.ANALYST },
  { email: "viewer@example.com", name: "Vera Viewer", role: Role.VIEWER },
];

// Colours from the 600-800 shades of distinct hues: each keeps at least 4.5:1 contrast as text on white.
const STARTER_THEMES = [
  {
    name: "Leadership activities",
    color: "#b91c1c",
    description: "The leader's inspections, field guidance, meetings, letters and public appearances.",
  },
  {
    name: "Party and ideology",
    color: "#c2410c",
    description: "Workers' Party meetings and decisions, Juche and Songun ideology, anniversaries and campaigns.",
  },
  {
    name: "Military and weapons tests",
    color: "#4d7c0f",
    description: "The Korean People's Army, drills, exercises and tests of conventional weapons.",
  },
  {
    name: "Nuclear and missile programmes",
    color: "#a21caf",
    description: "Nuclear tests, ballistic missile and satellite launches, and statements about deterrence.",
  },
  {
    name: "Foreign affairs",
    color: "#0369a1",
    description: "Diplomacy, delegations, greetings to foreign leaders, embassies and solidarity groups abroad.",
  },
  {
    name: "Inter-Korean relations",
    color: "#0f766e",
    description: "Relations with South Korea: talks, joint projects, reunions, and criticism of Seoul.",
  },
  {
    name: "The US and its allies",
    color: "#1d4ed8",
    description: "The United States, Japan and their alliances, joint exercises and sanctions.",
  },
  {
    name: "Economy and industry",
    color: "#a16207",
    description: "Factories, mines, power, metals, light industry and economic plans.",
  },
  {
    name: "Agriculture",
    color: "#15803d",
    description: "Farming, harvests, fisheries, livestock and land management.",
  },
  {
    name: "Construction",
    color: "#92400e",
    description: "Housing, public buildings, roads, railways and other construction projects.",
  },
  {
    name: "Science and technology",
    color: "#4338ca",
    description: "Research, inventions, IT, space development and science education.",
  },
  { name: "Health", color: "#be185d", description: "Hospitals, medicine, epidemics and public health campaigns." },
  {
    name: "Disasters and weather",
    color: "#475569",
    description: "Floods, typhoons, droughts, weather reports and disaster recovery.",
  },
  {
    name: "Culture and sport",
    color: "#7e22ce",
    description: "Arts, performances, films, publishing, heritage and sporting events.",
  },
].map((theme) => ({
  ...theme,
  slug: theme.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, ""),
}));

const DEMO_SOURCES = [
  { name: "KCNA", url: "http://www.kcna.kp", kind: SourceKind.WEBSITE, language: "en" },
  { name: "Rodong Sinmun", url: "http://www.rodong.rep.kp", kind: SourceKind.WEBSITE, language: "en" },
];

type CorpusRecord = { title: string; published: string; source: string; url: string; body: string };

type ArticleRow = {
  sourceId: number;
  url: string;
  canonicalUrl: string | null;
  title: string;
  bodyText: string;
  bodyHtml: string;
  excerpt: string;
  language: string;
  publishedAt: Date;
  fingerprint: string;
  simhash: bigint;
};

/** True when nobody can sign in yet: `npm start` seeds such a database once. */
export async function isDatabaseEmpty(db: Pick<Db, "user">): Promise<boolean> {
  return (await db.user.count()) === 0;
}

function parseRecord(line: string, lineNumber: number): CorpusRecord {
  const record = JSON.parse(line) as Partial<CorpusRecord>;
  for (const field of ["title", "published", "source", "url", "body"] as const) {
    if (typeof record[field] !== "string" || record[field] === "")
      throw new Error(`seed articles line ${lineNumber}: missing ${field}`);
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(record.published!))
    throw new Error(`seed articles line ${lineNumber}: bad date ${record.published}`);
  return record as CorpusRecord;
}

async function* readRecords(file: string): AsyncGenerator<CorpusRecord> {
  const compressed = createReadStream(file);
  const text = compressed.pipe(createGunzip());
  compressed.on("error", (error) => text.destroy(error));
  let lineNumber = 0;
  for await (const line of readline.createInterface({ input: text, crlfDelay: Infinity })) {
    lineNumber++;
    if (line.trim()) yield parseRecord(line, lineNumber);
  }
}

async function seedUsers(db: SeedDb, password: string): Promise<number> {
  const existing = await db.user.findMany({
    where: { email: { in: DEMO_USERS.map((user) => user.email) } },
    select: { email: true },
  });
  const taken = new Set(existing.map((user) => user.email));
  const missing = DEMO_USERS.filter((user) => !taken.has(user.email));
  if (missing.length === 0) return 0;
  if (env().NODE_ENV === "production") {
    throw new Error(
      `Refusing to create the demo accounts (${missing.map((user) => user.email).join(", ")}) with NODE_ENV=production: ` +
        "their password is published. Create real accounts instead.",
    );
  }
  const data = await Promise.all(
    missing.map(async (user) => ({ ...user, passwordHash: await hashPassword(password) })),
  );
  return (await db.user.createMany({ data, skipDuplicates: true })).count;
}

async function seedThemes(db: SeedDb): Promise<number> {
  const existing = await db.theme.findMany({ select: { name: true, slug: true } });
  const taken = new Set(existing.flatMap((theme) => [theme.name, theme.slug]));
  const missing = STARTER_THEMES.filter((theme) => !taken.has(theme.name) && !taken.has(theme.slug));
  if (missing.length === 0) return 0;
  return (await db.theme.createMany({ data: missing, skipDuplicates: true })).count;
}

async function seedSources(db: SeedDb): Promise<{ created: number; idByName: Map<string, number> }> {
  const names = DEMO_SOURCES.map((source) => source.name);
  const existing = await db.source.findMany({ where: { name: { in: names } }, select: { name: true } });
  const taken = new Set(existing.map((source) => source.name));
  const missing = DEMO_SOURCES.filter((source) => !taken.has(source.name));
  const created = missing.length ? (await db.source.createMany({ data: missing, skipDuplicates: true })).count : 0;
  const sources = await db.source.findMany({ where: { name: { in: names } }, select: { id: true, name: true } });
  return { created, idByName: new Map(sources.map((source) => [source.name, source.id])) };
}

/**
 * Inserts the rows neither key (canonical URL, fingerprint) already knows. The look-up first keeps a re-run
 * from burning sequence values and recomputing tsvectors; ON CONFLICT DO NOTHING (no target, so both
 * unique keys count) still settles duplicates inside the batch and races with another writer.
 */
async function insertArticles(db: SeedDb, rows: ArticleRow[]): Promise<number> {
  const urls = rows.flatMap((row) => (row.canonicalUrl ? [row.canonicalUrl] : []));
  const known = await db.$queryRaw<{ canonical_url: string | null; fingerprint: string }[]>`
    SELECT canonical_url, fingerprint FROM articles
    WHERE fingerprint IN (${Prisma.join(rows.map((row) => row.fingerprint))})
       ${urls.length ? Prisma.sql`OR canonical_url IN (${Prisma.join(urls)})` : Prisma.empty}`;
  const knownKeys = new Set(known.flatMap((row) => [row.fingerprint, row.canonical_url]));
  const fresh = rows.filter(
    (row) => !knownKeys.has(row.fingerprint) && !(row.canonicalUrl && knownKeys.has(row.canonicalUrl)),
  );
  if (fresh.length === 0) return 0;
  return db.$executeRaw`
    INSERT INTO articles (source_id, url, canonical_url, title, body_text, body_html, excerpt, language, published_at, fingerprint, simhash)
    VALUES ${Prisma.join(
      fresh.map(
        (
          row,
        ) => Prisma.sql`(${row.sourceId}, ${row.url}, ${row.canonicalUrl}, ${row.title}, ${row.bodyText}, ${row.bodyHtml},
          ${row.excerpt}, ${row.language}, ${row.publishedAt}, ${row.fingerprint}, ${row.simhash})`,
      ),
    )}
    ON CONFLICT DO NOTHING`;
}

async function seedArticles(
  db: SeedDb,
  file: string,
  sourceIds: Map<string, number>,
  log: (line: string) => void,
): Promise<number> {
  const started = performance.now();
  let read = 0;
  let created = 0;
  let batch: ArticleRow[] = [];
  for await (const record of readRecords(file)) {
    const sourceId = sourceIds.get(record.source);
    if (sourceId === undefined) throw new Error(`seed article ${record.url}: unknown source "${record.source}"`);
    batch.push({
      sourceId,
      url: record.url,
      canonicalUrl: normalizeUrl(record.url),
      title: record.title,
      bodyText: record.body,
      bodyHtml: toParagraphHtml(record.body),
      excerpt: makeExcerpt(record.body),
      language: detectLanguage(`${record.title}\n${record.body}`) ?? "en",
      publishedAt: new Date(`${record.published}T00:00:00Z`),
      fingerprint: fingerprintArticle(record),
      simhash: simhash64(record.body),
    });
    read++;
    if (batch.length === BATCH_SIZE) {
      created += await insertArticles(db, batch);
      batch = [];
    }
  }
  if (batch.length) created += await insertArticles(db, batch);
  const seconds = (performance.now() - started) / 1000;
  log(
    `articles: ${read} read, ${created} new in ${seconds.toFixed(1)} s (${Math.round(read / seconds)} articles/s) from ${path.basename(file)}`,
  );
  return created;
}

/** Seeds the demo; idempotent. Throws before writing anything if it would create demo accounts in production. */
export async function seedDemo(db: SeedDb, options: SeedOptions = {}): Promise<SeedCounts> {
  const log = options.log ?? (() => {});
  const password = options.password ?? env().SEED_PASSWORD;
  const users = await seedUsers(db, password);
  log(`users: ${users} new`);
  const themes = await seedThemes(db);
  log(`themes: ${themes} new`);
  const { created: sources, idByName } = await seedSources(db);
  log(`sources: ${sources} new`);
  let articles = 0;
  for (const file of [
    options.articlesFile ?? DEFAULT_ARTICLES_FILE,
    options.koreanArticlesFile ?? KOREAN_ARTICLES_FILE,
  ])
    articles += await seedArticles(db, path.resolve(file), idByName, log);
  const names = await seedNamesRegister(db);
  if (names.ok) log(`names register: ${names.entriesCreated} new entries, ${names.aliasesAdded} new spellings`);
  const rules = await loadStarterRules(db);
  log(`theme rules: ${rules} new`);
  if (rules + articles > 0) {
    const themed = await applyRulesToAllArticles({ db });
    log(`themes by rule: ${themed.added} added, ${themed.removed} removed`);
  }
  if (articles > 0) {
    // Statistics now, not when autovacuum gets round to it: until then the planner guesses from an empty table, and
    // the search finds no common words (common-words.ts reads them from ANALYZE), so the demo's first searches ran
    // on plans made for zero rows.
    await db.$executeRaw`ANALYZE articles, article_themes, article_tags, article_openings`;
    log("statistics gathered");
  }
  const counts = { users, themes, sources, articles };
  if (users + themes + sources + articles > 0) {
    await db.auditEvent.create({ data: { actorId: null, action: "seed.demo", meta: counts } });
  }
  return counts;
}
