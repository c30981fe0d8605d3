import { ensureDatabase, resolveDatabaseUrl, stopEmbeddedPostgres } from "@/lib/db/database-url";
import { migrate, type MigrateResult } from "@/lib/db/migrate";

// `npm run db:migrate`: applies prisma/migrations to DATABASE_URL, or to the embedded database.

const INVALID_CATALOG_NAME = "3D000";

/** Like `prisma migrate deploy`, creates the database when the server does not have it yet. */
async function migrateCreatingDatabase(url: string): Promise<MigrateResult> {
  try {
    return await migrate(url, { log: console.log });
  } catch (error) {
    if ((error as { code?: string }).code !== INVALID_CATALOG_NAME) throw error;
    console.log(`Creating the database ${new URL(url).pathname.slice(1)} ...`);
    await ensureDatabase(url);
    return migrate(url, { log: console.log });
  }
}

try {
  const url = await resolveDatabaseUrl(console.log);
  const { applied, skipped } = await migrateCreatingDatabase(url);
  if (applied.length === 0) {
    console.log(
      `Database is up to date (${skipped.length} migration${skipped.length === 1 ? "" : "s"} already applied).`,
    );
  } else {
    console.log(`Applied ${applied.length} migration${applied.length === 1 ? "" : "s"}: ${applied.join(", ")}`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
} finally {
  // An embedded server this command started is only needed while it runs.
  await stopEmbeddedPostgres();
}
