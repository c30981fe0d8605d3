import { execFile } from "node:child_process";
import { createReadStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { readJsonl, type RecordResult } from "@/lib/ingest/files/read-records";
import { openArticleFile } from "@/lib/ingest/files/open-article-file";

// `npm run import -- --dry-run FILE` as a user runs it: a real child process, with a DATABASE_URL that
// points at nothing, so any attempt to reach a database would fail the run.

const run = promisify(execFile);
const root = new URL("../", import.meta.url);
const fixture = (name: string) => path.join(root.pathname, "test/fixtures", name);
const NO_DATABASE = "postgresql://nobody@127.0.0.1:1/none";
const dir = mkdtempSync(path.join(tmpdir(), "dry-run-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function dryRun(...args: string[]) {
  try {
    const { stdout, stderr } = await run(
      "node",
      ["--import", "tsx", "--conditions=react-server", "scripts/import.ts", "--dry-run", ...args],
      {
        cwd: root.pathname,
        env: { ...process.env, DATABASE_URL: NO_DATABASE },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

async function collect(results: AsyncIterable<RecordResult>): Promise<RecordResult[]> {
  const all: RecordResult[] = [];
  for await (const result of results) all.push(result);
  return all;
}

/** What the import would store from `file`: its good records, as the import reads them. */
async function recordsOf(file: string) {
  const opened = await openArticleFile(createReadStream(file), path.basename(file));
  if (!opened.format) throw new Error(`${file}: unknown format`);
  return (await collect(opened.records)).flatMap((result) => (result.ok ? [result.record] : []));
}

describe("npm run import -- --dry-run", () => {
  it("prints a saved page's articles and teasers as import-schema lines, stores nothing and needs no database", async () => {
    const { code, stdout, stderr } = await dryRun(fixture("paste/two-articles-and-more-from.txt"));
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(6);
    expect(Object.keys(lines[0])).toEqual(["title", "published", "source", "url", "body"]);
    expect(lines[0]).toMatchObject({
      title: "549th Triplets Born at Pyongyang Maternity Hospital in DPRK",
      published: "2024-11-09",
      source: "KCNA",
      url: null,
    });
    expect(lines.slice(2).map((line) => [line.title, line.teaser])).toEqual([
      ["Respected Comrade Kim Jong Un Sends Floral Basket to Lao President", true],
      ["Reconstruction Project Propelled in Flood-hit Areas of DPRK", true],
      ["Press Review", true],
      ["Schoolchildren's Rabbit Show Held in DPRK", true],
    ]);
    expect(stderr).toContain("6 articles (4 teasers), 0 failed. Nothing was stored.");
  });

  it.each([["files/articles-sample.jsonl"], ["files/articles-sample.csv"], ["paste/kcna-watch-page.txt"]])(
    "prints lines that the import reads back as exactly the records of %s",
    async (name) => {
      const { code, stdout, stderr } = await dryRun(fixture(name));
      expect(code).toBe(0);
      const reread = (await collect(readJsonl(Readable.from([stdout])))).map((result) => {
        if (!result.ok) throw new Error(`line ${result.line}: ${result.error}`);
        return result.record;
      });
      expect(reread).toEqual(await recordsOf(fixture(name)));
      expect(reread.length).toBeGreaterThan(0);
      expect(stderr).toMatch(/Nothing was stored\.\n$/);
    },
  );

  it("reports bad records with their line on stderr, and reads a gzipped file", async () => {
    const gz = path.join(dir, "articles.jsonl.gz");
    writeFileSync(gz, gzipSync(readFileSync(fixture("files/articles-sample.jsonl"))));
    const { code, stdout, stderr } = await dryRun(gz);
    expect(code).toBe(0);
    expect(stdout.trim().split("\n")).toHaveLength(6);
    expect(stderr).toContain('line 7: published: expected a date like 2024-08-04, got "2005-02-30"');
    expect(stderr).toContain("6 articles (0 teasers), 3 failed.");
  });

  it("fails with a clear message for a file in no format it reads", async () => {
    writeFileSync(path.join(dir, "report.pdf"), "%PDF-1.7");
    const { code, stdout, stderr } = await dryRun(path.join(dir, "report.pdf"));
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/report\.pdf: not an article file: expected JSON Lines/);
  });
});
