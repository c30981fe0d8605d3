// `npm start` (and `npm run dev` with --dev): the one command a newcomer runs. Finds or starts the
// database, migrates it, loads the demo data into a new embedded database, builds when the sources
// changed, then serves the app and runs the background worker until Ctrl-C.
import { existsSync } from "node:fs";
import path from "node:path";
import { EMBEDDED_DIR, EMBEDDED_PORT, resolveDatabaseUrl, stopEmbeddedPostgres } from "@/lib/db/database-url";
import { migrate } from "@/lib/db/migrate";
import { readOrCreateAuthSecret } from "./lib/auth-secret";
import { buildIfNeeded } from "./lib/build-if-needed";
import {
  nextCommand,
  onShutdownSignal,
  webServerCommand,
  superviseChildren,
  tsxCommand,
  WORKER_RESTART,
} from "./lib/children";
import { assertPortFree, waitForServer } from "./lib/wait-for-server";
import { childEnv, env, setDatabaseUrl } from "@/lib/env";

const DEMO_EMAILS = ["admin@example.com", "analyst@example.com", "viewer@example.com"];
const WORKER_SCRIPT = path.join("scripts", "worker.ts");

const flags = new Set(process.argv.slice(2));
const dev = flags.has("--dev");
const { HOST: host, PORT: port, SEED_PASSWORD } = env();
const log = (line: string) => console.log(line);

const children = superviseChildren(({ name, code, signal, restartInMs }) => {
  const how = signal ?? `exit code ${code}`;
  if (restartInMs !== undefined) {
    console.error(
      `The ${name} stopped unexpectedly (${how}); starting it again in ${Math.round(restartInMs / 1000)} s.`,
    );
    return;
  }
  console.error(`\nThe ${name} stopped unexpectedly (${how}); shutting everything down.`);
  void shutdown(1);
});

async function shutdown(exitCode: number): Promise<never> {
  await children.stopAll();
  await stopEmbeddedPostgres();
  process.exit(exitCode);
}

/** Seeds the demo into an empty database when asked to; says whether the demo accounts exist. */
async function prepareDemo(seedWanted: boolean): Promise<boolean> {
  // lib/db reads DATABASE_URL when first used, so it is imported only once that is set.
  const { db } = await import("@/lib/db");
  const { isDatabaseEmpty, seedDemo } = await import("@/lib/ingest/seed");
  try {
    if (seedWanted && (await isDatabaseEmpty(db))) {
      log("Loading the demo data (accounts, themes, ~2,000 real articles) ...");
      await seedDemo(db, { log: (line) => log(`  ${line}`) });
    }
    return (await db.user.count({ where: { email: { in: DEMO_EMAILS } } })) > 0;
  } finally {
    await db.$disconnect();
  }
}

function describeDatabase(embedded: boolean, databaseUrl: string): string {
  if (embedded) return `embedded PostgreSQL in ${EMBEDDED_DIR} (port ${EMBEDDED_PORT})`;
  const url = new URL(databaseUrl);
  return `${url.host}${url.pathname} (DATABASE_URL)`;
}

function printBanner(url: string, demo: boolean, data: string, worker: boolean): void {
  const lines = [`Presswatch is running at ${url}`, ""];
  if (demo) {
    lines.push(`Demo sign-ins (password: ${SEED_PASSWORD}):`);
    lines.push(...DEMO_EMAILS.map((email) => `  ${email}`), "");
  }
  lines.push(`Data:   ${data}`, `Worker: ${worker ? "running" : "off"}`, "Stop with Ctrl-C.");
  const rule = "─".repeat(Math.max(...lines.map((line) => line.length)) + 2);
  console.log(`\n${rule}\n${lines.map((line) => (line ? ` ${line}` : "")).join("\n")}\n${rule}\n`);
}

try {
  await assertPortFree(host, port);
  const embedded = !env().DATABASE_URL;
  const databaseUrl = await resolveDatabaseUrl(log);
  setDatabaseUrl(databaseUrl);
  onShutdownSignal(() => void shutdown(0));

  const { applied } = await migrate(databaseUrl, { log });
  if (applied.length === 0) log("The database schema is up to date.");
  const demo = await prepareDemo(embedded || flags.has("--seed") || env().SEED_DEMO === "1");

  const serverEnv = childEnv({
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: env().AUTH_SECRET ?? (await readOrCreateAuthSecret(path.join(".data", "auth-secret"))),
    AUTH_TRUST_HOST: "true",
  });
  if (!dev) await buildIfNeeded(children, serverEnv, log);

  // Production serves from one worker process per core (WEB_CONCURRENCY); the dev server stays one process.
  const server = dev
    ? nextCommand("dev", "-H", host, "-p", String(port))
    : webServerCommand("-H", host, "-p", String(port));
  children.start("web server", server, serverEnv);
  const worker = existsSync(WORKER_SCRIPT) && !flags.has("--no-worker") && env().PRESSWATCH_WORKER !== "0";
  if (worker) children.start("worker", tsxCommand(WORKER_SCRIPT), serverEnv, { restart: WORKER_RESTART });

  const shownHost = host === "0.0.0.0" || host === "::" ? "localhost" : host;
  const url = `http://${shownHost.includes(":") ? `[${shownHost}]` : shownHost}:${port}`;
  await waitForServer(`${url}/login`);
  printBanner(url, demo, describeDatabase(embedded, databaseUrl), worker);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  await shutdown(1);
}
