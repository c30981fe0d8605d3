// `npm run db:seed [-- --articles-file FILE --korean-articles-file FILE]`: loads the demo (accounts, themes, sources, articles) into a
// migrated database; the articles come from prisma/seed-data unless another JSONL(.gz) file is named.
// Safe to run again: it only adds what is missing.
import { parseArgs } from "node:util";
import { resolveDatabaseUrl, stopEmbeddedPostgres } from "@/lib/db/database-url";
import { setDatabaseUrl } from "@/lib/env";

try {
  const { values } = parseArgs({
    options: { "articles-file": { type: "string" }, "korean-articles-file": { type: "string" } },
  });
  // lib/db reads DATABASE_URL, so it is imported only once the URL is known.
  setDatabaseUrl(await resolveDatabaseUrl(console.log));
  const { db } = await import("@/lib/db");
  const { seedDemo } = await import("@/lib/ingest/seed");
  try {
    const [{ migrated }] = await db.$queryRaw<
      { migrated: boolean }[]
    >`SELECT to_regclass('public.users') IS NOT NULL AS migrated`;
    if (!migrated) {
      console.error("The database has no tables yet: run npm run db:migrate first.");
      process.exitCode = 1;
    } else {
      const started = performance.now();
      const counts = await seedDemo(db, {
        log: console.log,
        articlesFile: values["articles-file"],
        koreanArticlesFile: values["korean-articles-file"],
      });
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
