import { asBatch, PIECE_CHARS, type ExportRecord, type ExportRows } from "@/lib/export/types";

// CSV that Excel and LibreOffice open cleanly: UTF-8 with a byte-order mark (without it Excel reads
// Hangul as Windows-1252 mojibake), RFC 4180 quoting (every field quoted, quotes doubled, CRLF row ends,
// line breaks inside a field kept inside its quotes).
//
// Formula neutralisation: a spreadsheet runs a cell that starts with =, +, - or @ as a formula, and a
// leading tab or carriage return can hide such a start ("\t=HYPERLINK(...)"). Any cell starting with one
// of these six characters gets a leading apostrophe, which spreadsheets show as text and do not evaluate
// (OWASP "CSV injection"). The cost: a title like "-5 degrees" reads "'-5 degrees" in a plain text editor.

export const CSV_COLUMNS = [
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
  "versions",
] as const;

export type CsvColumn = (typeof CSV_COLUMNS)[number];

export const DEFAULT_CSV_COLUMNS: CsvColumn[] = [
  "date",
  "source",
  "title",
  "url",
  "themes",
  "tags",
  "status",
  "excerpt",
  "versions",
];

export const CSV_COLUMN_LABELS: Record<CsvColumn, string> = {
  date: "Date",
  source: "Source",
  title: "Title",
  url: "URL",
  themes: "Themes",
  tags: "Tags",
  status: "Review status",
  excerpt: "Excerpt",
  text: "Full text",
  annotations: "Annotation count",
  notes: "Annotation notes",
  versions: "Versions",
};

const BOM = "\uFEFF";
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field: neutralised, quoted, inner quotes doubled. */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

function annotationNotes(record: ExportRecord): string {
  return record.annotations
    .map((annotation) => (annotation.exact ? `"${annotation.exact}" — ${annotation.note}` : annotation.note))
    .join("\n");
}

const CELL: Record<CsvColumn, (record: ExportRecord) => string> = {
  date: (record) => record.publishedAt.toISOString().slice(0, 10),
  source: (record) => record.source.name,
  title: (record) => record.title,
  url: (record) => record.url ?? "",
  themes: (record) => record.themes.map((theme) => theme.name).join("; "),
  tags: (record) => record.tags.map((tag) => tag.name).join("; "),
  status: (record) => record.reviewStatus.toLowerCase(),
  excerpt: (record) => record.excerpt,
  text: (record) => record.bodyText ?? "",
  annotations: (record) => String(record.annotations.length),
  notes: annotationNotes,
  versions: (record) => String(record.versionCount),
};

/** Reads `columns=date,title,...`; unknown names are dropped, none at all means the defaults. */
export function parseCsvColumns(value: string | null | undefined): CsvColumn[] {
  const wanted = (value ?? "")
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter((name): name is CsvColumn => (CSV_COLUMNS as readonly string[]).includes(name));
  return wanted.length ? [...new Set(wanted)] : DEFAULT_CSV_COLUMNS;
}

export async function* writeCsv(records: ExportRows, columns: CsvColumn[]): AsyncGenerator<string> {
  yield `${BOM}${columns.map((column) => csvCell(CSV_COLUMN_LABELS[column])).join(",")}\r\n`;
  const cells = columns.map((column) => CELL[column]);
  for await (const item of records) {
    let text = "";
    for (const record of asBatch(item)) {
      for (let index = 0; index < cells.length; index++) text += (index ? "," : "") + csvCell(cells[index](record));
      text += "\r\n";
      if (text.length >= PIECE_CHARS) {
        yield text;
        text = "";
      }
    }
    if (text) yield text;
  }
}
