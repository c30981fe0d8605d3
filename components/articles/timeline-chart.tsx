"use client";

import { useRouter } from "next/navigation";
import { startTransition as startDrawing, useEffect, useMemo, useRef, useState, useTransition } from "react";
import { listHref } from "@/lib/desk/filter-links";
import { bucketEnd, snapSpanToData, spanOfBuckets, type TimelineBucketSize } from "@/lib/desk/timeline-range";
import { formatCount } from "@/lib/format";
import { fromChartColumns, type ChartColumns, type TimelineBucket } from "@/lib/desk/timeline-columns";
import type { ArticleFilter } from "@/lib/validation/article-filter-url";

// Articles per day, week or month of the current result, with its most frequent themes: stacked when each
// article is counted under one theme ("exclusive"), or as a line per theme over the bars of all articles when an
// article is counted under each of its themes ("overlapping": the precomputed counts know no better). A click on
// a bar narrows the dates to that bar; a drag across bars (or arrows, Shift+arrows and Enter with the
// keyboard) narrows them to the span. The numbers are also in a table that screen readers read.

export type ChartSeries = { themeId: number | null; name: string; color: string | null };
export type ChartBucket = TimelineBucket;
const OTHER_COLOR = "#cbd5e1";
/** The bars of all articles under overlapping theme lines. */
const TOTAL_COLOR = "#e2e8f0";
const SLOT = 10;
const HEIGHT = 100;

const monthFormat = new Intl.DateTimeFormat("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });
const dayFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});

function bucketLabel(start: Date, bucket: TimelineBucketSize): string {
  if (bucket === "month") return monthFormat.format(start);
  if (bucket === "week") return `Week of ${dayFormat.format(start)}`;
  return dayFormat.format(start);
}

const UNIT: Record<TimelineBucketSize, string> = { day: "day", week: "week", month: "month" };

export function TimelineChart({
  columns,
  series,
  bucket,
  stacking,
  exact,
  filter,
}: {
  columns: ChartColumns;
  series: ChartSeries[];
  bucket: TimelineBucketSize;
  stacking: "exclusive" | "overlapping";
  exact: boolean;
  filter: ArticleFilter;
}) {
  const router = useRouter();
  const buckets = useMemo<ChartBucket[]>(() => fromChartColumns(columns), [columns]);
  const [pending, startTransition] = useTransition();
  const svgRef = useRef<SVGSVGElement>(null);
  const [hover, setHover] = useState<number | null>(null);
  const [drag, setDrag] = useState<{ anchor: number; current: number } | null>(null);
  const [keyboard, setKeyboard] = useState<{ active: number; anchor: number } | null>(null);

  const n = buckets.length;
  const max = Math.max(1, ...buckets.map((entry) => entry.total));
  const colors = series.map((entry) => entry.color ?? OTHER_COLOR);
  const span = drag ? [drag.anchor, drag.current] : keyboard ? [keyboard.anchor, keyboard.active] : null;
  const [low, high] = span ? [Math.min(...span), Math.max(...span)] : [-1, -1];
  const gap = n > 120 ? 0 : n > 40 ? 1 : 2;

  function indexAt(clientX: number): number {
    const box = svgRef.current!.getBoundingClientRect();
    return Math.min(n - 1, Math.max(0, Math.floor(((clientX - box.left) / box.width) * n)));
  }

  function narrow(start: number, end: number) {
    // A click on an empty bar would give an empty list: it moves to the nearest bar that holds articles. A
    // span of several bars is what the user drew, and is kept as drawn.
    const snapped =
      start === end
        ? snapSpanToData(
            buckets.map((entry) => entry.total),
            start,
            end,
          )
        : [start, end];
    if (!snapped) return;
    const [from, to] = snapped;
    const range = spanOfBuckets(buckets[from].start, buckets[to].start, bucket, { from: filter.from, to: filter.to });
    startTransition(() => router.push(listHref({ ...filter, range: undefined, ...range })));
  }

  function onKeyDown(event: React.KeyboardEvent<SVGSVGElement>) {
    if (!n) return;
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (step) {
      event.preventDefault();
      const active = Math.min(n - 1, Math.max(0, (keyboard?.active ?? (step > 0 ? -1 : n)) + step));
      setKeyboard({ active, anchor: event.shiftKey && keyboard ? keyboard.anchor : active });
    } else if (event.key === "Enter" && keyboard) {
      event.preventDefault();
      narrow(Math.min(keyboard.anchor, keyboard.active), Math.max(keyboard.anchor, keyboard.active));
    } else if (event.key === "Escape") {
      setKeyboard(null);
    }
  }

  const shown = hover ?? keyboard?.active ?? null;
  const description = (index: number) => {
    const entry = buckets[index];
    const parts = series
      .map((item, i) => (entry.counts[i] ? `${item.name} ${formatCount(entry.counts[i])}` : null))
      .filter(Boolean);
    return `${bucketLabel(entry.start, bucket)}: ${formatCount(entry.total)} ${entry.total === 1 ? "article" : "articles"}${parts.length ? ` (${parts.join(", ")})` : ""}`;
  };
  const empty = buckets.every((entry) => entry.total === 0);
  // Drawn in the browser only: thirty years by month is 360 bars in up to seven colours, which as server
  // HTML (plus the table) would triple the page's weight. One path per series keeps the DOM small too.
  // Drawn in a transition once hydrated: React renders it in slices between other work, where a store read
  // (useSyncExternalStore) forced one synchronous render of the chart and its table right after hydration,
  // a long task that blocked the page.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => {
    const frame = requestAnimationFrame(() => startDrawing(() => setHydrated(true)));
    return () => cancelAnimationFrame(frame);
  }, []);
  const overlapping = stacking === "overlapping";
  const paths = useMemo(() => {
    const drawn = series.map(() => [] as string[]);
    const y = (count: number) => (HEIGHT - (count / max) * (HEIGHT - 4)).toFixed(2);
    if (overlapping) {
      const bars = buckets
        .map((entry, index) => {
          const height = (entry.total / max) * (HEIGHT - 4);
          return entry.total
            ? `M${index * SLOT + gap / 2} ${(HEIGHT - height).toFixed(2)}h${SLOT - gap}v${height.toFixed(2)}h${gap - SLOT}z`
            : "";
        })
        .join("");
      const lines = series.map((_, i) =>
        buckets.map((entry, index) => `${index ? "L" : "M"}${index * SLOT + SLOT / 2} ${y(entry.counts[i])}`).join(""),
      );
      return { bars, lines };
    }
    buckets.forEach((entry, index) => {
      let y = HEIGHT;
      entry.counts.forEach((count, i) => {
        if (!count) return;
        const height = (count / max) * (HEIGHT - 4);
        y -= height;
        drawn[i].push(`M${index * SLOT + gap / 2} ${y.toFixed(2)}h${SLOT - gap}v${height.toFixed(2)}h${gap - SLOT}z`);
      });
    });
    return { bars: "", lines: drawn.map((parts) => parts.join("")) };
  }, [buckets, series, max, gap, overlapping]);

  return (
    <figure className="border-b border-slate-200 bg-white px-4 pt-2 pb-2" aria-busy={pending}>
      <figcaption className="flex flex-wrap items-baseline gap-x-3 gap-y-1 text-xs text-slate-500">
        <span className="font-medium text-slate-700">
          Articles per {UNIT[bucket]}
          {exact ? "" : " (estimated from a sample)"}
          {overlapping && series.length ? "; lines: per theme (an article with several themes is in each)" : ""}
        </span>
        <ul className="flex flex-wrap gap-x-2.5 gap-y-0.5" aria-label="Themes in the chart">
          {series.map((item, index) => (
            <li key={item.themeId ?? "other"} className="inline-flex items-center gap-1">
              <span
                aria-hidden
                className={overlapping ? "h-0.5 w-2.5 rounded-full" : "h-2 w-2 rounded-sm"}
                style={{ backgroundColor: colors[index] }}
              />
              {item.name}
            </li>
          ))}
        </ul>
        <span className="ml-auto hidden text-[11px] text-slate-400 xl:inline">
          Click or drag across bars to narrow the dates
        </span>
      </figcaption>
      {empty ? (
        <p className="py-6 text-center text-xs text-slate-500">No articles in this period.</p>
      ) : !hydrated ? (
        <div aria-hidden className="mt-1.5 h-[5.05rem] animate-pulse rounded-sm bg-slate-50" />
      ) : (
        <div className="relative mt-1.5">
          <svg
            ref={svgRef}
            viewBox={`0 0 ${n * SLOT} ${HEIGHT}`}
            preserveAspectRatio="none"
            className="block h-16 w-full cursor-crosshair touch-none rounded-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-600"
            tabIndex={0}
            role="group"
            aria-label={`Timeline of the result, one bar per ${UNIT[bucket]}. Arrow keys pick a bar, Shift and arrows a span, Enter narrows the dates to it.`}
            onKeyDown={onKeyDown}
            onBlur={() => setKeyboard(null)}
            onPointerDown={(event) => {
              event.currentTarget.setPointerCapture(event.pointerId);
              const index = indexAt(event.clientX);
              setDrag({ anchor: index, current: index });
            }}
            onPointerMove={(event) => {
              const index = indexAt(event.clientX);
              setHover(index);
              if (drag) setDrag({ ...drag, current: index });
            }}
            onPointerUp={() => {
              if (drag) narrow(Math.min(drag.anchor, drag.current), Math.max(drag.anchor, drag.current));
              setDrag(null);
            }}
            onPointerLeave={() => setHover(null)}
          >
            {span ? <rect x={low * SLOT} y={0} width={(high - low + 1) * SLOT} height={HEIGHT} fill="#dbe6fe" /> : null}
            {hover !== null && !span ? (
              <rect x={hover * SLOT} y={0} width={SLOT} height={HEIGHT} fill="#eef2ff" />
            ) : null}
            {paths.bars ? <path d={paths.bars} fill={TOTAL_COLOR} /> : null}
            {paths.lines.map((d, i) =>
              !d ? null : overlapping ? (
                <path
                  key={series[i].themeId ?? "other"}
                  d={d}
                  fill="none"
                  stroke={colors[i]}
                  strokeWidth={1.5}
                  strokeLinejoin="round"
                  vectorEffect="non-scaling-stroke"
                />
              ) : (
                <path key={series[i].themeId ?? "other"} d={d} fill={colors[i]} />
              ),
            )}
          </svg>
          {shown !== null && buckets[shown] ? (
            <div
              className="pointer-events-none absolute -top-1 z-10 rounded border border-slate-200 bg-white px-2 py-1 text-[11px] whitespace-nowrap text-slate-700 shadow-sm"
              style={{
                left: `${((shown + 0.5) / n) * 100}%`,
                transform: `translate(${shown / n > 0.7 ? "-100%" : shown / n < 0.3 ? "0" : "-50%"}, -100%)`,
              }}
            >
              {description(shown)}
            </div>
          ) : null}
          <div className="mt-0.5 flex justify-between text-[11px] text-slate-400 tabular-nums" aria-hidden>
            <span>{bucketLabel(buckets[0].start, bucket)}</span>
            {n > 2 ? <span>{bucketLabel(buckets[Math.floor(n / 2)].start, bucket)}</span> : null}
            <span>{bucketLabel(buckets[n - 1].start, bucket)}</span>
          </div>
          <p className="sr-only" aria-live="polite">
            {keyboard
              ? `${description(keyboard.active)}${keyboard.anchor !== keyboard.active ? `; span of ${Math.abs(keyboard.active - keyboard.anchor) + 1} bars` : ""}`
              : ""}
          </p>
        </div>
      )}
      {hydrated ? (
        // A table ignores the 1px width sr-only gives it and lays itself out at full width: wrapped, it
        // no longer widens the page (it made the desktop desk scroll sideways by 314 px). The wrapper sits
        // off-screen and the table skips style and layout there (content-visibility: auto) while staying
        // in the accessibility tree: thirty years by month is over 3,000 cells, which were laid out for
        // nothing on every load (half of the page's elements on the demo seed).
        <div className="sr-only -left-[10000px]">
          <div className="[contain-intrinsic-size:auto_1px] [content-visibility:auto]">
            <table>
              <caption>
                Articles per {UNIT[bucket]} by theme
                {overlapping ? " (an article with several themes counts under each)" : ""}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Period</th>
                  <th scope="col">Total</th>
                  {series.map((item) => (
                    <th key={item.themeId ?? "other"} scope="col">
                      {item.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {buckets
                  .filter((entry) => entry.total > 0)
                  .map((entry) => (
                    <tr key={entry.start.getTime()}>
                      <th scope="row">
                        {bucketLabel(entry.start, bucket)}
                        {bucket === "day"
                          ? ""
                          : ` to ${dayFormat.format(new Date(bucketEnd(entry.start, bucket).getTime() - 86_400_000))}`}
                      </th>
                      <td>{entry.total}</td>
                      {entry.counts.map((count, i) => (
                        <td key={i}>{count}</td>
                      ))}
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}
    </figure>
  );
}
