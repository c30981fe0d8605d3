"use client";

import { useId, useState } from "react";
import type { RankExplanation } from "@/lib/search/relevance";
import { cn } from "@/components/ui/cn";

// Why a result ranks where it does, on hover or focus of its score and on the row the keys have focused: each part of
// the score (relevance.ts) with the points it brought, and the recency factor that scales them. A tooltip of plain
// CSS (screen readers get the same figures by aria-describedby): nothing to position but a corner of the row.

const percent = (share: number) => `${Math.round(share * 100)}%`;
const points = (value: number) => value.toFixed(2);

function years(days: number): string {
  if (days < 60) return `${Math.round(days)} days`;
  if (days < 730) return `${Math.round(days / 30.4)} months`;
  return `${(days / 365.25).toFixed(1)} years`;
}

/** Each part of the score with the points it brought, and the recency factor. */
function rankLines(explain: RankExplanation): [string, string][] {
  const { weights } = explain;
  return [
    [`Title has ${percent(explain.title)} of the search terms`, `+${points(weights.title * explain.title)}`],
    [
      explain.titlePhrase ? "Title has the whole search" : "Title lacks the whole search",
      `+${points(explain.titlePhrase ? weights.titlePhrase : 0)}`,
    ],
    [`Opening has ${percent(explain.lead)} of the search terms`, `+${points(weights.lead * explain.lead)}`],
    [`Search words close together (${points(explain.proximity)})`, `+${points(weights.proximity * explain.proximity)}`],
    [
      `Published ${years(explain.ageDays)} ago (half-life ${years(explain.halfLifeDays)})`,
      `× ${explain.recency.toFixed(2)}`,
    ],
  ];
}

export function RankExplanationBadge({
  explain,
  rowFocused = false,
}: {
  explain: RankExplanation;
  /** The row is the list's focused one (j/k): on a wide screen its explanation shows without a pointer. */
  rowFocused?: boolean;
}) {
  // The table is drawn once the badge is first pointed at or focused: fifty tables in a page of best matches were
  // two fifths of its markup (a kilobyte a row), rendered and sent for the one a reader may look at. Screen readers
  // get the same figures at once, as one line. A group of its own: a hover anywhere on the row is not a hover here.
  const [drawn, setDrawn] = useState(false);
  const id = useId();
  const lines = rankLines(explain);
  const summary = `${lines.map(([label, value]) => `${label} ${value}`).join("; ")}; score ${points(explain.score)}`;
  return (
    <span
      className="group/rank inline-flex sm:relative"
      onPointerEnter={() => setDrawn(true)}
      onFocus={() => setDrawn(true)}
    >
      <button
        type="button"
        tabIndex={-1}
        className="rounded px-1 text-[11px] text-slate-500 tabular-nums ring-1 ring-slate-200 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-accent-600"
        aria-label={`Relevance ${points(explain.score)}: why`}
        aria-describedby={id}
      >
        {points(explain.score)}
      </button>
      <span id={id} className="sr-only">
        {summary}
      </span>
      {drawn || rowFocused ? (
        <span
          role="tooltip"
          aria-hidden
          className={cn(
            // Beside the score on a wide screen; on a phone, where the score sits at the row's left, across the row
            // below it.
            "absolute z-50 rounded-md border border-slate-200 bg-white p-2.5 text-xs text-slate-700 shadow-lg transition-opacity max-sm:inset-x-4 max-sm:top-full sm:top-0 sm:right-full sm:mr-1.5 sm:w-80",
            "invisible opacity-0 group-focus-within/rank:visible group-focus-within/rank:opacity-100 group-hover/rank:visible group-hover/rank:opacity-100",
            // Not on a phone: across the row below, it would cover the next one.
            rowFocused && "sm:visible sm:opacity-100",
          )}
        >
          <span className="mb-1.5 block font-medium text-slate-900">Why this rank</span>
          <table className="w-full">
            <tbody>
              {lines.map(([label, value]) => (
                <tr key={label}>
                  <td className="py-0.5 pr-2">{label}</td>
                  <td className="py-0.5 text-right whitespace-nowrap tabular-nums">{value}</td>
                </tr>
              ))}
              <tr className="border-t border-slate-200 font-medium">
                <td className="pt-1">Score</td>
                <td className="pt-1 text-right tabular-nums">{points(explain.score)}</td>
              </tr>
            </tbody>
          </table>
        </span>
      ) : null}
    </span>
  );
}
