import { writeFile, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  blockFingerprint,
  demoArticles,
  freshDatabase,
  privatePostgres,
  query,
  runScript,
  someoneWaitsOnLock,
  waitFor,
  type DemoArticle,
  type PrivatePostgres,
} from "./support";

// The database goes away in the middle of an import and of an API batch. What each had committed stays
// stored with everything derived from it (themes) and is counted on its run; what was in flight rolls back;
// a retry stores the rest. The moment is exact: the writer is pinned on a row another session holds
// uncommitted (blockFingerprint), with the chunks before it committed, and then the server stops.

let server: PrivatePostgres;
let scratch: string;
let articles: DemoArticle[];

beforeAll(async () => {
  server = await privatePostgres();
  scratch = await mkdtemp(path.join(os.tmpdir(), "presswatch-faults-files-"));
  articles = await demoArticles();
});

afterAll(async () => {
  await server?.destroy();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** A migrated database with the demo's users, themes and rules but none of its articles. */
async function databaseWithThemes(name: string): Promise<string> {
  const url = await freshDatabase(server, name);
  const empty = path.join(scratch, `${name}-no-articles.jsonl.gz`);
  await writeFile(empty, gzipSync(""));
  const seeded = runScript(
    path.join("scripts", "seed.ts"),
    ["--articles-file", empty, "--korean-articles-file", empty],
    { DATABASE_URL: url },
  );
  expect((await seeded.exited).code, seeded.output()).toBe(0);
  return url;
}

async function fingerprintOf(article: { title: string; body: string }): Promise<string> {
  const { fingerprintArticle } = await import("@/lib/ingest/fingerprint");
  return fingerprintArticle(article);
}

/** Theme rows the rules would add or remove now: none, when every stored article got its themes. */
async function missingThemes(url: string): Promise<{ added: number; updated: number; removed: number }> {
  const command = runScript(path.join("test", "faults", "apply-rules.ts"), [], { DATABASE_URL: url });
  const { code } = await command.exited;
  expect(code, command.output()).toBe(0);
  return JSON.parse(command.output().trim().split("\n").at(-1)!) as { added: number; updated: number; removed: number };
}

describe("the database goes away mid-ingest", () => {
  it("an import keeps the chunks it committed, with their themes and true counts, and a re-run stores the rest", async () => {
    const url = await databaseWithThemes("faults_import");
    const file = path.join(scratch, "import.jsonl");
    await writeFile(file, articles.map((article) => JSON.stringify(article)).join("\n"));
    // Chunks of 50, 500, 500, 500, 478: the fifth waits on this one, the first four are committed.
    await blockFingerprint(url, await fingerprintOf(articles[1800]));

    const importing = runScript(path.join("scripts", "import.ts"), [file], { DATABASE_URL: url });
    await waitFor("the import to reach the pinned row", () => someoneWaitsOnLock(url), { timeoutMs: 60_000 });
    await server.stop();
    const { code } = await importing.exited;
    expect(code, importing.output()).toBe(1);
    const reported = JSON.parse(importing.output().trim().split("\n").at(-1)!) as { created: number };
    await server.start();

    const [{ stored }] = await query<{ stored: number }>(url, "SELECT count(*)::int AS stored FROM articles");
    // Four chunks (1,550 lines, a few of them duplicates of earlier ones) were committed, the fifth was not.
    expect(stored).toBeGreaterThan(1500);
    expect(stored).toBeLessThanOrEqual(1550);
    expect(reported.created).toBe(stored);
    expect(await missingThemes(url)).toEqual({ added: 0, updated: 0, removed: 0 });
    // Every committed article has its versions with it, and nothing of the chunk in flight is left.
    const [versions] = await query<{ orphans: number; missing: number }>(
      url,
      `SELECT (SELECT count(*)::int FROM articles a WHERE NOT EXISTS (SELECT 1 FROM article_versions v WHERE v.article_id = a.id AND v.version = a.version_count)) AS missing,
              (SELECT count(*)::int FROM article_versions v WHERE v.version > (SELECT version_count FROM articles a WHERE a.id = v.article_id)) AS orphans`,
    );
    expect(versions).toEqual({ orphans: 0, missing: 0 });
    const [themed] = await query<{ n: number }>(url, "SELECT count(DISTINCT article_id)::int AS n FROM article_themes");
    expect(themed.n).toBeGreaterThan(500);

    // The run's own counts were written with its chunks; its process is gone, so it is marked interrupted.
    const { markInterruptedRuns } = await import("@/lib/ingest/runs");
    const { PrismaPg } = await import("@prisma/adapter-pg");
    const { PrismaClient } = await import("@/lib/generated/prisma/client");
    const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
    try {
      expect(await markInterruptedRuns(client, { staleMs: 0 })).toBe(1);
    } finally {
      await client.$disconnect();
    }
    const [run] = await query<{ status: string; created: number; failed: number; message: string }>(
      url,
      "SELECT status, created, failed, message FROM ingest_runs",
    );
    expect(run).toMatchObject({ status: "INTERRUPTED", created: stored, failed: 0 });
    expect(run.message).toMatch(/Stopped before the end/);

    const again = runScript(path.join("scripts", "import.ts"), [file], { DATABASE_URL: url });
    expect((await again.exited).code, again.output()).toBe(0);
    const rerun = JSON.parse(again.output().trim().split("\n").at(-1)!) as Record<string, number>;
    const [{ total }] = await query<{ total: number }>(url, "SELECT count(*)::int AS total FROM articles");
    const updated = rerun.updated ?? 0;
    expect(rerun).toMatchObject({
      created: total - stored,
      duplicates: articles.length - (total - stored) - updated,
      failed: 0,
    });
    expect(total).toBeGreaterThan(2000);
    expect(await missingThemes(url)).toEqual({ added: 0, updated: 0, removed: 0 });
  });

  it("an API batch keeps its committed chunk with themes, answers 503, and a retry stores the rest", async () => {
    const url = await databaseWithThemes("faults_api");
    const batch = articles.slice(0, 1000);
    const batchFile = path.join(scratch, "batch.json");
    await writeFile(batchFile, JSON.stringify(batch));
    await blockFingerprint(url, await fingerprintOf(batch[700]));
    const api = runScript(path.join("test", "faults", "post-articles.ts"), [], {
      DATABASE_URL: url,
      FAULT_ARTICLES_FILE: batchFile,
      // The request log goes to stdout too; the last line must be the answer.
      LOG_LEVEL: "warn",
    });
    await waitFor("the batch to reach the pinned row", () => someoneWaitsOnLock(url), { timeoutMs: 60_000 });
    await server.stop();
    await api.exited;
    const first = JSON.parse(api.output().trim().split("\n").at(-1)!) as { status: number; retryAfter: string | null };
    expect(first).toMatchObject({ status: 503, retryAfter: "10" });
    await server.start();

    const [{ stored }] = await query<{ stored: number }>(url, "SELECT count(*)::int AS stored FROM articles");
    const [run] = await query<{ created: number }>(url, "SELECT created FROM ingest_runs");
    // The first chunk of 500 was committed (less its near duplicates), the second was not.
    expect(stored).toBeGreaterThan(450);
    expect(stored).toBeLessThanOrEqual(500);
    expect(run.created).toBe(stored);
    expect(await missingThemes(url)).toEqual({ added: 0, updated: 0, removed: 0 });

    const retry = runScript(path.join("test", "faults", "post-articles.ts"), [], {
      DATABASE_URL: url,
      FAULT_ARTICLES_FILE: batchFile,
      // The request log goes to stdout too; the last line must be the answer.
      LOG_LEVEL: "warn",
    });
    await retry.exited;
    const second = JSON.parse(retry.output().trim().split("\n").at(-1)!) as {
      status: number;
      body: { created: number; duplicates: number; failed: number };
    };
    const [{ total }] = await query<{ total: number }>(url, "SELECT count(*)::int AS total FROM articles");
    expect(second).toMatchObject({
      status: 200,
      body: { created: total - stored, duplicates: 1000 - (total - stored) },
    });
    expect(second.body.failed).toBe(0);
    expect(await missingThemes(url)).toEqual({ added: 0, updated: 0, removed: 0 });
  });
});
