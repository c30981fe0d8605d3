import { spawn, type ChildProcess } from "node:child_process";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { createReadStream } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import { createGunzip } from "node:zlib";
import pg from "pg";
import { ensureDatabase } from "@/lib/db/database-url";
import { claimEmbeddedServer, stopEmbeddedServer, type EmbeddedConfig } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";

// What the fault tests share: a PostgreSQL of their own (real binaries, in a temporary folder, on a free
// port) that a test can stop and start again, commands run as real child processes, and the demo's real
// articles as input.

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export type PrivatePostgres = {
  config: EmbeddedConfig;
  url(database: string): string;
  /** Fast shutdown: every session is cut off, open transactions roll back. */
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
};

export async function privatePostgres(): Promise<PrivatePostgres> {
  // The server runs as OS user postgres (we are root), which must reach the folder: mkdtemp makes 0700.
  const root = await mkdtemp(path.join(os.tmpdir(), "presswatch-faults-"));
  await chmod(root, 0o755);
  const config: EmbeddedConfig = {
    dir: path.join(root, "data"),
    port: await freePort(),
    user: "postgres",
    password: "presswatch",
  };
  let claim = await claimEmbeddedServer(config);
  return {
    config,
    url: (database) => `postgresql://postgres:presswatch@127.0.0.1:${config.port}/${database}`,
    stop: async () => {
      await stopEmbeddedServer(config);
    },
    start: async () => {
      claim = await claimEmbeddedServer(config);
    },
    destroy: async () => {
      await claim.release();
      await stopEmbeddedServer(config);
      await rm(root, { recursive: true, force: true });
    },
  };
}

export async function freshDatabase(server: PrivatePostgres, name: string): Promise<string> {
  const url = server.url(name);
  await ensureDatabase(url);
  await migrate(url);
  return url;
}

export async function query<T extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  { timeoutMs = 30_000, intervalMs = 100 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}${lastError ? `: ${lastError}` : ""}`);
    await sleep(intervalMs);
  }
}

export type Command = {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

/** A script of ours run as Node runs it for `npm run` (tsx as a loader), with its output kept. */
export function runScript(script: string, args: string[], env: Record<string, string>): Command {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", script, ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => output, exited };
}

export type DemoArticle = { title: string; published: string; source: string; url: string; body: string };

/** The demo's real KCNA and Rodong Sinmun articles (prisma/seed-data), in file order. */
export async function demoArticles(): Promise<DemoArticle[]> {
  const lines = readline.createInterface({
    input: createReadStream(path.join(process.cwd(), "prisma", "seed-data", "articles.jsonl.gz")).pipe(createGunzip()),
  });
  const articles: DemoArticle[] = [];
  for await (const line of lines) if (line.trim()) articles.push(JSON.parse(line) as DemoArticle);
  return articles;
}

/**
 * Holds, in a transaction of its own, an uncommitted article with the given fingerprint: a writer inserting
 * the same story waits on it. That pins a chunk of an import or API batch in flight, with the chunks before
 * it committed, so the database (or the writer) can be taken away at exactly that moment. Returns the
 * function that lets the writer go on (rolls the placeholder back).
 */
export async function blockFingerprint(url: string, fingerprint: string): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // The connection dies with the server; nothing to clean up.
  client.on("error", () => undefined);
  // Its own outlet, committed first: an uncommitted outlet row would hold up every insert that refers to it.
  const [{ id }] = (
    await client.query<{ id: number }>(
      `INSERT INTO sources (name, kind, language) VALUES ('Fault test blocker', 'MANUAL', 'en')
       ON CONFLICT (name) DO UPDATE SET language = excluded.language RETURNING id`,
    )
  ).rows;
  await client.query("BEGIN");
  await client.query(
    `INSERT INTO articles (source_id, title, body_text, excerpt, published_at, fingerprint)
     VALUES ($1, 'placeholder', 'placeholder', 'placeholder', now(), $2)`,
    [id, fingerprint],
  );
  return async () => {
    await client.query("ROLLBACK").catch(() => undefined);
    await client.end().catch(() => undefined);
  };
}

/** Whether some session waits on a lock: the pinned writer has reached the blocked row. */
export async function someoneWaitsOnLock(url: string): Promise<boolean> {
  const rows = await query<{ waiting: number }>(
    url,
    "SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()",
  );
  return rows[0].waiting > 0;
}
