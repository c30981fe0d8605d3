"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { formatBytes, formatCount } from "@/lib/format";
import { runProgressPercent, type RunStatus } from "@/lib/ingest/run-status";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { ProgressBar } from "@/components/ingest/progress-bar";
import { RunStatusBadge } from "@/components/runs/run-status-badge";

type Phase =
  | { kind: "idle" }
  | { kind: "uploading"; sent: number; size: number }
  | { kind: "importing"; size: number; run: RunStatus | null; runId: number }
  | { kind: "finished"; size: number; run: RunStatus }
  | { kind: "failed"; message: string; runId?: number };

const POLL_MS = 500;

export function FilePanel({ maxBytes }: { maxBytes: number }) {
  const router = useRouter();
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const request = useRef<XMLHttpRequest | null>(null);
  const polling = useRef<number | null>(null);

  useEffect(
    () => () => {
      request.current?.abort();
      if (polling.current !== null) window.clearTimeout(polling.current);
    },
    [],
  );

  function follow(runId: number, size: number) {
    setPhase({ kind: "importing", size, run: null, runId });
    const poll = async () => {
      try {
        const response = await fetch(`/api/ingest/runs/${runId}`, { cache: "no-store" });
        const body = await response.json();
        if (!response.ok) throw new Error(body.error ?? `HTTP ${response.status}`);
        const run = body as RunStatus;
        if (run.status === "RUNNING") {
          setPhase({ kind: "importing", size, run, runId });
          polling.current = window.setTimeout(poll, POLL_MS);
        } else {
          polling.current = null;
          setPhase({ kind: "finished", size, run });
          router.refresh();
        }
      } catch (error) {
        polling.current = null;
        setPhase({ kind: "failed", message: `Could not follow the import: ${(error as Error).message}`, runId });
      }
    };
    void poll();
  }

  function upload(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file) return;
    if (file.size === 0) return setPhase({ kind: "failed", message: "The file is empty." });
    if (file.size > maxBytes) {
      return setPhase({
        kind: "failed",
        message: `The file is larger than ${formatBytes(maxBytes)}; split it and upload the parts.`,
      });
    }
    const xhr = new XMLHttpRequest();
    request.current = xhr;
    xhr.open("POST", "/api/ingest/file");
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.setRequestHeader("X-File-Name", encodeURIComponent(file.name));
    xhr.upload.onprogress = (progress) => setPhase({ kind: "uploading", sent: progress.loaded, size: file.size });
    xhr.onload = () => {
      request.current = null;
      const body = parseJson(xhr.responseText);
      if (xhr.status === 202 && typeof body?.runId === "number") follow(body.runId, file.size);
      else
        setPhase({
          kind: "failed",
          message: typeof body?.error === "string" ? body.error : `The upload failed (HTTP ${xhr.status}).`,
        });
    };
    xhr.onerror = () => {
      request.current = null;
      setPhase({ kind: "failed", message: "The upload failed: the connection to the server broke." });
    };
    xhr.onabort = () => {
      request.current = null;
      setPhase({
        kind: "failed",
        message: "Upload cancelled. Articles stored before the cancel stay; the run records where it stopped.",
      });
      router.refresh();
    };
    setPhase({ kind: "uploading", sent: 0, size: file.size });
    xhr.send(file);
  }

  const busy = phase.kind === "uploading" || phase.kind === "importing";
  return (
    <div className="max-w-4xl space-y-4">
      <form onSubmit={upload} aria-label="Upload an article file" className="space-y-3">
        <p className="text-sm text-slate-600">
          A JSON Lines file (one article per line) or a CSV file with a header row, with the fields <code>title</code>,{" "}
          <code>published</code> (2024-08-04 or a full time), <code>source</code>, <code>body</code> and optionally{" "}
          <code>url</code>, <code>language</code> and <code>teaser</code>; or an aggregator page saved as text (.txt).
          Up to {formatBytes(maxBytes)}. Articles already stored are recognised and not added twice.
        </p>
        <div className="flex flex-wrap items-end gap-2">
          <div className="space-y-1">
            <label htmlFor={inputId} className="block text-xs font-medium text-slate-700">
              Article file
            </label>
            <input
              id={inputId}
              type="file"
              accept=".jsonl,.ndjson,.csv,.txt,application/x-ndjson,text/csv,text/plain"
              disabled={busy}
              onChange={(event) => {
                setFile(event.target.files?.[0] ?? null);
                setPhase({ kind: "idle" });
              }}
              className="block text-sm text-slate-700 file:mr-3 file:h-8 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-50"
            />
          </div>
          <Button type="submit" variant="primary" disabled={!file || busy}>
            Upload and import
          </Button>
          {phase.kind === "uploading" ? (
            <Button type="button" onClick={() => request.current?.abort()}>
              Cancel
            </Button>
          ) : null}
        </div>
      </form>
      <UploadProgress phase={phase} />
    </div>
  );
}

function UploadProgress({ phase }: { phase: Phase }) {
  if (phase.kind === "idle") return null;
  if (phase.kind === "failed") {
    return (
      <Notice tone="error">
        {phase.message}
        {phase.runId ? (
          <>
            {" "}
            <Link href={`/ingest/runs/${phase.runId}`} className="font-medium underline">
              Run #{phase.runId}
            </Link>
          </>
        ) : null}
      </Notice>
    );
  }
  const sent = phase.kind === "uploading" ? phase.sent : phase.size;
  const run = phase.kind === "uploading" ? null : phase.run;
  const importPercent = run ? runProgressPercent(run) : null;
  return (
    <section aria-label="Import progress" className="space-y-3 rounded-lg border border-slate-200 bg-white px-5 py-4">
      <ProgressBar
        label="Upload"
        value={(sent / phase.size) * 100}
        detail={`${formatBytes(sent)} of ${formatBytes(phase.size)}${phase.kind === "uploading" ? " sent; articles are stored as they arrive" : " sent"}`}
      />
      <ProgressBar
        label="Import"
        value={importPercent}
        detail={
          run
            ? describeCounts(run)
            : phase.kind === "uploading"
              ? "Reading and storing as the file arrives…"
              : "Starting…"
        }
      />
      {phase.kind === "finished" ? <ImportSummary run={phase.run} /> : null}
    </section>
  );
}

function ImportSummary({ run }: { run: RunStatus }) {
  const listed = run.errors.length;
  return (
    <div role="status" className="space-y-2 border-t border-slate-100 pt-3">
      <p className="flex flex-wrap items-center gap-2 text-sm text-slate-900">
        <RunStatusBadge status={run.status} />
        <span className="font-medium">
          Imported: {formatCount(run.created)} new,{run.updated ? ` ${formatCount(run.updated)} updated,` : ""}{" "}
          {formatCount(run.duplicates)} duplicate{run.duplicates === 1 ? "" : "s"}, {formatCount(run.failed)} failed
        </span>
        <Link href={`/ingest/runs/${run.id}`} className="text-accent-700 underline">
          Run #{run.id}
        </Link>
      </p>
      {run.message ? <p className="text-sm text-slate-600">{run.message}</p> : null}
      {listed > 0 ? (
        <div>
          <p className="text-xs font-medium text-slate-700">Failed lines</p>
          <ul
            aria-label="Failed lines"
            className="mt-1 divide-y divide-slate-100 rounded-md border border-slate-200 text-sm"
          >
            {run.errors.map((error, index) => (
              <li key={index} className="grid grid-cols-[6rem_1fr] gap-3 px-3 py-1.5">
                <span className="font-medium text-slate-800 tabular-nums">{capitalize(error.location ?? "—")}</span>
                <span className="min-w-0 text-slate-700">
                  {error.reason}
                  {error.excerpt ? (
                    <span className="mt-0.5 block truncate font-mono text-xs text-slate-500">{error.excerpt}</span>
                  ) : null}
                </span>
              </li>
            ))}
          </ul>
          {run.errorCount > listed ? (
            <p className="mt-1 text-xs text-slate-500">
              The first {listed} of {formatCount(run.errorCount)};{" "}
              <Link href={`/ingest/runs/${run.id}`} className="underline">
                see the run for all
              </Link>
              .
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

function describeCounts(run: RunStatus): string {
  const updated = run.updated ? `${formatCount(run.updated)} updated, ` : "";
  const counts = `${formatCount(run.created)} new, ${updated}${formatCount(run.duplicates)} duplicates, ${formatCount(run.failed)} failed`;
  if (run.status !== "RUNNING") return `${formatCount(run.fetched)} records read: ${counts}`;
  return `${formatCount(run.created + run.updated + run.duplicates + run.failed)}${run.total ? ` of about ${formatCount(run.total)}` : ""} records done: ${counts}`;
}

function parseJson(text: string): Record<string, unknown> | null {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
