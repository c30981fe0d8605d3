// `npm run db:seed`: loads the demo (accounts, themes, sources, articles) into a migrated database.
// Safe to run again: it only adds what is missing.
import { resolveDatabaseUrl, stopEmbeddedPostgres } from "@/lib/db/database-url";

try {
  // lib/db reads DATABASE_URL, so it is imported only once the URL is known.
  process.env.DATABASE_URL = await resolveDatabaseUrl(console.log);
  const { db } = await import("@/lib/db");
  const { seedDemo } = await import("@/lib/data/seed");
  try {
    const [{ migrated }] = await db.$queryRaw<
      { migrated: boolean }[]
    >`SELECT to_regclass('public.users') IS NOT NULL AS migrated`;
    if (!migrated) {
      console.error("The database has no tables yet: run npm run db:migrate first.");
      process.exitCode = 1;
    } else {
      const started = performance.now();
      const counts = await seedDemo(db, { log: console.log });
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(
        `Seeded in ${seconds} s: ${counts.users} users, ${counts.themes} themes, ${counts.sources} sources, ${counts.articles} articles new.`,
      );
    }
  } finally {
    await db.$disconnect();
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
} finally {
  // An embedded server this command started is only needed while it runs.
  await stopEmbeddedPostgres();
}
