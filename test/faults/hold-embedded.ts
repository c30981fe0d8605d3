// For the fault tests: a command that uses the embedded PostgreSQL (EMBEDDED_PG_DIR, EMBEDDED_PG_PORT) as
// every command does, through resolveDatabaseUrl. With --once it queries and ends; otherwise it prints
// "ready" and holds the database until SIGTERM, then ends as commands do (stopEmbeddedPostgres).
import pg from "pg";
import { resolveDatabaseUrl, stopEmbeddedPostgres } from "@/lib/db/database-url";

const url = await resolveDatabaseUrl();
const client = new pg.Client({ connectionString: url });
await client.connect();
await client.query("SELECT 1");
await client.end();
if (process.argv.includes("--once")) {
  await stopEmbeddedPostgres();
} else {
  console.log("ready");
  const keepAlive = setInterval(() => undefined, 1_000);
  process.on("SIGTERM", () => {
    clearInterval(keepAlive);
    void stopEmbeddedPostgres().then(() => process.exit(0));
  });
}
