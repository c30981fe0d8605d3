import { createReadStream, readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { detectFileFormat, readCsv, readJsonl, type RecordResult } from "./read-records";

const jsonlPath = fileURLToPath(new URL("../../../test/fixtures/files/articles-sample.jsonl", import.meta.url));
const csvPath = fileURLToPath(new URL("../../../test/fixtures/files/articles-sample.csv", import.meta.url));

async function collect(results: AsyncIterable<RecordResult>): Promise<RecordResult[]> {
  const all: RecordResult[] = [];
  for await (const result of results) all.push(result);
  return all;
}

// Small chunks split lines, quoted fields and multi-byte characters at arbitrary places.
async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < bytes.length; offset += size) yield bytes.subarray(offset, offset + size);
}

function summarize(results: RecordResult[]) {
  return results.map((result) =>
    result.ok ? { line: result.line, title: result.record.title } : { line: result.line, error: result.error },
  );
}

describe("readJsonl", () => {
  it("reads the good records of real corpus lines and reports the bad ones with their line numbers", async () => {
    const results = await collect(readJsonl(createReadStream(jsonlPath)));
    expect(results.map((result) => [result.line, result.ok])).toEqual([
      [1, true],
      [2, true],
      [4, false],
      [5, true],
      [6, true],
      [7, false],
      [8, false],
      [9, true],
      [10, true],
    ]);
    const failures = results.filter((result) => !result.ok);
    expect(failures[0]).toMatchObject({ line: 4, raw: expect.stringContaining('"title": "Broken line"') });
    expect(failures[0].ok === false && failures[0].error).toMatch(/^not valid JSON: /);
    expect(failures[1]).toMatchObject({
      line: 7,
      error: 'published: expected a date like 2024-08-04, got "2005-02-30"',
    });
    expect(failures[2]).toMatchObject({
      line: 8,
      raw: "[1, 2, 3]",
      error: expect.stringContaining("expected a JSON object"),
    });
  });

  it("keeps the values of good records", async () => {
    const results = await collect(readJsonl(createReadStream(jsonlPath)));
    const rodong = results.find((result) => result.line === 6);
    expect(rodong).toMatchObject({
      ok: true,
      record: {
        title: "Respected Comrade Kim Jong Un Issues Order for Test-launch of New Type ICBM",
        published: new Date("2022-03-25T00:00:00Z"),
        source: "Rodong Sinmun",
        url: "http://www.rodong.rep.kp/en/index.php?strPageID=SF01_02_01&newsID=2022-03-25-0002",
        language: "en",
      },
    });
    const quoted = results.find((result) => result.line === 10);
    expect(quoted?.ok && quoted.record.title).toBe('"New security-oriented rule" of tyrant');
    expect(quoted?.ok && quoted.record.body.split("\n")[0]).toBe(
      "Pyongyang, January 19 (KCNA) -- The Kim Young Sam fascist",
    );
  });

  it("gives the same results however the bytes are chunked", async () => {
    const bytes = readFileSync(jsonlPath);
    const reference = await collect(readJsonl(createReadStream(jsonlPath)));
    for (const size of [1, 3, 17, 4096]) {
      expect(await collect(readJsonl(chunked(bytes, size)))).toEqual(reference);
    }
    const replacement = reference.find((result) => result.line === 9);
    expect(replacement?.ok && replacement.record.body).toContain("People\uFFFD\uFFFDs Daily");
  });

  it("reads string chunks, CRLF line ends, a BOM, key aliases and the teaser flag", async () => {
    async function* lines() {
      yield '\uFEFF{"Title": "A", "date": "2024-08-04T09:30:00+09:00", "Outlet": "KCNA", "text": "Body A", "link": "https://www.kcna.kp/a"}\r\n';
      yield '{"title": "B", "published": "2024-08-05", "source": "KCNA", "body": "Body B", "language": "KO", "Teaser": true}';
    }
    const results = await collect(readJsonl(lines()));
    expect(results).toEqual([
      {
        line: 1,
        ok: true,
        record: {
          title: "A",
          published: new Date("2024-08-04T00:30:00Z"),
          source: "KCNA",
          url: "https://www.kcna.kp/a",
          body: "Body A",
          language: "en",
          teaser: false,
        },
      },
      {
        line: 2,
        ok: true,
        record: {
          title: "B",
          published: new Date("2024-08-05T00:00:00Z"),
          source: "KCNA",
          body: "Body B",
          language: "ko",
          teaser: true,
        },
      },
    ]);
  });

  it("streams: the first records arrive from an endless input", async () => {
    async function* endless() {
      for (let index = 0; ; index += 1) {
        yield `{"title": "T${index}", "published": "2024-01-01", "source": "KCNA", "body": "B"}\n`;
      }
    }
    const titles: string[] = [];
    for await (const result of readJsonl(endless())) {
      if (result.ok) titles.push(result.record.title);
      if (titles.length === 3) break;
    }
    expect(titles).toEqual(["T0", "T1", "T2"]);
  });

  it("reports a runaway line without holding it, and goes on", async () => {
    async function* input() {
      yield '{"title": "huge", "body": "';
      for (let index = 0; index < 5; index += 1) yield "x".repeat(1_000_000);
      yield '"}\n{"title": "next", "published": "2024-01-01", "source": "KCNA", "body": "B"}\n';
    }
    const results = await collect(readJsonl(input()));
    expect(summarize(results)).toEqual([
      { line: 1, error: "line is longer than 4,000,000 characters" },
      { line: 2, title: "next" },
    ]);
    expect(results[0].ok === false && results[0].raw).toHaveLength(200);
  });
});

describe("readCsv", () => {
  const expected = [
    { line: 2, title: "Chinese Delegation Leaves Pyongyang" },
    { line: 3, title: '"New security-oriented rule" of tyrant' },
    { line: 6, title: '조선중앙통신 보도: "평양"' },
    { line: 8, error: 'published: expected a date like 2024-08-04, got "yesterday"' },
    { line: 9, error: "expected 7 fields, got 3" },
    { line: 11, title: "U.S. religious delegation here" },
  ];

  it("reads aliased columns, quotes, embedded newlines, Hangul and a BOM, with physical line numbers", async () => {
    const results = await collect(readCsv(createReadStream(csvPath)));
    expect(summarize(results)).toEqual(expected);
    expect(results[0]).toMatchObject({
      ok: true,
      record: {
        source: "KCNA",
        published: new Date("2024-02-03T00:00:00Z"),
        language: "en",
        url: expect.stringMatching(/^http:\/\/www\.kcna\.kp\/en\/article\/q\//),
      },
    });
    expect(results[1].ok && results[1].record.body).toBe(
      'Pyongyang, January 19 (KCNA) -- The Kim Young Sam fascist\ngroup held a "working meeting for public order" on jan. 16,\nattended by officials of the puppet administration, the',
    );
    expect(results[1].ok && results[1].record.language).toBe("en");
    expect(results[2]).toMatchObject({
      ok: true,
      record: {
        published: new Date("2024-08-04T00:30:00Z"),
        language: "ko",
        body: "평양, 8월 4일 (조선중앙통신) -- 첫 문단.\n둘째 문단, 쉼표 포함.",
      },
    });
    expect(results[2].ok && results[2].record.url).toBeUndefined();
    expect(results[4]).toMatchObject({ ok: false, raw: "Too few fields,1997-01-21,KCNA" });
  });

  it("gives the same line numbers for CRLF files and any chunking", async () => {
    const bytes = readFileSync(csvPath);
    const crlf = Buffer.from(bytes.toString("utf8").replace(/\n/g, "\r\n"));
    for (const size of [1, 5, 64, 65536]) {
      expect(summarize(await collect(readCsv(chunked(bytes, size))))).toEqual(expected);
      expect(summarize(await collect(readCsv(chunked(crlf, size))))).toEqual(expected);
    }
  });

  it("keeps the rows before an unclosed quote and reports where it starts", async () => {
    const text =
      'title,published,source,body\nA,2024-01-01,KCNA,fine\n\nB,2024-01-02,KCNA,"never closed\nC,2024-01-03,KCNA,lost\n';
    expect(summarize(await collect(readCsv(Readable.from([text]))))).toEqual([
      { line: 2, title: "A" },
      { line: 4, error: "a quoted field is never closed: the rest of the file could not be read" },
    ]);
    const [, failure] = await collect(readCsv(Readable.from([text])));
    expect(failure.ok === false && failure.raw).toBe('B,2024-01-02,KCNA,"never closed\nC,2024-01-03,KCNA,lost\n');
  });

  it("refuses a file whose header lacks required columns", async () => {
    const results = await collect(readCsv(Readable.from(["name,when\nA,2024-01-01\n"])));
    expect(summarize(results)).toEqual([{ line: 1, error: "header: missing columns title, published, source, body" }]);
    expect(summarize(await collect(readCsv(Readable.from([""]))))).toEqual([
      { line: 1, error: "header: the file is empty; expected a header row with title, published, source, body" },
    ]);
  });

  it("streams: the first records arrive from an endless input", async () => {
    async function* endless() {
      yield "title,published,source,body\n";
      for (let index = 0; ; index += 1) yield `T${index},2024-01-01,KCNA,"B\nB"\n`;
    }
    const lines: number[] = [];
    for await (const result of readCsv(endless())) {
      lines.push(result.line);
      if (lines.length === 3) break;
    }
    expect(lines).toEqual([2, 4, 6]);
  });
});

describe("detectFileFormat", () => {
  const bytes = (text: string) => new TextEncoder().encode(text);

  it("trusts the extension, then sniffs the content", () => {
    expect(detectFileFormat("export.JSONL", bytes("anything"))).toBe("jsonl");
    expect(detectFileFormat("export.ndjson", bytes(""))).toBe("jsonl");
    expect(detectFileFormat("articles.csv", bytes("{"))).toBe("csv");
    expect(detectFileFormat("upload.txt", bytes('\uFEFF  {"title": "x"}'))).toBe("jsonl");
    expect(detectFileFormat("upload", bytes('"Title",Date,Source,Body\r\n'))).toBe("csv");
    expect(detectFileFormat("upload.json", bytes("[{}]"))).toBeNull();
    expect(detectFileFormat("notes", bytes("hello, world"))).toBeNull();
  });

  it("takes a .txt file, or text with an aggregator page's marks, as a saved page", () => {
    expect(detectFileFormat("notes.txt", bytes("hello, world"))).toBe("page");
    expect(detectFileFormat("saved", bytes("Title\n\nDate: 10/06/2021 | Source: KCNA.kp (En)\n"))).toBe("page");
    expect(detectFileFormat("saved.html.part", bytes("More From KCNA.kp (En)\n\nPress Review\n"))).toBe("page");
    expect(detectFileFormat("copy", bytes("Title\n\nPyongyang, June 10 (KCNA) -- Text. -0-\n"))).toBe("page");
  });
});

describe("dates written day/month/year", () => {
  const csv = (published: string, body: string) =>
    Readable.from([`title,published,source,body\nA visit,${published},KCNA,"${body}"\n`]);

  it("reads 04/03/2025 as the paste does: 4 March, unless the dateline says March 4 the other way", async () => {
    const [dayMonth] = await collect(readCsv(csv("04/03/2025", "Pyongyang, March 4 (KCNA) -- A visit was made.")));
    expect(dayMonth).toMatchObject({ ok: true });
    expect(dayMonth.ok && dayMonth.record.published).toEqual(new Date("2025-03-04T00:00:00Z"));
    const [monthDay] = await collect(readCsv(csv("04/03/2025", "Pyongyang, April 3 (KCNA) -- A visit was made.")));
    expect(monthDay.ok && monthDay.record.published).toEqual(new Date("2025-04-03T00:00:00Z"));
    const [words] = await collect(
      readJsonl(
        Readable.from([
          JSON.stringify({ title: "T", published: "4 March 2025", source: "KCNA", body: "Text." }) + "\n",
        ]),
      ),
    );
    expect(words.ok && words.record.published).toEqual(new Date("2025-03-04T00:00:00Z"));
  });

  it("still refuses what is no date", async () => {
    const [bad] = await collect(readCsv(csv("31/31/2025", "Text.")));
    expect(bad).toMatchObject({ ok: false, error: expect.stringMatching(/published/) });
  });
});
