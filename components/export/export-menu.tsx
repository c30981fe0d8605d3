"use client";

import { Download } from "lucide-react";
import { useRef, useState } from "react";
import { CSV_COLUMNS, CSV_COLUMN_LABELS, DEFAULT_CSV_COLUMNS, type CsvColumn } from "@/lib/export/csv";
import { createRowCounter, type CountedFormat } from "@/lib/export/progress";
import { formatBytes } from "@/lib/format";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field, Select } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";

// "Export" on the article list: the current filter (every matching article, not just this page) or the
// ticked rows, in the format a colleague needs. The menu fetches GET /api/v1/export itself and reads the
// body as a stream, so the page shows the rows and bytes received against the server's X-Total-Count,
// then saves the file from a Blob under the name the server chose (filter summary and date).

const FORMATS = [
  { value: "csv", label: "CSV (Excel, LibreOffice)" },
  { value: "json", label: "JSON (full records)" },
  { value: "ndjson", label: "NDJSON (one record a line)" },
  { value: "html", label: "Brief (HTML, printable)" },
  { value: "md", label: "Brief (Markdown)" },
  { value: "annotations", label: "Annotations (W3C Web Annotation JSON-LD)" },
] as const;

type Format = (typeof FORMATS)[number]["value"];
type Scope = "filter" | "selected";
type Progress = { rows: number; bytes: number; total: number | null };

export type ExportMenuProps = {
  /** The list's filter as a query string (filterToQueryString), without the page cursor. */
  query: string;
  /** "1,234 articles" or "About 120,000 articles", when the page knows. */
  totalLabel?: string;
  /** Ids of the articles ticked in the list (empty when none, or when "all matching" is ticked). */
  selectedIds?: number[];
  /** An icon-only trigger, for the crowded bulk-action toolbar. */
  compact?: boolean;
};

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

export function exportHref({
  query,
  format,
  scope,
  selectedIds,
  columns,
  group,
}: {
  query: string;
  format: Format;
  scope: Scope;
  selectedIds: number[];
  columns: CsvColumn[];
  group: "theme" | "day";
}): string {
  const selected = scope === "selected" && selectedIds.length > 0;
  const params = new URLSearchParams(selected ? "" : query);
  params.delete("cursor");
  params.set("format", format);
  if (selected) params.set("ids", selectedIds.join(","));
  if (format === "csv") params.set("columns", columns.join(","));
  if (format === "html" || format === "md") params.set("group", group);
  return `/api/v1/export?${params.toString()}`;
}

export function ExportMenu({ query, totalLabel, selectedIds = [], compact = false }: ExportMenuProps) {
  const [open, setOpen] = useState(false);
  const [format, setFormat] = useState<Format>("csv");
  const [scope, setScope] = useState<Scope>("filter");
  const [columns, setColumns] = useState<CsvColumn[]>(DEFAULT_CSV_COLUMNS);
  const [group, setGroup] = useState<"theme" | "day">("theme");
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const hasSelection = selectedIds.length > 0;

  function onOpenChange(next: boolean) {
    if (next) {
      // Ticked rows are what the analyst most likely means; otherwise the whole filter.
      setScope(hasSelection ? "selected" : "filter");
      setError(null);
      setSaved(null);
    } else {
      abort.current?.abort();
    }
    setOpen(next);
  }

  async function download() {
    setError(null);
    setSaved(null);
    const controller = new AbortController();
    abort.current = controller;
    const href = exportHref({ query, format, scope, selectedIds, columns, group });
    try {
      const response = await fetch(href, { signal: controller.signal, credentials: "same-origin" });
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => null)) as { error?: string } | null;
        throw new Error(body?.error ?? `The server refused the export (${response.status}).`);
      }
      const totalHeader = response.headers.get("x-total-count");
      const total = totalHeader !== null && Number.isFinite(Number(totalHeader)) ? Number(totalHeader) : null;
      // Annotations are counted per note, not per article: their progress is shown in bytes only.
      const counter = format === "annotations" ? null : createRowCounter(format as CountedFormat);
      const state: Progress = { rows: 0, bytes: 0, total: counter ? total : null };
      setProgress({ ...state });
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
        setProgress({ ...state });
      }
      const fileName = fileNameOf(response, `presswatch-export.${format}`);
      saveBlob(
        new Blob(parts as BlobPart[], { type: response.headers.get("content-type") ?? "application/octet-stream" }),
        fileName,
      );
      setProgress(null);
      setSaved(`${fileName} saved (${formatBytes(state.bytes)}).`);
    } catch (failure) {
      setProgress(null);
      if (controller.signal.aborted) return;
      setError(
        failure instanceof TypeError
          ? "The export could not be downloaded: check the connection and try again."
          : failure instanceof Error
            ? failure.message
            : "The export failed.",
      );
    } finally {
      abort.current = null;
    }
  }

  const toggleColumn = (column: CsvColumn, on: boolean) =>
    setColumns((current) => {
      const next = on ? [...current, column] : current.filter((c) => c !== column);
      return CSV_COLUMNS.filter((c) => next.includes(c));
    });
  const percent = progress?.total ? Math.round((progress.rows / Math.max(progress.total, 1)) * 100) : undefined;
  const busy = progress !== null;

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        {compact ? (
          <Button size="sm" aria-label="Export" title="Export the selection">
            <Download className="h-3.5 w-3.5" aria-hidden />
          </Button>
        ) : (
          <Button size="sm">
            <Download className="h-3.5 w-3.5" aria-hidden /> Export
          </Button>
        )}
      </DialogTrigger>
      <DialogContent title="Export articles" className="w-[min(30rem,calc(100vw-2rem))]">
        <form
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            void download();
          }}
        >
          <fieldset className="space-y-1" disabled={busy}>
            <legend className="mb-1 text-xs font-medium text-slate-700">Articles</legend>
            <label className="flex items-center gap-2 text-sm text-slate-800">
              <input
                type="radio"
                name="export-scope"
                className="accent-accent-600"
                checked={scope === "filter"}
                onChange={() => setScope("filter")}
              />
              Everything the current filter matches{totalLabel ? ` (${totalLabel.replace(/^About/, "about")})` : ""}
            </label>
            <label className={`flex items-center gap-2 text-sm ${hasSelection ? "text-slate-800" : "text-slate-400"}`}>
              <input
                type="radio"
                name="export-scope"
                className="accent-accent-600"
                checked={scope === "selected"}
                disabled={!hasSelection}
                onChange={() => setScope("selected")}
              />
              {hasSelection
                ? `The ${selectedIds.length} selected ${selectedIds.length === 1 ? "article" : "articles"}`
                : "Selected articles (none ticked)"}
            </label>
          </fieldset>
          <Field label="Format">
            {(props) => (
              <Select
                {...props}
                value={format}
                disabled={busy}
                onChange={(event) => setFormat(event.target.value as Format)}
              >
                {FORMATS.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          {format === "csv" ? (
            <fieldset disabled={busy}>
              <legend className="mb-1 text-xs font-medium text-slate-700">Columns</legend>
              <div className="grid grid-cols-2 gap-x-4 gap-y-1">
                {CSV_COLUMNS.map((column) => (
                  <label key={column} className="flex items-center gap-2 text-sm text-slate-800">
                    <input
                      type="checkbox"
                      className="accent-accent-600"
                      checked={columns.includes(column)}
                      onChange={(event) => toggleColumn(column, event.target.checked)}
                    />
                    {CSV_COLUMN_LABELS[column]}
                  </label>
                ))}
              </div>
              {!columns.length ? <p className="mt-1 text-xs text-red-700">Pick at least one column.</p> : null}
            </fieldset>
          ) : null}
          {format === "html" || format === "md" ? (
            <Field
              label="Group stories by"
              hint="Each story shows its date, source, link, tags and the annotations under the passage they annotate."
            >
              {(props) => (
                <Select
                  {...props}
                  value={group}
                  disabled={busy}
                  onChange={(event) => setGroup(event.target.value as "theme" | "day")}
                >
                  <option value="theme">Theme</option>
                  <option value="day">Day</option>
                </Select>
              )}
            </Field>
          ) : null}
          {format === "annotations" ? (
            <p className="text-xs text-slate-500">
              The analysts&apos; annotations on these articles, for other annotation tools (Hypothesis, Recogito).
            </p>
          ) : null}
          {progress ? (
            <div className="space-y-1" role="status" aria-live="polite">
              <progress
                className="h-2 w-full accent-accent-600"
                max={100}
                value={percent}
                aria-label="Export progress"
              />
              <p className="text-xs text-slate-600">
                {progress.total !== null
                  ? `${progress.rows.toLocaleString("en")} of ${progress.total.toLocaleString("en")} articles · ${formatBytes(progress.bytes)}`
                  : `${formatBytes(progress.bytes)} received`}
              </p>
            </div>
          ) : null}
          {error ? <Notice tone="error">{error}</Notice> : null}
          {saved ? <Notice tone="success">{saved}</Notice> : null}
          <div className="flex items-center justify-end gap-2">
            <Button variant="ghost" onClick={() => (busy ? abort.current?.abort() : onOpenChange(false))}>
              {busy ? "Stop" : "Cancel"}
            </Button>
            <Button type="submit" variant="primary" disabled={busy || (format === "csv" && !columns.length)}>
              <Download className="h-3.5 w-3.5" aria-hidden /> {busy ? "Exporting…" : "Download"}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
