"use client";

import { useId, useRef, useState, useSyncExternalStore } from "react";
import { Button, buttonClasses } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { CSV_COLUMNS, CSV_COLUMN_LABELS, DEFAULT_CSV_COLUMNS, type CsvColumn } from "@/lib/export/csv";

// "Export" on the article list: the current filter or the selected articles, in the format a colleague
// needs. The file comes from GET /api/v1/export; where the browser can read a response as a stream, the
// menu fetches it itself to show progress (rows counted as they arrive against X-Total-Count), then
// saves it from a Blob URL; elsewhere it is a plain download link.

const FORMATS = [
  { value: "csv", label: "CSV (Excel, LibreOffice)" },
  { value: "json", label: "JSON" },
  { value: "ndjson", label: "NDJSON (one record a line)" },
  { value: "html", label: "Brief (HTML, printable)" },
  { value: "md", label: "Brief (Markdown)" },
  { value: "annotations", label: "Annotations (W3C JSON-LD)" },
] as const;

type Format = (typeof FORMATS)[number]["value"];
type Progress = { rows: number; bytes: number; total: number | null };

export type ExportMenuProps = {
  /** The list's filter as a query string (filterToQueryString), without the page cursor. */
  query: string;
  /** How many articles the filter matches, when the page knows. */
  total?: number | null;
  /** Ids of the articles ticked in the list. */
  selectedIds?: number[];
  className?: string;
};

/** Rows in a chunk: one line per record for CSV and JSON; a story heading for a brief. */
function rowsIn(text: string, format: Format): number {
  const marker = format === "csv" ? "\r\n" : format === "html" ? "<article>" : format === "md" ? "\n### " : "\n";
  return text.split(marker).length - 1;
}

const subscribeToNothing = () => () => {};
const browserCanStream = () => typeof ReadableStream !== "undefined" && "body" in Response.prototype;

function fileNameOf(response: Response, fallback: string): string {
  const header = response.headers.get("content-disposition") ?? "";
  return /filename="([^"]+)"/.exec(header)?.[1] ?? fallback;
}

export function ExportMenu({ query, total = null, selectedIds = [], className }: ExportMenuProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [format, setFormat] = useState<Format>("csv");
  const [scope, setScope] = useState<"filter" | "selected">(selectedIds.length ? "selected" : "filter");
  const [columns, setColumns] = useState<CsvColumn[]>(DEFAULT_CSV_COLUMNS);
  const [group, setGroup] = useState<"theme" | "day">("theme");
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<string | null>(null);
  // False while rendering on the server: the first paint offers the plain link, which always works.
  const canStream = useSyncExternalStore(subscribeToNothing, browserCanStream, () => false);
  const abort = useRef<AbortController | null>(null);

  const params = new URLSearchParams(scope === "selected" && selectedIds.length ? "" : query);
  params.delete("cursor");
  params.set("format", format);
  if (scope === "selected" && selectedIds.length) params.set("ids", selectedIds.join(","));
  if (format === "csv") params.set("columns", columns.join(","));
  if (format === "html" || format === "md") params.set("group", group);
  const href = `/api/v1/export?${params.toString()}`;

  async function download() {
    setError(null);
    const controller = new AbortController();
    abort.current = controller;
    try {
      const response = await fetch(href, { signal: controller.signal, credentials: "same-origin" });
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => null)) as { error?: string } | null;
        throw new Error(body?.error ?? `The export failed (${response.status}).`);
      }
      const expected = Number(response.headers.get("x-total-count"));
      const state: Progress = { rows: 0, bytes: 0, total: Number.isFinite(expected) && response.headers.has("x-total-count") ? expected : null };
      setProgress({ ...state });
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      const parts: Uint8Array[] = [];
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value);
        state.bytes += value.byteLength;
        state.rows += rowsIn(decoder.decode(value, { stream: true }), format);
        setProgress({ ...state, rows: state.total === null ? state.rows : Math.min(state.rows, state.total) });
      }
      const blob = new Blob(parts as BlobPart[], { type: response.headers.get("content-type") ?? "application/octet-stream" });
      const url = URL.createObjectURL(blob);
      const link = document.createElement("a");
      link.href = url;
      link.download = fileNameOf(response, `presswatch-export.${format}`);
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setProgress(null);
      dialog.current?.close();
    } catch (failure) {
      setProgress(null);
      if (controller.signal.aborted) return;
      setError(failure instanceof Error ? failure.message : "The export failed.");
    } finally {
      abort.current = null;
    }
  }

  const toggleColumn = (column: CsvColumn, on: boolean) =>
    setColumns((current) => {
      const next = on ? [...current, column] : current.filter((c) => c !== column);
      return CSV_COLUMNS.filter((c) => next.includes(c));
    });
  const percent = progress?.total ? Math.round((progress.rows / Math.max(progress.total, 1)) * 100) : null;

  return (
    <div className={className}>
      <Button onClick={() => dialog.current?.showModal()} aria-haspopup="dialog">
        Export
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        className="m-auto w-[28rem] max-w-[95vw] rounded-lg border border-slate-200 p-0 shadow-xl backdrop:bg-slate-900/30"
        onClose={() => abort.current?.abort()}
      >
        <form
          method="dialog"
          className="space-y-4 p-4"
          onSubmit={(event) => {
            if (!canStream) return;
            event.preventDefault();
            void download();
          }}
        >
          <h2 id={titleId} className="text-base font-semibold text-slate-900">
            Export articles
          </h2>
          <fieldset className="space-y-1">
            <legend className="text-xs font-medium text-slate-700">Articles</legend>
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" name="scope" checked={scope === "filter"} onChange={() => setScope("filter")} />
              Current filter{total !== null ? ` (${total.toLocaleString("en")} articles)` : ""}
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="scope"
                checked={scope === "selected"}
                disabled={!selectedIds.length}
                onChange={() => setScope("selected")}
              />
              Selected ({selectedIds.length})
            </label>
          </fieldset>
          <Field label="Format">
            {(props) => (
              <Select {...props} value={format} onChange={(event) => setFormat(event.target.value as Format)}>
                {FORMATS.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          {format === "csv" ? (
            <fieldset>
              <legend className="mb-1 text-xs font-medium text-slate-700">Columns</legend>
              <div className="grid grid-cols-2 gap-x-4 gap-y-1">
                {CSV_COLUMNS.map((column) => (
                  <label key={column} className="flex items-center gap-2 text-sm">
                    <input
                      type="checkbox"
                      checked={columns.includes(column)}
                      onChange={(event) => toggleColumn(column, event.target.checked)}
                    />
                    {CSV_COLUMN_LABELS[column]}
                  </label>
                ))}
              </div>
            </fieldset>
          ) : null}
          {format === "html" || format === "md" ? (
            <Field label="Group stories by">
              {(props) => (
                <Select {...props} value={group} onChange={(event) => setGroup(event.target.value as "theme" | "day")}>
                  <option value="theme">Theme</option>
                  <option value="day">Day</option>
                </Select>
              )}
            </Field>
          ) : null}
          {progress ? (
            <div className="space-y-1" aria-live="polite">
              <progress className="h-2 w-full" max={100} value={percent ?? undefined} aria-label="Export progress" />
              <p className="text-xs text-slate-600">
                {progress.total !== null
                  ? `${progress.rows.toLocaleString("en")} of ${progress.total.toLocaleString("en")} articles`
                  : `${(progress.bytes / 1024).toFixed(0)} KB received`}
              </p>
            </div>
          ) : null}
          {error ? <Notice tone="error">{error}</Notice> : null}
          <div className="flex items-center justify-end gap-2">
            <Button variant="ghost" onClick={() => dialog.current?.close()}>
              Cancel
            </Button>
            {canStream ? (
              <Button type="submit" variant="primary" disabled={Boolean(progress) || (format === "csv" && !columns.length)}>
                {progress ? "Exporting…" : "Download"}
              </Button>
            ) : (
              <a className={buttonClasses("primary")} href={href} download>
                Download
              </a>
            )}
          </div>
        </form>
      </dialog>
    </div>
  );
}
