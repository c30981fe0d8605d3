"use client";

import { useMemo, useState } from "react";
import { formatDateTime, formatUtc } from "@/lib/format";
import { countChangedWords, diffVersionText, sideParts, type DiffPart } from "@/lib/desk/version-diff";
import { cn } from "@/components/ui/cn";
import { Select } from "@/components/ui/field";

// The article's History: every version Presswatch has seen (when, and what saw it), and a word-level diff
// between any two of them, inline (removed struck through, added underlined) or side by side. The diff is
// computed in the browser from the versions' texts: a few thousand words at most.

export type HistoryVersion = {
  version: number;
  title: string;
  bodyText: string;
  url: string | null;
  /** ISO time. */
  seenAt: string;
  seenBy: string;
};

const SEEN_BY: Record<string, string> = {
  FEED: "feed poll",
  PAGE: "page fetch",
  RECHECK: "re-check at source",
  PASTE: "paste",
  IMPORT: "import",
  API: "API",
  BACKFILL: "stored before versions were kept",
};

function Parts({ parts, label }: { parts: DiffPart[]; label: string }) {
  return (
    <div aria-label={label} className="font-serif text-[15px] leading-7 whitespace-pre-wrap text-slate-800">
      {parts.map((part, i) =>
        part.kind === "same" ? (
          <span key={i}>{part.text}</span>
        ) : part.kind === "added" ? (
          <ins key={i} className="bg-emerald-100 text-emerald-900 decoration-emerald-500">
            {part.text}
          </ins>
        ) : (
          <del key={i} className="bg-red-100 text-red-900 decoration-red-500">
            {part.text}
          </del>
        ),
      )}
    </div>
  );
}

export function VersionHistory({
  versions,
  timeZone,
  goneAt,
}: {
  versions: HistoryVersion[];
  timeZone: string;
  goneAt: string | null;
}) {
  const latest = versions.at(-1)?.version ?? 1;
  const [from, setFrom] = useState(Math.max(1, latest - 1));
  const [to, setTo] = useState(latest);
  const [mode, setMode] = useState<"inline" | "side">("inline");
  const before = versions.find((v) => v.version === from);
  const after = versions.find((v) => v.version === to);
  const diff = useMemo(
    () =>
      before && after
        ? { title: diffVersionText(before.title, after.title), body: diffVersionText(before.bodyText, after.bodyText) }
        : null,
    [before, after],
  );
  const changed = diff ? countChangedWords([...diff.title, ...diff.body]) : null;

  return (
    <section aria-labelledby="history-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="history-heading" className="text-sm font-semibold text-slate-900">
        History{" "}
        <span className="font-normal text-slate-500">
          {versions.length === 1 ? "1 version: unchanged since first seen" : `${versions.length} versions`}
        </span>
      </h2>
      <ol className="mt-2 space-y-1 text-xs text-slate-600">
        {versions.map((v) => (
          <li key={v.version} className="flex flex-wrap items-baseline gap-x-2">
            <span className="w-6 font-medium text-slate-900 tabular-nums">v{v.version}</span>
            <time dateTime={v.seenAt} title={formatUtc(new Date(v.seenAt))} className="tabular-nums">
              {formatDateTime(new Date(v.seenAt), timeZone)}
            </time>
            <span>seen by {SEEN_BY[v.seenBy] ?? v.seenBy}</span>
            <span className="min-w-0 truncate text-slate-500" title={v.title}>
              {v.title}
            </span>
          </li>
        ))}
        {goneAt ? (
          <li className="flex flex-wrap items-baseline gap-x-2 text-red-700">
            <span className="w-6 font-medium">gone</span>
            <time dateTime={goneAt} title={formatUtc(new Date(goneAt))} className="tabular-nums">
              {formatDateTime(new Date(goneAt), timeZone)}
            </time>
            <span>the source answered that the page no longer exists; the text above is kept</span>
          </li>
        ) : null}
      </ol>
      {versions.length > 1 && diff ? (
        <div className="mt-4 border-t border-slate-100 pt-3">
          <div className="flex flex-wrap items-center gap-3 text-xs text-slate-600">
            <VersionSelect label="Compare" name="Earlier version" versions={versions} value={from} onChange={setFrom} />
            <VersionSelect label="with" name="Later version" versions={versions} value={to} onChange={setTo} />
            <div role="radiogroup" aria-label="Diff layout" className="flex rounded-md border border-slate-200">
              {(["inline", "side"] as const).map((value) => (
                <button
                  key={value}
                  type="button"
                  role="radio"
                  aria-checked={mode === value}
                  onClick={() => setMode(value)}
                  className={cn(
                    "px-2 py-1 first:rounded-l-md last:rounded-r-md",
                    mode === value ? "bg-slate-900 text-white" : "hover:bg-slate-50",
                  )}
                >
                  {value === "inline" ? "Inline" : "Side by side"}
                </button>
              ))}
            </div>
            {changed ? (
              <span className="text-slate-500">
                {changed.added} words added, {changed.removed} removed
              </span>
            ) : null}
          </div>
          <div data-testid="version-diff" className="mt-3">
            {mode === "inline" ? (
              <div className="space-y-2">
                <div className="font-serif text-lg font-semibold">
                  <Parts parts={diff.title} label="Title changes" />
                </div>
                <Parts parts={diff.body} label="Text changes" />
              </div>
            ) : (
              <div className="grid gap-4 md:grid-cols-2">
                {(["before", "after"] as const).map((side) => (
                  <div key={side} className="min-w-0 space-y-2 rounded-md bg-slate-50 p-3">
                    <p className="text-[11px] font-medium tracking-wide text-slate-500 uppercase">
                      v{side === "before" ? from : to}
                    </p>
                    <div className="font-serif text-lg font-semibold">
                      <Parts parts={sideParts(diff.title, side)} label={`Title, v${side === "before" ? from : to}`} />
                    </div>
                    <Parts parts={sideParts(diff.body, side)} label={`Text, v${side === "before" ? from : to}`} />
                  </div>
                ))}
              </div>
            )}
          </div>
        </div>
      ) : null}
    </section>
  );
}

/** One end of the comparison: a version number picked from the article's versions. */
function VersionSelect(props: {
  label: string;
  name: string;
  versions: { version: number }[];
  value: number;
  onChange: (version: number) => void;
}) {
  return (
    <label className="flex items-center gap-1.5">
      {props.label}
      <Select
        aria-label={props.name}
        value={props.value}
        onChange={(event) => props.onChange(Number(event.target.value))}
        className="h-7 w-auto py-0 text-xs"
      >
        {props.versions.map((v) => (
          <option key={v.version} value={v.version}>
            v{v.version}
          </option>
        ))}
      </Select>
    </label>
  );
}
