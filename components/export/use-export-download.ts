import { useRef, useState } from "react";
import type { BriefGroup } from "@/lib/export/brief";
import type { CsvColumn } from "@/lib/export/csv";
import type { ExportFormat } from "@/lib/export/formats";
import { createRowCounter, type CountedFormat } from "@/lib/export/progress";
import { formatBytes } from "@/lib/format";

// The export's download, apart from the menu that configures it: fetches GET /api/v1/export, reads the
// body as a stream so the rows and bytes received show against the server's X-Total-Count, then saves
// the file from a Blob under the name the server chose (filter summary and date).

export type ExportScope = "filter" | "selected";

export type ExportRequest = {
  /** The list's filter as a query string (filterToQueryString), without the page cursor. */
  query: string;
  format: ExportFormat;
  scope: ExportScope;
  selectedIds: number[];
  columns: CsvColumn[];
  group: BriefGroup;
};

/** `total` is null when the count is unknown or does not apply (annotations are counted per note). */
export type ExportProgress = { rows: number; bytes: number; total: number | null };

function exportHref({ query, format, scope, selectedIds, columns, group }: ExportRequest): string {
  const selected = scope === "selected" && selectedIds.length > 0;
  const params = new URLSearchParams(selected ? "" : query);
  params.delete("cursor");
  params.set("format", format);
  if (selected) params.set("ids", selectedIds.join(","));
  if (format === "csv") params.set("columns", columns.join(","));
  if (format === "html" || format === "md") params.set("group", group);
  return `/api/v1/export?${params.toString()}`;
}

/** The file name from Content-Disposition; the server only ever sends plain ASCII names. */
function fileNameOf(response: Response, fallback: string): string {
  const header = response.headers.get("content-disposition") ?? "";
  return /filename="([^"]+)"/.exec(header)?.[1] ?? fallback;
}

function saveBlob(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The click starts the download; the URL only has to live until the browser has read the blob.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function failureMessage(failure: unknown): string {
  if (failure instanceof TypeError) return "The export could not be downloaded: check the connection and try again.";
  return failure instanceof Error ? failure.message : "The export failed.";
}

/** Reads the body chunk by chunk, reporting rows (counted from the format's record marks) and bytes. */
async function readWithProgress(
  response: Response & { body: ReadableStream<Uint8Array> },
  format: ExportFormat,
  onProgress: (progress: ExportProgress) => void,
): Promise<{ parts: Uint8Array[]; bytes: number }> {
  const totalHeader = response.headers.get("x-total-count");
  const total = totalHeader !== null && Number.isFinite(Number(totalHeader)) ? Number(totalHeader) : null;
  // Annotations are counted per note, not per article: their progress is shown in bytes only.
  const counter = format === "annotations" ? null : createRowCounter(format as CountedFormat);
  const state: ExportProgress = { rows: 0, bytes: 0, total: counter ? total : null };
  onProgress({ ...state });
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const parts: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    state.bytes += value.byteLength;
    if (counter) {
      // The CSV header line ends like a row: it is not an article.
      const rows = counter.push(decoder.decode(value, { stream: true })) - (format === "csv" ? 1 : 0);
      state.rows = state.total === null ? Math.max(rows, 0) : Math.min(Math.max(rows, 0), state.total);
    }
    onProgress({ ...state });
  }
  return { parts, bytes: state.bytes };
}

/**
 * `download(request)` runs one export; while it runs, `progress` says how far it got and `stop()` ends
 * it without an error. Afterwards `saved` names the file, or `error` says why there is none.
 */
export function useExportDownload() {
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);

  function reset() {
    setError(null);
    setSaved(null);
  }

  function stop() {
    abort.current?.abort();
  }

  async function download(request: ExportRequest) {
    reset();
    const controller = new AbortController();
    abort.current = controller;
    try {
      const response = await fetch(exportHref(request), { signal: controller.signal, credentials: "same-origin" });
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => null)) as { error?: string } | null;
        throw new Error(body?.error ?? `The server refused the export (${response.status}).`);
      }
      const { parts, bytes } = await readWithProgress(
        response as Response & { body: ReadableStream<Uint8Array> },
        request.format,
        setProgress,
      );
      const fileName = fileNameOf(response, `presswatch-export.${request.format}`);
      const type = response.headers.get("content-type") ?? "application/octet-stream";
      saveBlob(new Blob(parts as BlobPart[], { type }), fileName);
      setProgress(null);
      setSaved(`${fileName} saved (${formatBytes(bytes)}).`);
    } catch (failure) {
      setProgress(null);
      if (!controller.signal.aborted) setError(failureMessage(failure));
    } finally {
      abort.current = null;
    }
  }

  const percent = progress?.total ? Math.round((progress.rows / Math.max(progress.total, 1)) * 100) : undefined;
  return { progress, percent, busy: progress !== null, error, saved, download, stop, reset };
}
