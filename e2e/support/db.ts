import { readFileSync } from "node:fs";
import pg from "pg";
import { fileURLToPath } from "node:url";

// scripts/e2e-server.ts writes the URL of the run's scratch database here, so specs can set up and
// check data directly (the web server's environment does not reach Playwright's test workers).
export const E2E_DATABASE_URL_FILE = fileURLToPath(new URL("../../test-results/e2e-database-url", import.meta.url));

export function e2eDatabaseUrl(): string {
  try {
    return readFileSync(E2E_DATABASE_URL_FILE, "utf8").trim();
  } catch (error) {
    throw new Error(`No ${E2E_DATABASE_URL_FILE}: the specs need the server that playwright.config.ts starts.`, {
      cause: error,
    });
  }
}

/** One statement against the run's database, on a connection of its own. */
export async function queryE2e<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}
