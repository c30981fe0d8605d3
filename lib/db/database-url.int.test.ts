import { chmod, mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// The path a newcomer takes: no DATABASE_URL, so the first command initialises and starts an embedded
// PostgreSQL and creates the `presswatch` database; the next command finds it running. The module
// reads EMBEDDED_PG_DIR and EMBEDDED_PG_PORT when it loads, so each "command" is a fresh import.

type DatabaseUrlModule = typeof import("@/lib/db/database-url");

const touchedEnv = ["EMBEDDED_PG_DIR", "EMBEDDED_PG_PORT", "DATABASE_URL"] as const;
const savedEnv = Object.fromEntries(touchedEnv.map((name) => [name, process.env[name]]));
let root: string;
let port: number;
const loaded: DatabaseUrlModule[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port: found } = server.address() as net.AddressInfo;
      server.close(() => resolve(found));
    });
  });
}

function portAnswers(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

async function importFresh(): Promise<DatabaseUrlModule> {
  vi.resetModules();
  const fresh = await import("@/lib/db/database-url");
  loaded.push(fresh);
  return fresh;
}

async function queryOne<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows[0];
  } finally {
    await client.end();
  }
}

describe("resolveDatabaseUrl without DATABASE_URL", () => {
  beforeAll(async () => {
    // The server runs as OS user postgres, which must reach the data directory: mkdtemp makes 0700.
    root = await mkdtemp(path.join(os.tmpdir(), "presswatch-embedded-"));
    await chmod(root, 0o755);
    port = await freePort();
    process.env.EMBEDDED_PG_DIR = path.join(root, "data");
    process.env.EMBEDDED_PG_PORT = String(port);
    delete process.env.DATABASE_URL;
  });

  afterAll(async () => {
    for (const instance of loaded) await instance.stopEmbeddedPostgres();
    for (const name of touchedEnv) {
      if (savedEnv[name] === undefined) delete process.env[name];
      else process.env[name] = savedEnv[name];
    }
    vi.resetModules();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it("initialises and starts the embedded server, then a second command reuses it", { timeout: 60_000 }, async () => {
    const first = await importFresh();
    const firstLog: string[] = [];
    const url = await first.resolveDatabaseUrl((line) => firstLog.push(line));

    expect(new URL(url).port).toBe(String(port));
    expect(new URL(url).pathname).toBe("/presswatch");
    expect(firstLog).toEqual([
      `Creating the embedded PostgreSQL in ${path.join(root, "data")} ...`,
      `Embedded PostgreSQL listening on 127.0.0.1:${port}`,
    ]);
    const server = await queryOne<{ database: string; data_directory: string }>(
      url,
      "SELECT current_database() AS database, current_setting('data_directory') AS data_directory",
    );
    expect(server).toEqual({ database: "presswatch", data_directory: path.join(root, "data") });
    await queryOne(url, "CREATE TABLE first_command_was_here (id integer)");

    // Within one process the answer is cached; a second process finds the port answering.
    expect(await first.resolveDatabaseUrl()).toBe(url);
    const second = await importFresh();
    const secondLog: string[] = [];
    expect(await second.resolveDatabaseUrl((line) => secondLog.push(line))).toBe(url);
    expect(secondLog).toEqual([]);
    const marker = await queryOne<{ found: string | null }>(
      url,
      "SELECT to_regclass('first_command_was_here')::text AS found",
    );
    expect(marker.found).toBe("first_command_was_here");

    // The second command did not start the server, so stopping it there leaves it running.
    await second.stopEmbeddedPostgres();
    expect(await portAnswers()).toBe(true);
    await first.stopEmbeddedPostgres();
    expect(await portAnswers()).toBe(false);
  });
});
