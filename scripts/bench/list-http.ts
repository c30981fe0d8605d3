import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { hashPassword } from "@/lib/auth/password";
import { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { articleFacets, articleTimeline, listArticles, type SqlClient } from "@/lib/search/list-articles";
import { filterToQueryString } from "@/lib/validation/article-filter";
import { findBuildReason } from "../lib/build-if-needed";
import { nextCommand, superviseChildren } from "../lib/children";
import { waitForServer } from "../lib/wait-for-server";
import { ensureListBenchDatabase } from "./list-dataset";
import { listBenchFilters, recording, round, time } from "./list";
import type { BenchOptions } from "./types";
import { childEnv } from "@/lib/env";

// The article list page's server time through HTTP, against the list benchmark's database: the
// production build served by `next start`, a signed-in analyst, and for each typical filter the time to
// the last byte of `GET /?<filter>` (the whole streamed page: list, facet counts and timeline).
//   list.<filter>.http_p50_ms / http_p95_ms   what the analyst's browser waits for
//   list.<filter>.page_bare_p95_ms           the floor: every SQL statement the page's three streamed
//                                            parts send, replayed through `pg` on three connections at
//                                            once, as the page runs them
//   list.<filter>.http_over_bare             http_p95 / page_bare_p95 (the app's share of the time)

const RUNS = 30;
const EMAIL = "bench-http@example.com";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** A bench analyst in the bench database, with a fresh password each run. */
async function ensureBenchUser(url: string, password: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO users (email, name, password_hash, role, active, updated_at)
       VALUES ($1, 'Bench Analyst', $2, 'ANALYST', true, now())
       ON CONFLICT (email) DO UPDATE SET password_hash = EXCLUDED.password_hash, active = true`,
      [EMAIL, await hashPassword(password)],
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
async function signIn(baseUrl: string, password: string): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const jar = cookiesOf(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, email: EMAIL, password, callbackUrl: `${baseUrl}/` }),
    redirect: "manual",
  });
  const session = cookiesOf(response).find((cookie) => cookie.includes("session-token="));
  if (!session) throw new Error(`signing in the bench analyst failed (HTTP ${response.status})`);
  return [...jar, session].join("; ");
}

/** Replays the statements of the page's three parts on three connections at once. */
async function replayConcurrently(clients: pg.Client[], parts: Prisma.Sql[][]): Promise<void> {
  await Promise.all(
    parts.map(async (statements, index) => {
      for (const statement of statements) await clients[index].query(statement.text, statement.values as unknown[]);
    }),
  );
}

/** `npm run bench -- --only list_http`: needs the production build (`npm run build`) of the current sources. */
export async function benchListHttp(options: BenchOptions & { articles?: number; runs?: number }): Promise<void> {
  const log = options.log ?? (() => {});
  const articles = options.small ? 50_000 : (options.articles ?? 1_000_000);
  const runs = Math.max(options.runs ?? RUNS, 1);
  const stale = await findBuildReason(process.cwd());
  if (stale) throw new Error(`list_http measures the production build, and ${stale}: run \`npm run build\` first.`);
  const dataset = await ensureListBenchDatabase({ articles, log });
  const password = randomBytes(12).toString("base64url");
  await ensureBenchUser(dataset.url, password);

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // The server's own output goes to stderr: stdout carries the bench's JSON lines.
  const children = superviseChildren(
    ({ code, signal }) => log(`list_http: the web server stopped (${signal ?? `exit code ${code}`})`),
    { output: "stderr" },
  );
  children.start(
    "next start",
    nextCommand("start", "-H", "127.0.0.1", "-p", String(port)),
    childEnv({
      DATABASE_URL: dataset.url,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      AUTH_TRUST_HOST: "true",
      NODE_ENV: "production",
    }),
  );
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: dataset.url }) });
  const bare = [0, 1, 2].map(() => new pg.Client({ connectionString: dataset.url }));
  try {
    await Promise.all(bare.map((client) => client.connect()));
    await waitForServer(`${baseUrl}/login`);
    const cookie = await signIn(baseUrl, password);
    for (const { name, filter, timeline } of await listBenchFilters(dataset.url, articles)) {
      const url = `${baseUrl}/?${filterToQueryString(filter)}`;
      const http = await time(runs, async () => {
        const response = await fetch(url, { headers: { cookie }, redirect: "manual" });
        if (response.status !== 200) throw new Error(`GET ${url}: HTTP ${response.status}`);
        const html = await response.text();
        if (!html.includes('aria-label="Articles"') && !html.includes("No articles match"))
          throw new Error(`GET ${url}: the list is missing from the page`);
      });
      // The page's SQL, recorded as the app sends it (now = the real clock, as in the server).
      const parts: Prisma.Sql[][] = [[], [], []];
      const client = (index: number): SqlClient => recording(prisma, parts[index]);
      const now = new Date();
      await Promise.all([
        listArticles(filter, { take: 50, now, client: client(0) }),
        articleFacets(filter, { now, client: client(1) }),
        articleTimeline(filter, { bucket: timeline, now, client: client(2) }),
      ]);
      const floor = await time(runs, () => replayConcurrently(bare, parts));
      const extra = { n: articles, runs, query: filterToQueryString(filter) };
      options.emit({ bench: `list.${name}.http_p50_ms`, value: round(http.p50), unit: "ms", ...extra });
      options.emit({ bench: `list.${name}.http_p95_ms`, value: round(http.p95), unit: "ms", ...extra });
      options.emit({ bench: `list.${name}.page_bare_p95_ms`, value: round(floor.p95), unit: "ms", ...extra });
      options.emit({
        bench: `list.${name}.http_over_bare`,
        value: round(http.p95 / floor.p95),
        unit: "ratio",
        ...extra,
      });
      log(`list_http: ${name} http p95 ${round(http.p95)} ms, page SQL bare p95 ${round(floor.p95)} ms`);
    }
  } finally {
    await Promise.all(bare.map((client) => client.end().catch(() => {})));
    await prisma.$disconnect();
    await children.stopAll();
  }
}
