import { parseArgs } from "node:util";
import { resolveDatabaseUrl, stopEmbeddedPostgres } from "@/lib/db/database-url";
import { migrate } from "@/lib/db/migrate";
import { setDatabaseUrl } from "@/lib/env";

// `npm run db:renormalize-urls [-- --dry-run]`: once after an upgrade that changes how URLs are normalised
// (percent-encoding and tracking parameters, December 2026), recomputes every stored canonical URL from the
// URL as received, so stored articles are still found by their address. Prints one JSON object: rows
// checked and changed per table, and the rows kept in their old form because another row holds the new one
// (the same page stored twice; merge them by hand). Safe to run again: a second run changes nothing.

const USAGE = "Usage: npm run db:renormalize-urls [-- --dry-run]";

try {
  const { values } = parseArgs({ options: { "dry-run": { type: "boolean", default: false } } });
  const databaseUrl = await resolveDatabaseUrl((line) => console.error(line));
  setDatabaseUrl(databaseUrl);
  await migrate(databaseUrl, { log: (line) => console.error(line) });
  const { db } = await import("@/lib/db");
  const { renormalizeCanonicalUrls } = await import("@/lib/ingest/renormalize-urls");
  try {
    const result = await renormalizeCanonicalUrls({ dryRun: values["dry-run"] });
    console.log(JSON.stringify({ dryRun: values["dry-run"], ...result }));
    const kept = result.articles.collisions.length + result.duplicates.collisions.length;
    if (kept > 0)
      console.error(`${kept} row(s) kept their old form: another row holds the new one (see "collisions").`);
  } finally {
    await db.$disconnect();
  }
} catch (error) {
  console.error(error instanceof Error ? `${error.message}\n${USAGE}` : String(error));
  process.exitCode = 1;
} finally {
  await stopEmbeddedPostgres();
}
