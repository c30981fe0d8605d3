import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { openArticleFile } from "./open-article-file";
import { MAX_PAGE_BYTES, readAggregatorPage } from "./read-page";
import type { RecordResult } from "./read-records";

const fixture = (name: string) =>
  readFileSync(new URL(`../../../test/fixtures/paste/${name}`, import.meta.url), "utf8");
const now = new Date("2026-01-22T12:00:00Z");

async function collect(results: AsyncIterable<RecordResult>): Promise<RecordResult[]> {
  const all: RecordResult[] = [];
  for await (const result of results) all.push(result);
  return all;
}

/** Pieces of 5 bytes split lines and the multi-byte no-break space, as a file stream may. */
function chunked(text: string, size = 5): Readable {
  const bytes = Buffer.from(text, "utf8");
  const pieces: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; offset += size) pieces.push(bytes.subarray(offset, offset + size));
  return Readable.from(pieces);
}

describe("readAggregatorPage", () => {
  it("reads the seed page as one article and 18 teasers, in the import schema, at their title lines", async () => {
    const results = await collect(readAggregatorPage(chunked(fixture("kcna-watch-page.txt")), { now }));
    expect(results).toHaveLength(19);
    expect(results[0]).toMatchObject({
      line: 4,
      ok: true,
      record: {
        title: "Conference of DPRK Red Cross Society Held",
        published: new Date("2021-06-10T00:00:00Z"),
        source: "KCNA",
        url: undefined,
        language: "en",
        teaser: false,
      },
    });
    expect(results.slice(1).every((result) => result.ok && result.record.teaser)).toBe(true);
    expect(results[0].ok && results[0].record.body).toContain("Central Committee of the DPRK Red Cross Society and");
  });

  it("gives each error its line, keeps the good articles, and passes the warnings on", async () => {
    const text = fixture("two-articles-and-more-from.txt")
      .replace("Date: 09/11/2024", "Date: 39/11/2024")
      .replace("More From KCNA.kp (En)", "Share\n\nMore From KCNA.kp (En)");
    const warnings: string[] = [];
    const results = await collect(
      readAggregatorPage(Readable.from([text]), { now, onWarning: (w) => warnings.push(w) }),
    );
    expect(results.map((result) => [result.line, result.ok])).toEqual([
      [6, false],
      [21, true],
      [45, true],
      [55, true],
      [65, true],
      [75, true],
    ]);
    expect(results[0]).toEqual({
      line: 6,
      ok: false,
      error:
        'the Date line of "549th Triplets Born at Pyongyang Maternity Hospital in DPRK" cannot be read: "39/11/2024" is not a real day.',
      raw: "Date: 39/11/2024 | Source: KCNA.kp (En) | Read original version at source",
    });
    expect(warnings).toEqual(['Line 41 were not read as part of any article (1 line starting "Share").']);
  });

  it("refuses a page larger than the bound instead of reading part of it", async () => {
    const big = Buffer.alloc(MAX_PAGE_BYTES + 1, "a");
    const results = await collect(
      readAggregatorPage(Readable.from([big.subarray(0, MAX_PAGE_BYTES), big.subarray(MAX_PAGE_BYTES)])),
    );
    expect(results).toEqual([
      expect.objectContaining({ line: 1, ok: false, error: expect.stringMatching(/larger than 20 MB/) }),
    ]);
  });
});

describe("openArticleFile", () => {
  it("opens a .txt page and an unnamed paste by their content, and refuses an unknown format with its start", async () => {
    const page = await openArticleFile(Readable.from([fixture("iso-date.txt")]), "saved.txt");
    expect(page.format).toBe("page");
    const unnamed = await openArticleFile(Readable.from([fixture("more-from-only.txt")]), "clipboard");
    expect(unnamed.format).toBe("page");
    if (unnamed.format) expect(await collect(unnamed.records)).toHaveLength(18);
    const unknown = await openArticleFile(Readable.from(["%PDF-1.7"]), "report.pdf");
    expect(unknown.format).toBeNull();
    if (!unknown.format) expect(Buffer.from(unknown.head).toString()).toBe("%PDF-1.7");
  });
});
