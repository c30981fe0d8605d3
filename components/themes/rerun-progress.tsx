"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { rerunProgressAction } from "@/lib/actions/themes";
import type { ThemeRerunProgress } from "@/lib/themes/rerun";

const POLL_MS = 2_000;

function describe(progress: ThemeRerunProgress): string {
  const n = (value: number) => value.toLocaleString("en-US");
  if (progress.finishedAt && progress.error) return `Last re-run stopped: ${progress.error}`;
  if (progress.finishedAt)
    return `Rules applied to ${n(progress.processed)} articles: ${n(progress.added)} added, ${n(progress.removed)} removed.`;
  if (!progress.startedAt) return "Re-applying: waiting for the worker…";
  const done = Math.min(progress.processed, progress.total);
  const percent = progress.total ? Math.floor((done / progress.total) * 100) : 100;
  return `Re-applying: ${percent}% (${n(done)} of ${n(progress.total)})`;
}

/**
 * The theme's latest re-run, polled while it runs. Keyed by the re-run's id where it is used, so a new
 * re-run (after a save) starts polling afresh.
 */
export function RerunProgress({ themeId, initial }: { themeId: number; initial: ThemeRerunProgress | null }) {
  const router = useRouter();
  const [progress, setProgress] = useState(initial);
  const running = progress !== null && progress.finishedAt === null;
  useEffect(() => {
    if (!running) return;
    let stopped = false;
    const tick = async () => {
      const result = await rerunProgressAction(null, { themeId });
      if (stopped || !result.ok) return;
      setProgress(result.data ?? null);
      if (result.data && !result.data.finishedAt) timer = setTimeout(tick, POLL_MS);
      // The page's article counts were rendered before the re-run: show the new ones.
      else router.refresh();
    };
    let timer = setTimeout(tick, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [themeId, running, router]);
  if (!progress) return null;
  const failed = progress.finishedAt !== null && progress.error !== null;
  return (
    <div
      role="status"
      className={
        failed ? "flex items-center gap-2 text-sm text-amber-800" : "flex items-center gap-2 text-sm text-slate-600"
      }
    >
      {running ? (
        <progress
          aria-label="Re-run progress"
          max={Math.max(progress.total, 1)}
          value={progress.startedAt ? Math.min(progress.processed, progress.total) : undefined}
          className="h-1.5 w-28 overflow-hidden rounded-full accent-accent-600"
        />
      ) : null}
      <span>{describe(progress)}</span>
    </div>
  );
}
