import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";

// Applies prisma/migrations the way `prisma migrate deploy` does, bookkeeping included, because
// Prisma's schema engine cannot be downloaded here. The `_prisma_migrations` rows are the ones Prisma
// writes (same DDL, sha256 checksums, one step per migration), so the real CLI can take over a
// database this runner built, and the reverse.

export type MigrateOptions = {
  migrationsDir?: string;
  log?: (line: string) => void;
};

export type MigrateResult = {
  /** Migrations run by this call, in order. */
  applied: string[];
  /** Migrations found already applied. */
  skipped: string[];
};

type MigrationFile = { name: string; script: string; checksum: string };

type MigrationRow = {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  started_at: Date;
  logs: string | null;
};

/** The key Prisma's schema engine locks, so our runner and the real CLI also exclude each other. */
const PRISMA_MIGRATE_LOCK_KEY = 72707369;

// Prisma's schema engine's DDL (Postgres flavour), made safe to repeat.
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
)`;

function checksumOf(script: string | Buffer): string {
  return createHash("sha256").update(script).digest("hex");
}

/** Like Prisma: a checkout that only changed line endings (git autocrlf) is not a modified migration. */
function matchesAppliedChecksum(migration: MigrationFile, checksum: string): boolean {
  if (migration.checksum === checksum) return true;
  return [migration.script.replace(/\r\n/g, "\n"), migration.script.replace(/\n/g, "\r\n")].some(
    (variant) => checksumOf(variant) === checksum,
  );
}

async function readMigrations(migrationsDir: string): Promise<MigrationFile[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const file = path.join(migrationsDir, name, "migration.sql");
      const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
        throw new Error(`Migration ${name} has no readable migration.sql (${error.code ?? error.message})`, {
          cause: error,
        });
      });
      return { name, script: bytes.toString("utf8"), checksum: checksumOf(bytes) };
    }),
  );
}

/** Applies every pending migration of `migrationsDir` to the database, each in its own transaction. */
export async function migrate(databaseUrl: string, options: MigrateOptions = {}): Promise<MigrateResult> {
  const migrationsDir = options.migrationsDir ?? path.join(process.cwd(), "prisma", "migrations");
  const log = options.log ?? (() => {});
  const migrations = await readMigrations(migrationsDir);

  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await acquireLock(client, log);
    try {
      return await applyPending(client, migrations, log);
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATE_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}

async function acquireLock(client: pg.Client, log: (line: string) => void): Promise<void> {
  const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [
    PRISMA_MIGRATE_LOCK_KEY,
  ]);
  if (rows[0].locked) return;
  log("Another migration run holds the lock; waiting for it to finish ...");
  await client.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK_KEY]);
}

async function applyPending(
  client: pg.Client,
  migrations: MigrationFile[],
  log: (line: string) => void,
): Promise<MigrateResult> {
  await client.query(CREATE_MIGRATIONS_TABLE);
  const { rows } = await client.query<MigrationRow>(
    `SELECT migration_name, checksum, finished_at, started_at, logs
       FROM "_prisma_migrations" WHERE rolled_back_at IS NULL ORDER BY started_at`,
  );

  const failed = rows.filter((row) => row.finished_at === null);
  if (failed.length > 0) throw new Error(describeFailed(failed));

  const appliedRows = new Map(rows.map((row) => [row.migration_name, row]));
  const modified = migrations.filter((migration) => {
    const row = appliedRows.get(migration.name);
    return row !== undefined && !matchesAppliedChecksum(migration, row.checksum);
  });
  if (modified.length > 0) {
    throw new Error(
      modified.map((m) => `The migration \`${m.name}\` was modified after it was applied.`).join("\n") +
        "\nRestore its migration.sql as it was, and put the change in a new migration.",
    );
  }

  const known = new Set(migrations.map((migration) => migration.name));
  for (const row of rows) {
    if (!known.has(row.migration_name)) {
      log(`Warning: ${row.migration_name} is recorded as applied but is not in the migrations folder.`);
    }
  }

  const result: MigrateResult = { applied: [], skipped: [] };
  for (const migration of migrations) {
    if (appliedRows.has(migration.name)) {
      result.skipped.push(migration.name);
      continue;
    }
    log(`Applying ${migration.name} ...`);
    await applyOne(client, migration);
    result.applied.push(migration.name);
  }
  return result;
}

async function applyOne(client: pg.Client, migration: MigrationFile): Promise<void> {
  let scriptRan = false;
  await client.query("BEGIN");
  try {
    // No parameters: pg sends the file over the simple query protocol, which runs several statements.
    await client.query(migration.script);
    scriptRan = true;
    // started_at is the transaction's start (now()), finished_at the moment the script ended.
    await client.query(
      `INSERT INTO "_prisma_migrations"
         (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
       VALUES ($1, $2, clock_timestamp(), $3, NULL, NULL, now(), 1)`,
      [randomUUID(), migration.checksum, migration.name],
    );
    await client.query("COMMIT");
  } catch (error) {
    // A dropped connection has already aborted the transaction; its error is the one to report.
    await client.query("ROLLBACK").catch(() => {});
    const reason = describeSqlError(error, scriptRan ? undefined : migration.script);
    throw new Error(`Migration ${migration.name} failed; nothing of it was applied.\n${reason}`, { cause: error });
  }
}

function describeFailed(failed: MigrationRow[]): string {
  const lines = failed.map((row) => {
    const logs = row.logs?.trim() ? ` with the following logs:\n${row.logs.trim()}` : "";
    return `The \`${row.migration_name}\` migration started at ${row.started_at.toISOString()} failed${logs}`;
  });
  return [
    "Found failed migrations in the target database; new migrations will not be applied.",
    ...lines,
    "Repair the database by hand, then mark the migration rolled back " +
      '(`prisma migrate resolve --rolled-back <name>`, or UPDATE "_prisma_migrations" SET rolled_back_at = now() ' +
      "WHERE migration_name = '<name>') so it runs again, or applied (`prisma migrate resolve --applied <name>`).",
  ].join("\n");
}

/** `script` is the text the error's position points into, when it came from the migration itself. */
function describeSqlError(error: unknown, script: string | undefined): string {
  if (!(error instanceof Error)) return String(error);
  const details = error as Error & { position?: string; detail?: string; hint?: string; code?: string };
  const parts = [details.code ? `${details.message} (SQLSTATE ${details.code})` : details.message];
  if (details.position && script !== undefined) {
    const offset = Number(details.position) - 1;
    const line = script.slice(0, offset).split("\n").length;
    parts.push(`at line ${line}: ${script.split("\n")[line - 1]?.trim() ?? ""}`);
  }
  if (details.detail) parts.push(`Detail: ${details.detail}`);
  if (details.hint) parts.push(`Hint: ${details.hint}`);
  return parts.join("\n");
}
