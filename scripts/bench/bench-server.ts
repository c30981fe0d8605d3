import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { readdir, readFile } from "node:fs/promises";
import { loadavg } from "node:os";
import pg from "pg";
import { hashPassword } from "@/lib/auth/password";
import { childEnv } from "@/lib/env";
import { superviseChildren, webServerCommand, type Children } from "../lib/children";
import { waitForServer } from "../lib/wait-for-server";

// What the HTTP benchmarks (list_http, desk) share: the production build served by `next start` on a free
// port, bench accounts with a fresh password each run, and signing in through Auth.js as the login form does.

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** Bench analysts in the bench database (created, or given `password` again), each run's own password. */
export async function ensureBenchUsers(url: string, emails: string[], password: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const hash = await hashPassword(password);
    for (const email of emails)
      await client.query(
        `INSERT INTO users (email, name, password_hash, role, active, updated_at)
         VALUES ($1, 'Bench Analyst', $2, 'ANALYST', true, now())
         ON CONFLICT (email) DO UPDATE SET password_hash = EXCLUDED.password_hash, active = true`,
        [email, hash],
      );
    await client.query("DELETE FROM login_attempts");
  } finally {
    await client.end();
  }
}

function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((line) => line.split(";")[0]);
}

/** Signs in through Auth.js's credentials endpoint, as the login form does; returns the Cookie header. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const jar = cookiesOf(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${baseUrl}/` }),
    redirect: "manual",
  });
  const session = cookiesOf(response).find((cookie) => cookie.includes("session-token="));
  if (!session) throw new Error(`signing in ${email} failed (HTTP ${response.status})`);
  return [...jar, session].join("; ");
}

/**
 * The production build served as production serves it (scripts/web-cluster.mjs: `next start` in WEB_CONCURRENCY
 * workers, one per core by default) on a free port of 127.0.0.1, serving `databaseUrl`; resolves once it answers.
 */
export async function startProductionServer(
  databaseUrl: string,
  log: (line: string) => void,
  name: string,
): Promise<{ baseUrl: string; children: Children }> {
  const port = await freePort();
  // The server's own output goes to stderr: stdout carries the bench's JSON lines.
  const children = superviseChildren(
    ({ code, signal }) => log(`${name}: the web server stopped (${signal ?? `exit code ${code}`})`),
    { output: "stderr" },
  );
  children.start(
    "next start",
    webServerCommand("-H", "127.0.0.1", "-p", String(port)),
    childEnv({
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      AUTH_TRUST_HOST: "true",
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
    }),
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForServer(`${baseUrl}/login`);
  return { baseUrl, children };
}

/** The machine's load average (1, 5 and 15 minutes), for every row measured on a shared machine. */
export function loadAverage(): number[] {
  return loadavg().map((value) => Math.round(value * 100) / 100);
}

/** CPU time (user + system) the processes `pids` have used so far, in ms; a process gone counts 0 (Linux /proc). */
export async function processCpuMs(pids: number[]): Promise<Map<number, number>> {
  const ticks = new Map<number, number>();
  for (const pid of pids) {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
    // Fields after the command name (which may hold spaces, inside parentheses): utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Linux counts in clock ticks of 10 ms (CLK_TCK 100 on every kernel Node supports here).
    ticks.set(pid, fields.length > 13 ? (Number(fields[11]) + Number(fields[12])) * 10 : 0);
  }
  return ticks;
}

/** `pids` and every process below them (the web server's cluster workers), read from Linux's /proc. */
export async function withDescendants(pids: number[]): Promise<number[]> {
  const parents = new Map<number, number[]>();
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, "utf8").catch(() => "");
    // The parent's pid is the second field after the command name (in parentheses, which may hold spaces).
    const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    if (!stat || !parent) continue;
    parents.set(parent, [...(parents.get(parent) ?? []), Number(entry)]);
  }
  const all: number[] = [];
  const queue = [...pids];
  while (queue.length) {
    const pid = queue.shift()!;
    all.push(pid);
    queue.push(...(parents.get(pid) ?? []));
  }
  return all;
}

/** The server processes of the database's connections now (PostgreSQL runs one per connection). */
export async function databaseBackendPids(url: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
    );
    return rows.map((row) => row.pid);
  } finally {
    await client.end();
  }
}
