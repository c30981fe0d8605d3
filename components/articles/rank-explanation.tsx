"use client";

import { useId } from "react";
import type { RankExplanation } from "@/lib/search/relevance";

// Why a result ranks where it does, on hover or focus of its score: each part of the score (relevance.ts) with
// the points it brought, and the recency factor that scales them. A tooltip of plain CSS (shown on hover and
// focus, described to screen readers by aria-describedby): nothing to position but a corner of the row.

const percent = (share: number) => `${Math.round(share * 100)}%`;
const points = (value: number) => value.toFixed(2);

function years(days: number): string {
  if (days < 60) return `${Math.round(days)} days`;
  if (days < 730) return `${Math.round(days / 30.4)} months`;
  return `${(days / 365.25).toFixed(1)} years`;
}

export function RankExplanationBadge({ explain }: { explain: RankExplanation }) {
  const { weights } = explain;
  const lines: [string, string][] = [
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
  const id = useId();
  return (
    <span className="group relative inline-flex">
      <button
        type="button"
        tabIndex={-1}
        className="rounded px-1 text-[11px] text-slate-500 tabular-nums ring-1 ring-slate-200 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-accent-600"
        aria-label={`Relevance ${points(explain.score)}: why`}
        aria-describedby={id}
      >
        {points(explain.score)}
      </button>
      <span
        id={id}
        role="tooltip"
        className="invisible absolute top-0 right-full z-50 mr-1.5 w-80 rounded-md border border-slate-200 bg-white p-2.5 text-xs text-slate-700 opacity-0 shadow-lg transition-opacity group-focus-within:visible group-focus-within:opacity-100 group-hover:visible group-hover:opacity-100"
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
    </span>
  );
}
