import { CsvError, parse } from "csv-parse";
import {
  formatIncomingArticleError,
  incomingArticleSchema,
  type IncomingArticle,
  parsePublishedDate,
} from "@/lib/validation/incoming-article";
import { parseDateline, parseMetaDate } from "@/lib/ingest/paste/paste-dates";

// Streaming readers for article files (JSON Lines and CSV). They hold one record at a time, never the file,
// and turn every bad line into a failed RecordResult with its physical line number so an import can go on.

export type RecordResult =
  | { line: number; ok: true; record: IncomingArticle }
  | { line: number; ok: false; error: string; /** The first 200 characters of the offending text. */ raw: string };

export type RecordInput = NodeJS.ReadableStream | AsyncIterable<Uint8Array | string>;

// A body may hold 1,000,000 characters; UTF-8 and JSON escapes make its line longer than that.
const MAX_RECORD_CHARS = 4_000_000;
const RAW_PREVIEW = 200;

const FIELD_ALIASES: Record<string, string> = {
  title: "title",
  published: "published",
  date: "published",
  published_at: "published",
  source: "source",
  outlet: "source",
  url: "url",
  link: "url",
  body: "body",
  text: "body",
  content: "body",
  language: "language",
  lang: "language",
  teaser: "teaser",
};
const REQUIRED_FIELDS = ["title", "published", "source", "body"];

export type FileFormat = "jsonl" | "csv" | "page";

// What an aggregator page has near its top: a Date row, a More From heading, a KCNA dateline or end mark.
const PAGE_MARKERS = /^(?:Date\s*:|More From )|\((?:KCNA|Rodong Sinmun)\)\s*--|\s-0-\s*$/im;

/**
 * By extension first (.jsonl/.ndjson, .csv), then by content (a JSON object, a CSV header with title); a
 * .txt file or text that looks like an aggregator page is a saved page (text as copied from KCNA Watch).
 */
export function detectFileFormat(name: string, firstBytes: Uint8Array): FileFormat | null {
  const extension = /\.([a-z]+)$/i.exec(name)?.[1].toLowerCase();
  if (extension === "jsonl" || extension === "ndjson") return "jsonl";
  if (extension === "csv") return "csv";
  const head = new TextDecoder()
    .decode(firstBytes)
    .replace(/^\uFEFF/, "")
    .trimStart();
  if (head.startsWith("{")) return "jsonl";
  const firstLine = head.split(/\r?\n/, 1)[0].toLowerCase();
  if (firstLine.includes(",") && /(^|,)\s*"?title"?\s*(,|$)/.test(firstLine)) return "csv";
  if (extension === "txt" || extension === "text" || PAGE_MARKERS.test(head)) return "page";
  return null;
}

export async function* readJsonl(input: RecordInput): AsyncGenerator<RecordResult> {
  for await (const { line, text, truncated } of readLines(input)) {
    const content = text.trim();
    if (content === "") continue;
    const raw = content.slice(0, RAW_PREVIEW);
    if (truncated) {
      yield { line, ok: false, error: `line is longer than ${MAX_RECORD_CHARS.toLocaleString("en")} characters`, raw };
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(content);
    } catch (error) {
      yield { line, ok: false, error: `not valid JSON: ${(error as Error).message}`, raw };
      continue;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      yield { line, ok: false, error: "expected a JSON object with title, published, source and body", raw };
      continue;
    }
    yield validateRecord(line, canonicalFields(Object.entries(value)), raw);
  }
}

export async function* readCsv(input: RecordInput): AsyncGenerator<RecordResult> {
  type ParsedRow = { record: string[]; raw: string };
  const rows: ParsedRow[] = [];
  const parser = parse({
    bom: true,
    raw: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_CHARS,
    // Rows are collected here rather than read from the stream, so rows parsed before a fatal error are kept.
    // With `raw`, csv-parse hands over { record, raw } where its types say string[].
    on_record: (row) => {
      rows.push(row as unknown as ParsedRow);
      return null;
    },
  });
  parser.on("error", () => undefined);

  let header: (string | null)[] | null = null;
  let headerRejected = false;
  let linesBefore = 0;
  let fatal: CsvError | null = null;

  const drain = function* (): Generator<RecordResult> {
    for (const { record, raw } of rows.splice(0)) {
      // csv-parse's own line count doubles CRLF inside quoted fields; counting the raw text is exact.
      const leadingBreaks = countLineBreaks(/^[\r\n]*/.exec(raw)![0]);
      const line = linesBefore + leadingBreaks + 1;
      linesBefore += countLineBreaks(raw);
      const preview = raw
        .replace(/^[\r\n]+/, "")
        .replace(/[\r\n]+$/, "")
        .slice(0, RAW_PREVIEW);
      if (record.length === 1 && record[0].trim() === "") continue;
      if (!header) {
        header = record.map((name) => FIELD_ALIASES[name.trim().toLowerCase()] ?? null);
        const missing = REQUIRED_FIELDS.filter((field) => !header!.includes(field));
        if (missing.length > 0) {
          headerRejected = true;
          yield {
            line,
            ok: false,
            error: `header: missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`,
            raw: preview,
          };
          return;
        }
        continue;
      }
      if (record.length !== header.length) {
        yield { line, ok: false, error: `expected ${header.length} fields, got ${record.length}`, raw: preview };
        continue;
      }
      const columns = header;
      yield validateRecord(line, canonicalFields(record.map((value, index) => [columns[index], value])), preview);
    }
  };

  try {
    for await (const chunk of input) {
      await writeTo(parser, chunk);
      yield* drain();
      if (headerRejected) return;
    }
    await endParser(parser);
  } catch (error) {
    // Input failures (a broken upload, a closed socket) are the caller's to handle; bad CSV is a failed record.
    if (!(error instanceof CsvError)) throw error;
    fatal = error;
  }
  yield* drain();
  if (headerRejected) return;
  if (fatal) {
    const rest = typeof fatal.raw === "string" ? fatal.raw : "";
    const line = linesBefore + countLineBreaks(/^[\r\n]*/.exec(rest)![0]) + 1;
    yield { line, ok: false, error: describeCsvError(fatal), raw: rest.replace(/^[\r\n]+/, "").slice(0, RAW_PREVIEW) };
  } else if (!header) {
    yield {
      line: 1,
      ok: false,
      error: "header: the file is empty; expected a header row with title, published, source, body",
      raw: "",
    };
  }
}

export function validateRecord(line: number, fields: Record<string, unknown>, raw: string): RecordResult {
  const result = incomingArticleSchema.safeParse(withReadableDate(fields));
  return result.success
    ? { line, ok: true, record: result.data }
    : { line, ok: false, error: formatIncomingArticleError(result.error), raw };
}

/**
 * A published value the schema does not read (04/03/2025, 4 March 2025) read as a paste reads a Date line:
 * day/month/year, unless the body's dateline ("Pyongyang, March 4 (KCNA) --") says month/day. Anything the
 * paste reader cannot read either is left for the schema to refuse with its message.
 */
function withReadableDate(fields: Record<string, unknown>): Record<string, unknown> {
  const published = fields.published;
  if (typeof published !== "string" || parsePublishedDate(published)) return fields;
  const body = typeof fields.body === "string" ? fields.body : "";
  const firstParagraph = body.trim().split(/\n\s*\n|\n/)[0] ?? "";
  const read = parseMetaDate(published, parseDateline(firstParagraph));
  return "date" in read ? { ...fields, published: read.date } : fields;
}

// Keys are matched case-insensitively and through their aliases; the canonical name wins over an alias.
function canonicalFields(entries: [string | null | undefined, unknown][]): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [name, value] of entries) {
    const key = name ? FIELD_ALIASES[name.trim().toLowerCase()] : undefined;
    if (!key) continue;
    if (!(key in fields) || name!.trim().toLowerCase() === key) fields[key] = value;
  }
  return fields;
}

function countLineBreaks(text: string): number {
  return text.match(/\r\n|\r|\n/g)?.length ?? 0;
}

function describeCsvError(error: CsvError): string {
  if (error.code === "CSV_QUOTE_NOT_CLOSED")
    return "a quoted field is never closed: the rest of the file could not be read";
  if (error.code === "CSV_MAX_RECORD_SIZE")
    return `a row is longer than ${MAX_RECORD_CHARS.toLocaleString("en")} characters: the rest of the file could not be read`;
  return `the CSV could not be read further: ${error.message}`;
}

function writeTo(parser: ReturnType<typeof parse>, chunk: Uint8Array | string): Promise<void> {
  return new Promise((resolve, reject) => {
    parser.write(chunk, (error) => (error ? reject(error) : resolve()));
  });
}

function endParser(parser: ReturnType<typeof parse>): Promise<void> {
  return new Promise((resolve, reject) => {
    parser.once("error", reject);
    parser.end(() => resolve());
  });
}

type Line = { line: number; text: string; truncated: boolean };

// Splits a byte or text stream into lines, decoding UTF-8 across chunk boundaries. A line past
// MAX_RECORD_CHARS keeps only its start, so one runaway line cannot exhaust memory.
async function* readLines(input: RecordInput): AsyncGenerator<Line> {
  const decoder = new TextDecoder("utf-8");
  let pending = "";
  let truncated = false;
  let line = 1;
  let first = true;
  for await (const chunk of input) {
    let text = typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    if (first && text.length > 0) {
      text = text.replace(/^\uFEFF/, "");
      first = false;
    }
    let start = 0;
    for (let newline = text.indexOf("\n"); newline !== -1; newline = text.indexOf("\n", start)) {
      const piece = text.slice(start, newline);
      yield {
        line,
        text: truncated ? pending : pending + piece.slice(0, MAX_RECORD_CHARS - pending.length),
        truncated: truncated || pending.length + piece.length > MAX_RECORD_CHARS,
      };
      pending = "";
      truncated = false;
      line += 1;
      start = newline + 1;
    }
    const rest = text.slice(start);
    if (!truncated) {
      pending += rest;
      if (pending.length > MAX_RECORD_CHARS) {
        pending = pending.slice(0, MAX_RECORD_CHARS);
        truncated = true;
      }
    }
  }
  pending += truncated ? "" : decoder.decode();
  if (pending !== "" || truncated) yield { line, text: pending, truncated };
}
