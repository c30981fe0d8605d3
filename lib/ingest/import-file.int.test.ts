import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ImportFileError, importArticleStream, type ImportProgress } from "@/lib/ingest/import-file";

// Against the run's shared database: this file's rows carry its own outlet names, a random tag and dates
// in 2092, so other test files' stories neither collide with nor near-duplicate them.

const TAG = randomBytes(4).toString("hex");
const OUTLET = `Import Test ${TAG}`;

/** Small pieces split lines, quoted fields and multi-byte characters, as a slow upload would. */
function chunked(text: string, size = 7): AsyncIterable<Uint8Array> {
  const bytes = Buffer.from(text, "utf8");
  return (async function* () {
    for (let offset = 0; offset < bytes.length; offset += size) yield bytes.subarray(offset, offset + size);
  })();
}

function story(n: number, extra: Record<string, unknown> = {}) {
  return {
    title: `Import story ${n} [${TAG}]`,
    published: `2092-03-${String(1 + (n % 28)).padStart(2, "0")}`,
    source: OUTLET,
    url: `https://import-test.example/${TAG}/${n}`,
    body: `Pyongyang, March ${1 + (n % 28)} (KCNA) -- Story number ${n} of the import test ${TAG}.\nA second paragraph. -0-`,
    ...extra,
  };
}

describe("importArticleStream", () => {
  it("stores the good lines of a JSONL file, reports each bad line with its number, and adds nothing the second time", async () => {
    const file = [
      JSON.stringify(story(1)),
      `{"title": "broken json", `,
      JSON.stringify(story(2)),
      JSON.stringify(story(3, { published: "yesterday" })),
      "",
      JSON.stringify(story(4)),
    ].join("\n");
    const progress: ImportProgress[] = [];
    const first = await importArticleStream(Readable.from([Buffer.from(file)]), {
      fileName: `stories-${TAG}.jsonl`,
      onProgress: (p) => progress.push(p),
    });
    expect(first).toMatchObject({ created: 3, duplicates: 0, failed: 2 });
    expect(await db.article.count({ where: { source: { name: OUTLET }, title: { startsWith: "Import story" } } })).toBe(
      3,
    );
    expect(progress.at(-1)).toEqual({
      records: 5,
      bytes: Buffer.byteLength(file),
      created: 3,
      duplicates: 0,
      failed: 2,
    });

    const run = await db.ingestRun.findUniqueOrThrow({
      where: { id: first.runId },
      include: { errors: { orderBy: { id: "asc" } } },
    });
    expect(run).toMatchObject({
      kind: "FILE",
      status: "PARTIAL",
      label: `stories-${TAG}.jsonl`,
      fetched: 5,
      created: 3,
      duplicates: 0,
      failed: 2,
    });
    expect(run.finishedAt).not.toBeNull();
    expect(run.errors.map((error) => error.location)).toEqual(["line 2", "line 4"]);
    expect(run.errors[0].reason).toMatch(/not valid JSON/);
    expect(run.errors[0].excerpt).toBe(`{"title": "broken json",`);
    expect(run.errors[1].reason).toMatch(/published: expected a date like 2024-08-04, got "yesterday"/);

    const second = await importArticleStream(Readable.from([Buffer.from(file)]), { fileName: `stories-${TAG}.jsonl` });
    expect(second).toMatchObject({ created: 0, duplicates: 3, failed: 2 });
    expect(second.runId).not.toBe(first.runId);
    expect(await db.article.count({ where: { source: { name: OUTLET }, title: { startsWith: "Import story" } } })).toBe(
      3,
    );
  });

  it("lands a CSV with quoted line breaks, quotes, commas and Hangul intact, read in small pieces", async () => {
    const title = `조선중앙통신 보도: "평양" [${TAG}]`;
    const body = `평양, 3월 5일 (조선중앙통신) -- 첫 문단, 쉼표 포함.\n둘째 문단: "인용".\nThird paragraph, in English ${TAG}.`;
    const quote = (value: string) => `"${value.replace(/"/g, '""')}"`;
    const csv = [
      "\uFEFFTitle,Date,Outlet,Link,Content,Language",
      [quote(title), "2092-04-05T09:30:00+09:00", OUTLET, "", quote(body), "ko"].join(","),
      ["Missing body", "2092-04-06", OUTLET, "", "", ""].join(","),
    ].join("\r\n");
    const result = await importArticleStream(chunked(csv), { fileName: `korean-${TAG}.csv` });
    expect(result).toMatchObject({ created: 1, duplicates: 0, failed: 1 });

    const article = await db.article.findFirstOrThrow({ where: { title } });
    expect(article).toMatchObject({ title, bodyText: body, language: "ko", url: null, canonicalUrl: null });
    expect(article.publishedAt.toISOString()).toBe("2092-04-05T00:30:00.000Z");
    expect(article.bodyHtml).toBe(
      `<p>평양, 3월 5일 (조선중앙통신) -- 첫 문단, 쉼표 포함.</p>\n<p>둘째 문단: &quot;인용&quot;.</p>\n<p>Third paragraph, in English ${TAG}.</p>`,
    );
    const errors = await db.ingestError.findMany({ where: { runId: result.runId } });
    expect(errors).toMatchObject([{ location: "line 5", reason: expect.stringMatching(/body/) }]);
  });

  it("stores a file larger than one chunk, reporting progress chunk by chunk", async () => {
    const lines = Array.from({ length: 1203 }, (_, i) =>
      JSON.stringify(story(1000 + i, { title: `Bulk story ${i} [${TAG}]` })),
    );
    const progress: ImportProgress[] = [];
    const result = await importArticleStream(chunked(lines.join("\n"), 65536), {
      fileName: `bulk-${TAG}.ndjson`,
      onProgress: (p) => progress.push(p),
    });
    expect(result).toMatchObject({ created: 1203, duplicates: 0, failed: 0 });
    const created = progress.map((p) => p.created);
    expect(created.length).toBeGreaterThan(2);
    expect(created).toEqual([...created].sort((a, b) => a - b));
    expect(created.at(-1)).toBe(1203);
    expect(progress.at(-1)).toMatchObject({ records: 1203, bytes: Buffer.byteLength(lines.join("\n")) });
    expect(await db.ingestRun.findUniqueOrThrow({ where: { id: result.runId } })).toMatchObject({
      status: "SUCCEEDED",
      fetched: 1203,
    });
  });

  it("imports a saved aggregator page: its full article complete, its More From entries as teasers", async () => {
    const page = readFileSync(
      new URL("../../test/fixtures/paste/two-articles-and-more-from.txt", import.meta.url),
      "utf8",
    );
    // The page's own titles, tagged so the stories are this file's; the outlet stays KCNA, as on the page. Its
    // two articles move to 2093, away from the same texts other test files paste in 2024 (near duplicates).
    const tagged = page
      .replaceAll("Date: 09/11/2024", "Date: 09/11/2093")
      .replace(
        /^(549th Triplets.*|Farmers of Kumdae.*|Press Review|Schoolchildren's Rabbit.*|Reconstruction Project.*|Respected Comrade Kim Jong Un Sends Floral.*)$/gm,
        `$1 [${TAG}]`,
      );
    const warnings: string[] = [];
    const result = await importArticleStream(chunked(tagged, 64), {
      fileName: `saved-page-${TAG}.txt`,
      onWarning: (warning) => warnings.push(warning),
    });
    expect(result).toMatchObject({ created: 6, duplicates: 0, failed: 0 });
    expect(warnings).toEqual([
      expect.stringMatching(/^Line 4: the date 2093-11-09 of "549th Triplets.* is in the future\.$/),
      expect.stringMatching(/^Line 21: the date 2093-11-09 of "Farmers of Kumdae.* is in the future\.$/),
    ]);
    const stored = await db.article.findMany({
      where: { title: { endsWith: `[${TAG}]` }, source: { name: "KCNA" } },
      select: { title: true, complete: true, publishedAt: true },
      orderBy: { title: "asc" },
    });
    expect(
      stored.map((article) => [article.title, article.complete, article.publishedAt.toISOString().slice(0, 10)]),
    ).toEqual([
      [`549th Triplets Born at Pyongyang Maternity Hospital in DPRK [${TAG}]`, true, "2093-11-09"],
      [`Farmers of Kumdae Farm in DPRK Move into New Houses [${TAG}]`, true, "2093-11-09"],
      [`Press Review [${TAG}]`, false, "2024-11-09"],
      [`Reconstruction Project Propelled in Flood-hit Areas of DPRK [${TAG}]`, false, "2024-11-09"],
      [`Respected Comrade Kim Jong Un Sends Floral Basket to Lao President [${TAG}]`, false, "2024-11-10"],
      [`Schoolchildren's Rabbit Show Held in DPRK [${TAG}]`, false, "2024-11-08"],
    ]);
  });

  it("refuses a file that is neither JSON Lines nor CSV, and records the run as failed", async () => {
    const attempt = importArticleStream(Readable.from([Buffer.from("%PDF-1.7 not an article file")]), {
      fileName: `report-${TAG}.pdf`,
    });
    await expect(attempt).rejects.toBeInstanceOf(ImportFileError);
    const error = (await attempt.catch((e: unknown) => e)) as ImportFileError;
    const run = await db.ingestRun.findUniqueOrThrow({ where: { id: error.result.runId }, include: { errors: true } });
    expect(run).toMatchObject({ status: "FAILED", created: 0, failed: 1 });
    expect(run.errors).toMatchObject([{ location: "file", excerpt: "%PDF-1.7 not an article file" }]);
  });
});
