import { cn } from "@/components/ui/cn";

/** A labelled progress bar; `value` null means the amount is not known yet (the bar pulses). */
export function ProgressBar({
  label,
  value,
  detail,
}: {
  label: string;
  value: number | null;
  detail?: React.ReactNode;
}) {
  const percent = value === null ? null : Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div className="space-y-1">
      <div className="flex items-baseline justify-between gap-3 text-xs">
        <span className="font-medium text-slate-700">{label}</span>
        <span className="text-slate-500 tabular-nums">{percent === null ? "…" : `${percent}%`}</span>
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={percent === null ? "In progress" : `${percent}%`}
        className="h-2 overflow-hidden rounded-full bg-slate-200"
      >
        <div
          className={cn(
            "h-full rounded-full transition-[width] duration-300",
            percent === null ? "w-full animate-pulse bg-accent-600/25" : "bg-accent-600",
          )}
          style={percent === null ? undefined : { width: `${percent}%` }}
        />
      </div>
      {detail ? <p className="text-xs text-slate-500 tabular-nums">{detail}</p> : null}
    </div>
  );
}
