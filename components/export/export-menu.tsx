"use client";

import { Download } from "lucide-react";
import { useState } from "react";
import { CSV_COLUMNS, CSV_COLUMN_LABELS, DEFAULT_CSV_COLUMNS, type CsvColumn } from "@/lib/export/csv";
import type { BriefGroup } from "@/lib/export/brief";
import type { ExportFormat } from "@/lib/export/formats";
import { formatBytes } from "@/lib/format";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field, Select } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useExportDownload, type ExportScope } from "@/components/export/use-export-download";

// "Export" on the article list: the current filter (every matching article, not just this page) or the
// ticked rows, in the format a colleague needs. The menu only asks; useExportDownload fetches, shows the
// progress and saves the file.

const FORMATS: { value: ExportFormat; label: string }[] = [
  { value: "csv", label: "CSV (Excel, LibreOffice)" },
  { value: "json", label: "JSON (full records)" },
  { value: "ndjson", label: "NDJSON (one record a line)" },
  { value: "html", label: "Brief (HTML, printable)" },
  { value: "md", label: "Brief (Markdown)" },
  { value: "annotations", label: "Annotations (W3C Web Annotation JSON-LD)" },
];

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

export function ExportMenu({ query, totalLabel, selectedIds = [], compact = false }: ExportMenuProps) {
  const [open, setOpen] = useState(false);
  const [format, setFormat] = useState<ExportFormat>("csv");
  const [scope, setScope] = useState<ExportScope>("filter");
  const [columns, setColumns] = useState<CsvColumn[]>(DEFAULT_CSV_COLUMNS);
  const [group, setGroup] = useState<BriefGroup>("theme");
  const { progress, percent, busy, error, saved, download, stop, reset } = useExportDownload();
  const hasSelection = selectedIds.length > 0;

  function onOpenChange(next: boolean) {
    if (next) {
      // Ticked rows are what the analyst most likely means; otherwise the whole filter.
      setScope(hasSelection ? "selected" : "filter");
      reset();
    } else {
      stop();
    }
    setOpen(next);
  }

  const toggleColumn = (column: CsvColumn, on: boolean) =>
    setColumns((current) => {
      const next = on ? [...current, column] : current.filter((c) => c !== column);
      return CSV_COLUMNS.filter((c) => next.includes(c));
    });

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
            void download({ query, format, scope, selectedIds, columns, group });
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
                onChange={(event) => setFormat(event.target.value as ExportFormat)}
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
                  onChange={(event) => setGroup(event.target.value as BriefGroup)}
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
            <Button variant="ghost" onClick={() => (busy ? stop() : onOpenChange(false))}>
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
