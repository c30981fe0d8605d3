import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createScratchDatabase, dropDatabase } from "@/lib/db/database-url";
import { migrate } from "@/lib/db/migrate";

// Each case gets its own scratch database: the runner's first run is what is under test.

const projectMigrations = path.join(process.cwd(), "prisma", "migrations");
const scratchDatabases: string[] = [];
const tempDirs: string[] = [];

async function scratchDatabase(): Promise<string> {
  const url = await createScratchDatabase(process.env.TEST_SERVER_URL!, "presswatch_migrate");
  scratchDatabases.push(url);
  return url;
}

async function tempMigrations(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "presswatch-migrations-"));
  tempDirs.push(dir);
  for (const [name, sql] of Object.entries(files)) await writeMigration(dir, name, sql);
  return dir;
}

async function writeMigration(dir: string, name: string, sql: string): Promise<void> {
  await mkdir(path.join(dir, name), { recursive: true });
  await writeFile(path.join(dir, name, "migration.sql"), sql);
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

async function tableNames(url: string): Promise<string[]> {
  const rows = await query<{ table_name: string }>(
    url,
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
  );
  return rows.map((row) => row.table_name);
}

type BookkeepingRow = {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
};

function bookkeeping(url: string): Promise<BookkeepingRow[]> {
  return query<BookkeepingRow>(url, `SELECT * FROM "_prisma_migrations" ORDER BY migration_name`);
}

async function projectMigrationNames(): Promise<string[]> {
  const entries = await readdir(projectMigrations, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

afterEach(async () => {
  await Promise.all(tempDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

afterAll(async () => {
  for (const url of scratchDatabases) await dropDatabase(url);
});

describe("migrate", () => {
  it("applies every migration to a fresh database", async () => {
    const url = await scratchDatabase();
    const result = await migrate(url, { migrationsDir: projectMigrations });

    expect(result).toEqual({ applied: await projectMigrationNames(), skipped: [] });
    expect(await tableNames(url)).toEqual(
      expect.arrayContaining(["_prisma_migrations", "users", "sources", "articles", "article_themes", "audit_events"]),
    );
  });

  it("does nothing on a second run", async () => {
    const url = await scratchDatabase();
    await migrate(url, { migrationsDir: projectMigrations });
    const rowsBefore = await bookkeeping(url);

    const again = await migrate(url, { migrationsDir: projectMigrations });

    expect(again).toEqual({ applied: [], skipped: await projectMigrationNames() });
    expect(await bookkeeping(url)).toEqual(rowsBefore);
  });

  it("keeps _prisma_migrations as prisma migrate deploy does", async () => {
    const url = await scratchDatabase();
    const before = new Date();
    await migrate(url, { migrationsDir: projectMigrations });

    const columns = await query(
      url,
      `SELECT column_name, data_type, character_maximum_length AS length, is_nullable, column_default
         FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns).toEqual([
      { column_name: "id", data_type: "character varying", length: 36, is_nullable: "NO", column_default: null },
      { column_name: "checksum", data_type: "character varying", length: 64, is_nullable: "NO", column_default: null },
      {
        column_name: "finished_at",
        data_type: "timestamp with time zone",
        length: null,
        is_nullable: "YES",
        column_default: null,
      },
      {
        column_name: "migration_name",
        data_type: "character varying",
        length: 255,
        is_nullable: "NO",
        column_default: null,
      },
      { column_name: "logs", data_type: "text", length: null, is_nullable: "YES", column_default: null },
      {
        column_name: "rolled_back_at",
        data_type: "timestamp with time zone",
        length: null,
        is_nullable: "YES",
        column_default: null,
      },
      {
        column_name: "started_at",
        data_type: "timestamp with time zone",
        length: null,
        is_nullable: "NO",
        column_default: "now()",
      },
      {
        column_name: "applied_steps_count",
        data_type: "integer",
        length: null,
        is_nullable: "NO",
        column_default: "0",
      },
    ]);
    const [primaryKey] = await query<{ columns: string[] }>(
      url,
      `SELECT array_agg(a.attname)::text[] AS columns FROM pg_constraint c
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
        WHERE c.conrelid = '"_prisma_migrations"'::regclass AND c.contype = 'p'`,
    );
    expect(primaryKey.columns).toEqual(["id"]);

    const rows = await bookkeeping(url);
    const names = await projectMigrationNames();
    expect(rows.map((row) => row.migration_name)).toEqual(names);
    for (const row of rows) {
      const file = await readFile(path.join(projectMigrations, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(file).digest("hex"));
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(row.applied_steps_count).toBe(1);
      expect(row.logs).toBeNull();
      expect(row.rolled_back_at).toBeNull();
      expect(row.finished_at).not.toBeNull();
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
      expect(row.started_at.getTime()).toBeGreaterThan(before.getTime() - 60_000);
    }
  });

  it("leaves the database as it was when a migration fails, and names it", async () => {
    const url = await scratchDatabase();
    const dir = await tempMigrations({
      "20260101000000_good": `CREATE TABLE "good_one" ("id" INTEGER NOT NULL);`,
      "20260102000000_bad": `CREATE TABLE "bad_one" ("id" INTEGER NOT NULL);\nINSERT INTO "bad_one" VALUES (1);\nINSERT INTO "bad_one" ("nope") VALUES (2);\n`,
    });

    const failure = await migrate(url, { migrationsDir: dir }).catch((error: Error) => error);

    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toContain("20260102000000_bad");
    expect((failure as Error).message).toContain('column "nope" of relation "bad_one" does not exist');
    expect((failure as Error).message).toContain('at line 3: INSERT INTO "bad_one" ("nope") VALUES (2);');
    const tables = await tableNames(url);
    expect(tables).toContain("good_one");
    expect(tables).not.toContain("bad_one");
    expect((await bookkeeping(url)).map((row) => row.migration_name)).toEqual(["20260101000000_good"]);

    // Nothing recorded the failure, so the corrected migration simply runs next time.
    await writeMigration(dir, "20260102000000_bad", `CREATE TABLE "bad_one" ("id" INTEGER NOT NULL);\n`);
    expect(await migrate(url, { migrationsDir: dir })).toEqual({
      applied: ["20260102000000_bad"],
      skipped: ["20260101000000_good"],
    });
  });

  it("keeps a migration's changes only together with its _prisma_migrations row", async () => {
    const url = await scratchDatabase();
    // The script itself succeeds; the bookkeeping insert after it fails.
    const dir = await tempMigrations({
      "20260101000000_sabotage": `CREATE TABLE "kept_only_with_its_row" ("id" INTEGER);
CREATE FUNCTION "refuse_bookkeeping"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'bookkeeping refused'; END $$;
CREATE TRIGGER "refuse_bookkeeping" BEFORE INSERT ON "_prisma_migrations"
  FOR EACH ROW EXECUTE FUNCTION "refuse_bookkeeping"();
`,
    });

    await expect(migrate(url, { migrationsDir: dir })).rejects.toThrow(
      /Migration 20260101000000_sabotage failed[\s\S]*bookkeeping refused/,
    );
    expect(await tableNames(url)).not.toContain("kept_only_with_its_row");
    expect(await bookkeeping(url)).toEqual([]);
  });

  it("refuses to run when an applied migration was modified, but not for changed line endings", async () => {
    const url = await scratchDatabase();
    const dir = await tempMigrations({
      "20260101000000_first": `CREATE TABLE "first" ("id" INTEGER NOT NULL);\nCREATE INDEX "first_id_idx" ON "first"("id");\n`,
    });
    await migrate(url, { migrationsDir: dir });

    await writeMigration(
      dir,
      "20260101000000_first",
      `CREATE TABLE "first" ("id" INTEGER NOT NULL);\r\nCREATE INDEX "first_id_idx" ON "first"("id");\r\n`,
    );
    expect(await migrate(url, { migrationsDir: dir })).toEqual({ applied: [], skipped: ["20260101000000_first"] });

    await writeMigration(dir, "20260101000000_first", `CREATE TABLE "first" ("id" BIGINT NOT NULL);\n`);
    await writeMigration(dir, "20260102000000_second", `CREATE TABLE "second" ("id" INTEGER NOT NULL);\n`);
    await expect(migrate(url, { migrationsDir: dir })).rejects.toThrow(
      "The migration `20260101000000_first` was modified after it was applied.",
    );
    expect(await tableNames(url)).not.toContain("second");
  });

  it("stops at a failed migration recorded by the Prisma CLI", async () => {
    const url = await scratchDatabase();
    const dir = await tempMigrations({ "20260101000000_first": `CREATE TABLE "first" ("id" INTEGER NOT NULL);\n` });
    await migrate(url, { migrationsDir: dir });
    await query(
      url,
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, logs, started_at, applied_steps_count)
       VALUES (gen_random_uuid()::text, repeat('0', 64), '20260102000000_broken', 'ERROR: boom', now(), 0)`,
    );
    await writeMigration(dir, "20260103000000_third", `CREATE TABLE "third" ("id" INTEGER NOT NULL);\n`);

    const failure = await migrate(url, { migrationsDir: dir }).catch((error: Error) => error);

    expect((failure as Error).message).toMatch(/failed migrations/);
    expect((failure as Error).message).toMatch(
      /`20260102000000_broken` migration started at .* failed with the following logs:\nERROR: boom/,
    );
    expect(await tableNames(url)).not.toContain("third");
  });

  it("applies each migration once when two runs start together", async () => {
    const url = await scratchDatabase();
    // Hold Prisma's migrate lock so both runs are certainly in flight together when it is released.
    const gate = new pg.Client({ connectionString: url });
    await gate.connect();
    await gate.query("SELECT pg_advisory_lock(72707369)");
    const logs: string[] = [];
    const runs = [1, 2].map(() => migrate(url, { migrationsDir: projectMigrations, log: (line) => logs.push(line) }));
    runs.forEach((run) => run.catch(() => {}));
    try {
      await expect
        .poll(async () => {
          const [row] = await query<{ waiting: number }>(
            url,
            `SELECT count(*)::int AS waiting FROM pg_locks WHERE locktype = 'advisory' AND objid = 72707369 AND NOT granted`,
          );
          return row.waiting;
        })
        .toBe(2);
    } finally {
      await gate.query("SELECT pg_advisory_unlock(72707369)");
      await gate.end();
    }

    const [first, second] = await Promise.all(runs);

    const names = await projectMigrationNames();
    expect([first.applied, second.applied].sort((a, b) => a.length - b.length)).toEqual([[], names]);
    expect((await bookkeeping(url)).map((row) => row.migration_name)).toEqual(names);
    expect(logs.filter((line) => line.includes("waiting"))).toHaveLength(2);
  });
});
