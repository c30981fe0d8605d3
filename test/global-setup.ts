import { createScratchDatabase, dropDatabase, resolveTestServerUrl, stopEmbeddedPostgres } from "@/lib/db/database-url";
import { migrate } from "@/lib/db/migrate";

// One fresh, migrated database per test run, on TEST_DATABASE_URL's server (else DATABASE_URL's, else
// the embedded one). Workers are forked after this runs and inherit process.env, so every test file
// reaches it as DATABASE_URL; TEST_SERVER_URL is for tests that need more scratch databases.
export default async function setup(): Promise<() => Promise<void>> {
  const serverUrl = await resolveTestServerUrl();
  const databaseUrl = await createScratchDatabase(serverUrl);
  try {
    await migrate(databaseUrl);
  } catch (error) {
    await dropDatabase(databaseUrl);
    await stopEmbeddedPostgres();
    throw error;
  }
  process.env.DATABASE_URL = databaseUrl;
  process.env.TEST_SERVER_URL = serverUrl;

  return async () => {
    await dropDatabase(databaseUrl);
    await stopEmbeddedPostgres();
  };
}
