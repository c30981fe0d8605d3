import { writeAnnotationsJsonLd } from "@/lib/export/annotations-jsonld";
import { BRIEF_GROUPS, MAX_BRIEF_ROWS, type BriefGroup } from "@/lib/export/brief";
import { parseCsvColumns, writeCsv } from "@/lib/export/csv";
import { writeHtml } from "@/lib/export/html";
import { writeJson } from "@/lib/export/json";
import { writeMarkdown } from "@/lib/export/markdown";
import { writeNdjson } from "@/lib/export/ndjson";
import { eachRecord, type ExportRows } from "@/lib/export/types";

// What each export format is called in the URL, how it is served, and which writer makes it.

export const EXPORT_FORMATS = ["csv", "json", "ndjson", "md", "html", "annotations"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The most rows one export may hold; a brief holds fewer (it is read by people, and by theme it is buffered). */
export const MAX_EXPORT_ROWS = 500_000;

export const FORMAT_INFO: Record<
  ExportFormat,
  { contentType: string; extension: string; maxRows: number; label: string }
> = {
  csv: {
    contentType: "text/csv; charset=utf-8",
    extension: "csv",
    maxRows: MAX_EXPORT_ROWS,
    label: "CSV (Excel, LibreOffice)",
  },
  json: { contentType: "application/json; charset=utf-8", extension: "json", maxRows: MAX_EXPORT_ROWS, label: "JSON" },
  ndjson: {
    contentType: "application/x-ndjson; charset=utf-8",
    extension: "ndjson",
    maxRows: MAX_EXPORT_ROWS,
    label: "NDJSON (one record a line)",
  },
  md: {
    contentType: "text/markdown; charset=utf-8",
    extension: "md",
    maxRows: MAX_BRIEF_ROWS,
    label: "Brief (Markdown)",
  },
  html: {
    contentType: "text/html; charset=utf-8",
    extension: "html",
    maxRows: MAX_BRIEF_ROWS,
    label: "Brief (HTML, printable)",
  },
  annotations: {
    contentType: 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"; charset=utf-8',
    extension: "jsonld",
    maxRows: MAX_EXPORT_ROWS,
    label: "Annotations (W3C JSON-LD)",
  },
};

export type ExportRequest = {
  format: ExportFormat;
  columns: ReturnType<typeof parseCsvColumns>;
  group: BriefGroup;
};

export function parseExportFormat(value: string | null): ExportFormat | null {
  const format = (value ?? "csv").trim().toLowerCase();
  if (format === "markdown") return "md";
  return (EXPORT_FORMATS as readonly string[]).includes(format) ? (format as ExportFormat) : null;
}

export function parseBriefGroup(value: string | null): BriefGroup {
  const group = (value ?? "").trim().toLowerCase();
  return (BRIEF_GROUPS as readonly string[]).includes(group) ? (group as BriefGroup) : "theme";
}

/** Whether the rows must carry their full text. */
/** JSON and NDJSON carry every version of each article (title, text, when and how it was seen). */
export function needsVersions(request: ExportRequest): boolean {
  return request.format === "json" || request.format === "ndjson";
}

export function needsBody(request: ExportRequest): boolean {
  return (
    request.format === "json" ||
    request.format === "ndjson" ||
    (request.format === "csv" && request.columns.includes("text"))
  );
}

export function writeExport(
  records: ExportRows,
  request: ExportRequest,
  context: { title: string; baseUrl: string; now: Date },
): AsyncGenerator<string> {
  switch (request.format) {
    case "csv":
      return writeCsv(records, request.columns);
    case "json":
      return writeJson(records);
    case "ndjson":
      return writeNdjson(records);
    case "md":
      return writeMarkdown(eachRecord(records), { title: context.title, group: request.group });
    case "html":
      return writeHtml(eachRecord(records), { title: context.title, group: request.group, generatedAt: context.now });
    case "annotations":
      return writeAnnotationsJsonLd(eachRecord(records), { baseUrl: context.baseUrl, label: context.title });
  }
}
