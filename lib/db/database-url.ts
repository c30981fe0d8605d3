import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { claimEmbeddedServer, stopEmbeddedServer, type EmbeddedClaim, type EmbeddedConfig } from "@/lib/db/embedded";
import { env } from "@/lib/env";

// How every command finds its database: DATABASE_URL when set, else the one embedded PostgreSQL
// (started if it is not running, reused if it is), so a newcomer configures nothing.

export const EMBEDDED_PORT = env().EMBEDDED_PG_PORT;
export const EMBEDDED_DIR = path.resolve(env().EMBEDDED_PG_DIR ?? path.join(process.cwd(), ".data", "postgres"));
const EMBEDDED_USER = "postgres";
const EMBEDDED_PASSWORD = "presswatch";
const EMBEDDED_DATABASE = "presswatch";

export function embeddedUrl(database = EMBEDDED_DATABASE): string {
  return `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${EMBEDDED_PORT}/${database}`;
}

let claim: Promise<EmbeddedClaim> | undefined;

function embeddedConfig(): EmbeddedConfig {
  return { dir: EMBEDDED_DIR, port: EMBEDDED_PORT, user: EMBEDDED_USER, password: EMBEDDED_PASSWORD };
}

/**
 * Makes sure the embedded server runs and that this process counts as one of its users (lib/db/embedded.ts).
 * Idempotent within a process.
 */
export function ensureEmbeddedPostgres(log: (line: string) => void = () => {}): Promise<void> {
  claim ??= claimEmbeddedServer(embeddedConfig(), log).catch((error: unknown) => {
    // Let a later call try again instead of replaying this failure forever.
    claim = undefined;
    throw error;
  });
  return claim.then(() => undefined);
}

/**
 * This process is done with the embedded server: it stops if no other command still uses it (one started
 * by someone else keeps running for them). A no-op when this process never used it.
 */
export async function stopEmbeddedPostgres(): Promise<void> {
  const held = claim;
  claim = undefined;
  await (await held?.catch(() => undefined))?.release();
}

/** `npm run db:stop`: stops the embedded server whoever still uses it. */
export function stopEmbeddedServerNow(): ReturnType<typeof stopEmbeddedServer> {
  return stopEmbeddedServer(embeddedConfig());
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
  const configured = env().DATABASE_URL;
  if (configured) return configured;
  await ensureEmbeddedPostgres(log);
  const url = embeddedUrl();
  await ensureDatabase(url);
  return url;
}

/** The server tests create their throwaway databases on: TEST_DATABASE_URL, DATABASE_URL, else the embedded one. */
export async function resolveTestServerUrl(log?: (line: string) => void): Promise<string> {
  const explicit = env().TEST_DATABASE_URL ?? env().DATABASE_URL;
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
