import { randomBytes } from "node:crypto";
import { execFileSync } from "node:child_process";
import { writeFile, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FeedFixtureServer, rssFeed } from "@/test/support/feed-fixture-server";
import {
  blockFingerprint,
  freePort,
  freshDatabase,
  privatePostgres,
  query,
  runScript,
  someoneWaitsOnLock,
  waitFor,
  type Command,
  type PrivatePostgres,
} from "./support";

// `npm start` as a team runs it (web server and worker under one supervisor) against a PostgreSQL this file
// controls, hit by real faults: the worker killed with SIGKILL mid-poll, mid-re-run and beside a killed
// import; the database stopped under the desk, the API and the worker.

let server: PrivatePostgres;
let url: string;
let app: Command;
let base: string;
let feeds: FeedFixtureServer;
let scratch: string;

function childPids(parent: number): { pid: number; command: string }[] {
  const out = execFileSync("ps", ["-o", "pid=,args=", "--ppid", String(parent)], { encoding: "utf8" });
  return out
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const [pid, ...command] = line.trim().split(/\s+/);
      return { pid: Number(pid), command: command.join(" ") };
    });
}

function workerPid(): number | null {
  return childPids(app.child.pid!).find((child) => child.command.includes("worker.ts"))?.pid ?? null;
}

beforeAll(async () => {
  server = await privatePostgres();
  url = await freshDatabase(server, "faults_app");
  scratch = await mkdtemp(path.join(os.tmpdir(), "presswatch-faults-app-"));
  const seeded = runScript(path.join("scripts", "seed.ts"), [], { DATABASE_URL: url });
  expect((await seeded.exited).code, seeded.output()).toBe(0);
  feeds = await new FeedFixtureServer().start();
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  app = runScript(path.join("scripts", "start.ts"), [], {
    DATABASE_URL: url,
    HOST: "127.0.0.1",
    PORT: String(port),
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    PRESSWATCH_ALLOW_PRIVATE_FETCH: "1",
    NEXT_TELEMETRY_DISABLED: "1",
  });
  await waitFor("npm start to serve", async () => app.output().includes("Presswatch is running at"), {
    timeoutMs: 280_000,
    intervalMs: 500,
  });
}, 300_000);

afterAll(async () => {
  app?.child.kill("SIGTERM");
  await app?.exited;
  await feeds?.stop();
  await server?.destroy();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** Signs in through Auth.js's own endpoints, as the login form does; returns the session cookie. */
async function signIn(email: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookies = csrf.headers.getSetCookie().map((cookie) => cookie.split(";")[0]);
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password: "presswatch", timeZone: "UTC", callbackUrl: "/" }),
  });
  const session = response.headers.getSetCookie().find((cookie) => cookie.startsWith("authjs.session-token="));
  if (!session) throw new Error(`sign-in failed: HTTP ${response.status}`);
  return session.split(";")[0];
}

describe("npm start under faults", () => {
  it("restarts a worker killed outright, alone, while the web server keeps serving", async () => {
    const before = await waitFor("the worker to run", async () => workerPid());
    process.kill(before, "SIGKILL");
    for (let i = 0; i < 10; i++) {
      expect((await fetch(`${base}/login`)).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const after = await waitFor("a new worker", async () => {
      const pid = workerPid();
      return pid !== null && pid !== before ? pid : null;
    });
    expect(after).not.toBe(before);
    expect(app.output()).toMatch(/The worker stopped unexpectedly \(SIGKILL\); starting it again in 1 s\./);
    expect(app.child.exitCode).toBeNull();
  });

  it("resumes a poll, a theme re-run and an import's run record within a minute of the worker and the import being killed", async () => {
    // A feed whose one item has no text, so the poll fetches its page, which does not answer for now.
    feeds.pageDelayMs = 600_000;
    const feedUrl = feeds.serve("/feeds/slow.rss", {
      body: rssFeed([{ title: "Slow story", link: `${feeds.origin}/pages/slow-1` }]),
      contentType: "application/rss+xml",
    });
    const [source] = await query<{ id: number }>(
      url,
      `INSERT INTO sources (name, kind, url, language, active, poll_interval_minutes, fetch_full_text, next_poll_at)
       VALUES ('Slow feed', 'FEED', $1, 'en', true, 30, true, now()) RETURNING id`,
      [feedUrl],
    );
    await waitFor("the poll to ask for the page", async () => feeds.requestsFor("/pages/slow-1").length > 0, {
      timeoutMs: 60_000,
    });

    // An import pinned in its second chunk.
    const file = path.join(scratch, "import.jsonl");
    const lines = Array.from({ length: 700 }, (_, i) =>
      JSON.stringify({
        title: `Fault import story ${i}`,
        published: "2090-03-01",
        source: "Fault import outlet",
        url: `https://faults.example/import/${i}`,
        body: `Story ${i}: ${randomBytes(96).toString("hex")} ${randomBytes(96).toString("base64")}`,
      }),
    );
    await writeFile(file, lines.join("\n"));
    const { fingerprintArticle } = await import("@/lib/ingest/fingerprint");
    const pinned = JSON.parse(lines[600]) as { title: string; body: string };
    const release = await blockFingerprint(url, fingerprintArticle(pinned));
    const importing = runScript(path.join("scripts", "import.ts"), [file], { DATABASE_URL: url });

    await waitFor("the import to be pinned", () => someoneWaitsOnLock(url));

    // A re-run of one theme in batches of 50, killed part-way through.
    const [theme] = await query<{ id: number; total: number }>(
      url,
      "SELECT t.id, (SELECT count(*)::int FROM articles) AS total FROM themes t ORDER BY t.id LIMIT 1",
    );
    const [rerun] = await query<{ id: number }>(
      url,
      "INSERT INTO theme_reruns (theme_id, total) VALUES ($1, $2) RETURNING id",
      [theme.id, theme.total],
    );
    const boss = new PgBoss({ connectionString: url, schema: "pgboss", supervise: false, schedule: false });
    await boss.start();
    await boss.send("themes.rerun", { rerunId: rerun.id, batchSize: 50 });
    await boss.stop({ graceful: false });

    await waitFor(
      "the re-run to be part-way",
      async () => {
        const [row] = await query<{ processed: number }>(url, "SELECT processed FROM theme_reruns WHERE id = $1", [
          rerun.id,
        ]);
        return row.processed >= 100 && row.processed < theme.total;
      },
      { intervalMs: 20 },
    );
    const killedAt = Date.now();
    process.kill(workerPid()!, "SIGKILL");
    importing.child.kill("SIGKILL");
    feeds.pageDelayMs = 0;
    await release();
    const [atKill] = await query<{ finished: Date | null }>(
      url,
      "SELECT finished_at AS finished FROM theme_reruns WHERE id = $1",
      [rerun.id],
    );
    expect(atKill.finished, "the re-run was still going when its worker was killed").toBeNull();

    const finished = await waitFor(
      "the re-run to finish",
      async () => {
        const [row] = await query<{ finished: Date | null; processed: number; error: string | null }>(
          url,
          "SELECT finished_at AS finished, processed, error FROM theme_reruns WHERE id = $1",
          [rerun.id],
        );
        return row.finished ? row : null;
      },
      { timeoutMs: 90_000, intervalMs: 500 },
    );
    // Every article once: those there at the start, and the import's first chunk, stored meanwhile.
    const [{ articles }] = await query<{ articles: number }>(url, "SELECT count(*)::int AS articles FROM articles");
    expect(finished).toMatchObject({ processed: articles, error: null });
    expect(finished.finished!.getTime() - killedAt).toBeLessThan(60_000);

    const poll = await waitFor(
      "a poll of the feed to succeed after the kill",
      async () => {
        const rows = await query<{ status: string; created: number; started: Date }>(
          url,
          `SELECT status, created, started_at AS started FROM ingest_runs
           WHERE source_id = $1 AND status = 'SUCCEEDED' ORDER BY id DESC LIMIT 1`,
          [source.id],
        );
        return rows[0];
      },
      { timeoutMs: 90_000, intervalMs: 500 },
    );
    console.log(
      `after SIGKILL: the re-run finished in ${((finished.finished!.getTime() - killedAt) / 1000).toFixed(1)} s, ` +
        `a new poll started in ${((poll.started.getTime() - killedAt) / 1000).toFixed(1)} s`,
    );
    expect(poll.created).toBe(1);
    expect(poll.started.getTime() - killedAt).toBeLessThan(62_000);

    // The killed import: its run is marked interrupted once silent for a minute, with what it stored.
    const run = await waitFor(
      "the import's run to be marked interrupted",
      async () => {
        const rows = await query<{ status: string; created: number }>(
          url,
          "SELECT status, created FROM ingest_runs WHERE kind = 'FILE' AND status = 'INTERRUPTED'",
        );
        return rows[0];
      },
      { timeoutMs: 90_000, intervalMs: 1_000 },
    );
    const [{ stored }] = await query<{ stored: number }>(
      url,
      "SELECT count(*)::int AS stored FROM articles a JOIN sources s ON s.id = a.source_id WHERE s.name = 'Fault import outlet'",
    );
    expect(stored).toBe(550);
    expect(run.created).toBe(stored);
  });

  it("says the database is unavailable while it is away, answers the API with 503, and comes back by itself", async () => {
    const cookie = await signIn("analyst@example.com");
    const desk = await fetch(`${base}/`, { headers: { cookie } });
    expect(await desk.text()).toContain("Articles");
    const tokenCommand = runScript(
      path.join("scripts", "token.ts"),
      ["--email", "analyst@example.com", "--scope", "read"],
      {
        DATABASE_URL: url,
      },
    );
    await tokenCommand.exited;
    const token = tokenCommand.output().match(/pw_[A-Za-z0-9_-]+/)![0];

    await server.stop();
    const health = await fetch(`${base}/api/health`);
    expect(health.status).toBe(503);
    expect(health.headers.get("retry-after")).toBe("10");
    expect(await health.json()).toMatchObject({ status: "unavailable", database: { ok: false } });
    const page = await fetch(`${base}/`, { headers: { cookie } });
    expect(await page.text()).toContain("Database unavailable, retrying");
    const api = await fetch(`${base}/api/v1/export?format=csv`, { headers: { authorization: `Bearer ${token}` } });
    expect(api.status).toBe(503);
    expect(api.headers.get("retry-after")).toBe("10");

    await server.start();
    await waitFor(
      "the desk to come back",
      async () => {
        const text = await (await fetch(`${base}/`, { headers: { cookie } })).text();
        return text.includes("Articles") && !text.includes("Database unavailable");
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    const healthy = await waitFor(
      "the worker to tick again",
      async () => {
        const response = await fetch(`${base}/api/health`);
        const body = (await response.json()) as { worker?: { ok: boolean; lastSeenAt: string | null } };
        return body.worker?.lastSeenAt && Date.parse(body.worker.lastSeenAt) > Date.now() - 20_000 ? body : null;
      },
      { timeoutMs: 60_000, intervalMs: 1_000 },
    );
    expect(healthy.worker?.ok).toBe(true);
    expect(app.child.exitCode).toBeNull();
  });
});
