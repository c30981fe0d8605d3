// `npm run worker`: the background worker. It polls the feed sources on their schedules (and re-checks stored
// articles' pages at their source, lib/jobs/recheck.ts) through the job
// queue in PostgreSQL (pg-boss); run several, on one machine or many, and they share the work. Logs one
// line per poll; stops cleanly on Ctrl-C or SIGTERM, finishing the polls in progress first.
import { resolveDatabaseUrl } from "@/lib/db/database-url";
import { migrate } from "@/lib/db/migrate";
import { env, setDatabaseUrl } from "@/lib/env";

const STOP_TIMEOUT_MS = 30_000;
const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);

try {
  // lib/db reads DATABASE_URL when first used, so every module that reaches it is imported after this.
  const databaseUrl = await resolveDatabaseUrl(log);
  setDatabaseUrl(databaseUrl);
  await migrate(databaseUrl, { log });
  const { createBoss, startBoss } = await import("@/lib/jobs/boss");
  const { registerFeedWorkers } = await import("@/lib/jobs/feeds");
  const { registerThemeWorkers } = await import("@/lib/jobs/themes");
  const { registerRecheckWorkers } = await import("@/lib/jobs/recheck");
  const { registerWatchWorkers } = await import("@/lib/jobs/watches");
  const { startCountSettling } = await import("@/lib/jobs/article-counts");
  const { db } = await import("@/lib/db");

  const concurrency = env().WORKER_CONCURRENCY;
  const boss = await startBoss(createBoss("worker"), log);
  await registerFeedWorkers(boss, { concurrency, log });
  await registerThemeWorkers(boss, { log });
  await registerRecheckWorkers(boss, { log });
  await registerWatchWorkers(boss, { log });
  startCountSettling(boss, { log });
  log(
    `worker ${process.pid} started: polling feed sources, ${concurrency} at a time; re-checking stored pages; delivering watches; folding article counts`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: finishing the polls in progress (up to ${STOP_TIMEOUT_MS / 1000} s), then stopping`);
    try {
      await boss.stop({ graceful: true, wait: true, timeout: STOP_TIMEOUT_MS });
      await db.$disconnect();
      log("worker stopped");
    } catch (error) {
      log(`worker stopped with an error: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    }
    process.exit();
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
} catch (error) {
  console.error(`worker: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
