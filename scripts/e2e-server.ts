// The server Playwright tests (playwright.config.ts starts it): a scratch database, migrated and
// seeded with the demo, the production build, and the worker. The database is dropped when Playwright
// stops us (SIGTERM) or when anything fails.
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { createScratchDatabase, quoteIdent, resolveTestServerUrl, stopEmbeddedPostgres } from "@/lib/db/database-url";
import { migrate } from "@/lib/db/migrate";
import { E2E_DATABASE_URL_FILE } from "../e2e/support/db";
import { oidcEnv } from "../e2e/support/oidc";
import { buildIfNeeded } from "./lib/build-if-needed";
import { onShutdownSignal, webServerCommand, superviseChildren, tsxCommand, WORKER_RESTART } from "./lib/children";
import { childEnv, env, setDatabaseUrl } from "@/lib/env";

const port = env().E2E_PORT;
/** The watches spec's SMTP server listens on E2E_PORT plus this. */
const E2E_SMTP_PORT_OFFSET = 25;
const WORKER_SCRIPT = path.join("scripts", "worker.ts");
const log = (line: string) => console.log(`[e2e-server] ${line}`);

const children = superviseChildren(({ name, code, signal, restartInMs }) => {
  console.error(`[e2e-server] the ${name} stopped unexpectedly (${signal ?? `exit code ${code}`})`);
  if (restartInMs === undefined) void shutdown(1);
});

const serverUrl = await resolveTestServerUrl(log);
// Opened now, used to drop the scratch database at the end: a signal to Playwright's process group also
// reaches an embedded PostgreSQL, which then refuses new connections but keeps serving open ones.
const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
const databaseUrl = await createScratchDatabase(serverUrl, "presswatch_e2e");
const databaseName = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));

async function shutdown(exitCode: number): Promise<never> {
  await children.stopAll();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(databaseName)} WITH (FORCE)`);
    await admin.end();
  } catch (error) {
    console.error(`[e2e-server] could not drop ${databaseName}: ${error instanceof Error ? error.message : error}`);
    exitCode ||= 1;
  }
  await stopEmbeddedPostgres();
  process.exit(exitCode);
}

onShutdownSignal(() => void shutdown(0));

try {
  await mkdir(path.dirname(E2E_DATABASE_URL_FILE), { recursive: true });
  await writeFile(E2E_DATABASE_URL_FILE, `${databaseUrl}\n`);
  log(`database ${databaseName}`);

  await migrate(databaseUrl, { log });
  setDatabaseUrl(databaseUrl);
  const { db } = await import("@/lib/db");
  const { seedDemo } = await import("@/lib/ingest/seed");
  try {
    await seedDemo(db, { log });
  } finally {
    await db.$disconnect();
  }

  const serverEnv = childEnv({
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    AUTH_TRUST_HOST: "true",
    // Specs serve feeds and pages from local test servers.
    PRESSWATCH_ALLOW_PRIVATE_FETCH: "1",
    // Sign-in through an identity provider: e2e/oidc.spec.ts runs one on the next port while it needs it. The
    // public address is set as a deployment sets it: Auth.js then gives the provider the same callback address
    // when it sends the browser there and when it trades the code (the request's own host can differ).
    AUTH_URL: `http://127.0.0.1:${port}`,
    ...oidcEnv(port),
    // A test run has no business calling home (and the network here is closed).
    NEXT_TELEMETRY_DISABLED: "1",
    // Watches: links in emails point at AUTH_URL, immediate emails go out at once, to the SMTP server
    // e2e/watches.spec.ts starts on this port (nothing listens otherwise: a message then waits and retries).
    WATCH_BATCH_SECONDS: "0",
    SMTP_URL: `smtp://127.0.0.1:${port + E2E_SMTP_PORT_OFFSET}`,
  });
  await buildIfNeeded(children, serverEnv, log);
  children.start("web server", webServerCommand("-H", "127.0.0.1", "-p", String(port)), serverEnv);
  if (existsSync(WORKER_SCRIPT) && env().PRESSWATCH_WORKER !== "0") {
    children.start("worker", tsxCommand(WORKER_SCRIPT), serverEnv, { restart: WORKER_RESTART });
  }
} catch (error) {
  console.error(`[e2e-server] ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
}
