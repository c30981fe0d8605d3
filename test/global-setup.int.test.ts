import { readdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";

// The workers must see what test/global-setup.ts put in the main process's environment.
describe("test global setup", () => {
  it("hands the workers a fresh, fully migrated scratch database", async () => {
    const databaseUrl = process.env.DATABASE_URL;
    const serverUrl = process.env.TEST_SERVER_URL;
    expect(databaseUrl).toBeDefined();
    expect(serverUrl).toBeDefined();
    expect(new URL(databaseUrl!).pathname).toMatch(/^\/presswatch_test_\d+_/);
    expect(new URL(databaseUrl!).host).toBe(new URL(serverUrl!).host);

    const migrationNames = readdirSync(path.join(process.cwd(), "prisma", "migrations"), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ migration_name: string }>(
        `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY migration_name`,
      );
      expect(rows.map((row) => row.migration_name)).toEqual(migrationNames);
    } finally {
      await client.end();
    }
  });
});
