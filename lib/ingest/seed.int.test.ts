import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { isDatabaseEmpty, seedDemo } from "@/lib/ingest/seed";
import { createScratchDatabase, dropDatabase } from "@/lib/db/database-url";
import { migrate } from "@/lib/db/migrate";
import { PrismaClient } from "@/lib/generated/prisma/client";

// The seed's first run must find no users, themes or articles, and other test files write those to the
// run's shared database: this file gets a scratch database of its own on the same server.

let databaseUrl: string;
let db: PrismaClient<never, { user: { passwordHash: true } }>;

async function countRows() {
  const [users, themes, sources, articles, audits] = await Promise.all([
    db.user.count(),
    db.theme.count(),
    db.source.count(),
    db.article.count(),
    db.auditEvent.count({ where: { action: "seed.demo" } }),
  ]);
  const [{ last_value: articleSequence }] = await db.$queryRaw<
    { last_value: bigint }[]
  >`SELECT last_value FROM articles_id_seq`;
  return { users, themes, sources, articles, audits, articleSequence };
}

function passwordHashes() {
  return db.user.findMany({ orderBy: { email: "asc" }, select: { email: true, passwordHash: true, updatedAt: true } });
}

describe("seedDemo", () => {
  beforeAll(async () => {
    databaseUrl = await createScratchDatabase(
      process.env.TEST_SERVER_URL ?? process.env.DATABASE_URL!,
      "presswatch_seed",
    );
    await migrate(databaseUrl);
    db = new PrismaClient({
      adapter: new PrismaPg({ connectionString: databaseUrl }),
      omit: { user: { passwordHash: true } },
    });
  });

  afterAll(async () => {
    await db?.$disconnect();
    if (databaseUrl) await dropDatabase(databaseUrl);
  });

  it("refuses to create the demo accounts in production, before writing anything", async () => {
    vi.stubEnv("NODE_ENV", "production");
    try {
      await expect(seedDemo(db, { password: "presswatch" })).rejects.toThrow(
        /Refusing to create the demo accounts.*production/,
      );
    } finally {
      vi.unstubAllEnvs();
    }
    expect(await countRows()).toMatchObject({ users: 0, themes: 0, sources: 0, articles: 0, audits: 0 });
    expect(await isDatabaseEmpty(db)).toBe(true);
  });

  it("creates the accounts, themes, sources and articles on the first run", async () => {
    const lines: string[] = [];
    const counts = await seedDemo(db, { password: "presswatch", log: (line) => lines.push(line) });

    expect(counts.users).toBe(3);
    expect(counts.themes).toBe(14);
    expect(counts.sources).toBe(2);
    expect(counts.articles).toBeGreaterThan(1_900);
    expect(counts.articles).toBeLessThan(2_100);
    expect(lines.some((line) => /^articles: \d+ read, \d+ new/.test(line))).toBe(true);
    // The planner and the search's common words have statistics at once, not after autovacuum.
    const [stats] = await db.$queryRaw<{ rows: number; common: number }[]>`
      SELECT (SELECT reltuples FROM pg_class WHERE oid = 'articles'::regclass)::int AS rows,
             (SELECT count(*)::int FROM pg_stats p, unnest(p.most_common_elems::text::text[]) AS e(lexeme)
               WHERE p.schemaname = current_schema() AND p.tablename = 'articles' AND p.attname = 'search') AS common`;
    expect(stats.rows).toBe(counts.articles);
    expect(stats.common).toBeGreaterThan(100);
    expect(await isDatabaseEmpty(db)).toBe(false);

    const users = await db.user.findMany({ orderBy: { email: "asc" }, omit: { passwordHash: false } });
    expect(users.map((user) => [user.email, user.role, user.name])).toEqual([
      ["admin@example.com", "ADMIN", "Ada Admin"],
      ["analyst@example.com", "ANALYST", "Alex Analyst"],
      ["viewer@example.com", "VIEWER", "Vera Viewer"],
    ]);
    for (const user of users) {
      expect(await verifyPassword(user.passwordHash, "presswatch")).toBe(true);
      expect(await verifyPassword(user.passwordHash, "wrong")).toBe(false);
    }

    const themes = await db.theme.findMany({ select: { slug: true, color: true } });
    expect(new Set(themes.map((theme) => theme.color)).size).toBe(14);
    expect(themes.map((theme) => theme.slug)).toContain("nuclear-and-missile-programmes");

    const sources = await db.source.findMany({
      orderBy: { name: "asc" },
      include: { _count: { select: { articles: true } } },
    });
    expect(sources.map((source) => [source.name, source.url, source.kind, source.language])).toEqual([
      ["KCNA", "http://www.kcna.kp", "WEBSITE", "en"],
      ["Rodong Sinmun", "http://www.rodong.rep.kp", "WEBSITE", "en"],
    ]);
    expect(sources.every((source) => source._count.articles > 0)).toBe(true);

    const rows = await countRows();
    expect(rows.articles).toBe(counts.articles);
    expect(rows.audits).toBe(1);
  });

  it("stores articles ready for lists, search and dedup", async () => {
    const [stats] = await db.$queryRaw<
      {
        empty_excerpts: bigint;
        missing_canonical: bigint;
        missing_simhash: bigint;
        off_midnight: bigint;
        newest: Date;
        oldest: Date;
      }[]
    >`
      SELECT count(*) FILTER (WHERE excerpt = '') AS empty_excerpts,
             count(*) FILTER (WHERE canonical_url IS NULL) AS missing_canonical,
             count(*) FILTER (WHERE simhash IS NULL) AS missing_simhash,
             count(*) FILTER (WHERE published_at <> date_trunc('day', published_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC') AS off_midnight,
             max(published_at) AS newest, min(published_at) AS oldest
      FROM articles`;
    expect(stats).toMatchObject({ empty_excerpts: 0n, missing_canonical: 0n, missing_simhash: 0n, off_midnight: 0n });
    expect(stats.newest.getUTCFullYear()).toBe(2024);
    expect(stats.oldest.getUTCFullYear()).toBeLessThan(2000);

    const [{ matches }] = await db.$queryRaw<{ matches: bigint }[]>`
      SELECT count(*) AS matches FROM articles WHERE search @@ websearch_to_tsquery('english', 'missile')`;
    expect(matches).toBeGreaterThan(10n);

    const article = await db.article.findFirstOrThrow({
      where: { url: { startsWith: "http://www.kcna.kp/" } },
      orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    });
    expect(article.canonicalUrl).toMatch(/^https:\/\/kcna\.kp\/en\/article\//);
    expect(article.bodyHtml).toMatch(/^<p>Pyongyang, /);
    expect(article.bodyHtml).not.toMatch(/<p>\s*<\/p>/);
    expect(article.excerpt).not.toMatch(/\(KCNA\)/);
    expect(article.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(article.language).toBe("en");
  });

  it("creates and changes nothing on a second run", async () => {
    const before = await countRows();
    const hashesBefore = await passwordHashes();

    expect(await seedDemo(db, { password: "another password" })).toEqual({
      users: 0,
      themes: 0,
      sources: 0,
      articles: 0,
    });

    // Same rows, same sequence position (no insert was even attempted), same hashes: nothing re-hashed.
    expect(await countRows()).toEqual(before);
    expect(await passwordHashes()).toEqual(hashesBefore);
  });

  it("fails clearly when the articles file is missing", async () => {
    await expect(seedDemo(db, { articlesFile: "prisma/seed-data/no-such-file.jsonl.gz" })).rejects.toThrow(/ENOENT/);
  });
});
