import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { csvCell, DEFAULT_CSV_COLUMNS, parseCsvColumns, writeCsv, type CsvColumn } from "@/lib/export/csv";
import { collect, fromArray, makeAnnotation, makeRecord } from "@/lib/export/test-records";

const ALL: CsvColumn[] = [
  "date",
  "source",
  "title",
  "url",
  "themes",
  "tags",
  "status",
  "excerpt",
  "text",
  "annotations",
  "notes",
];

async function csvOf(records: Parameters<typeof fromArray>[0], columns: CsvColumn[] = ALL) {
  const text = await collect(writeCsv(fromArray(records), columns));
  return { text, rows: parse(text, { bom: true, relax_quotes: false }) as string[][] };
}

describe("writeCsv", () => {
  it("starts with a UTF-8 byte-order mark and ends rows with CRLF", async () => {
    const { text } = await csvOf([makeRecord()], ["title"]);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(Buffer.from(text, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(text.slice(1)).toBe('"Title"\r\n"Kim Jong Un oversees launch"\r\n');
  });

  it("round-trips commas, quotes, line breaks and Hangul through a real CSV parser", async () => {
    const title = '조선중앙통신, "KCNA" says: 미사일\r\nlaunch, again\nand "again"';
    const body = '첫째 줄\n둘째, 줄 "인용"\r\n셋째 줄 — Ünïcödé';
    const record = makeRecord({
      title,
      bodyText: body,
      source: { id: 2, name: "Rodong Sinmun (로동신문)" },
      themes: [
        { id: 1, name: "Missiles" },
        { id: 2, name: "Diplomacy, US" },
      ],
      annotations: [makeAnnotation(), makeAnnotation({ id: 2, exact: null, note: 'Whole story: "watch"' })],
    });
    const { rows } = await csvOf([record, makeRecord({ id: 2, title: "Second" })]);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toEqual([
      "Date",
      "Source",
      "Title",
      "URL",
      "Themes",
      "Tags",
      "Review status",
      "Excerpt",
      "Full text",
      "Annotation count",
      "Annotation notes",
    ]);
    expect(rows[1]).toEqual([
      "2017-07-04",
      "Rodong Sinmun (로동신문)",
      title,
      "https://kcnawatch.example/a/1",
      "Missiles; Diplomacy, US",
      "ICBM",
      "flagged",
      "Pyongyang, July 4 (KCNA) -- ...",
      body,
      "2",
      '"ballistic missile" — Check against the 2016 test.\nWhole story: "watch"',
    ]);
    expect(rows[2][2]).toBe("Second");
  });

  it.each(["=", "+", "-", "@", "\t", "\r"])("neutralises a cell starting with %j", async (start) => {
    const title = `${start}HYPERLINK("http://evil.example","click")`;
    expect(csvCell(title).startsWith(`"'${start}`)).toBe(true);
    const { rows } = await csvOf([makeRecord({ title })], ["title"]);
    expect(rows[1][0]).toBe(`'${title}`);
  });

  it("leaves cells that only contain a trigger character later on alone", async () => {
    const { rows } = await csvOf([makeRecord({ title: "Talks 2+2 = progress @UN" })], ["title"]);
    expect(rows[1][0]).toBe("Talks 2+2 = progress @UN");
  });

  it("writes only the chosen columns, in their order; an empty export has its header", async () => {
    const { rows } = await csvOf([makeRecord()], ["url", "date"]);
    expect(rows).toEqual([
      ["URL", "Date"],
      ["https://kcnawatch.example/a/1", "2017-07-04"],
    ]);
    expect((await csvOf([], ["title"])).rows).toEqual([["Title"]]);
  });
});

describe("parseCsvColumns", () => {
  it("keeps known names in order, drops the rest, and falls back to the defaults", () => {
    expect(parseCsvColumns("title, DATE,bogus,title")).toEqual(["title", "date"]);
    expect(parseCsvColumns("")).toEqual(DEFAULT_CSV_COLUMNS);
    expect(parseCsvColumns(null)).toEqual(DEFAULT_CSV_COLUMNS);
  });
});
