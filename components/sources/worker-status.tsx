import type { WorkerStatus } from "@/lib/data/workers";
import { cn } from "@/components/ui/cn";

function formatAgo(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 90) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `${minutes} minutes`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} hours` : `${Math.round(hours / 24)} days`;
}

/** Says plainly whether a worker is polling: a queue nobody drains must never look like a quiet feed. */
export function WorkerStatusBanner({
  status,
  queuedPolls,
  activePolls,
  now,
}: {
  status: WorkerStatus;
  queuedPolls: number;
  activePolls: number;
  now: Date;
}) {
  const queue = [
    activePolls ? `${activePolls} poll${activePolls === 1 ? "" : "s"} running` : null,
    queuedPolls ? `${queuedPolls} waiting` : null,
  ]
    .filter(Boolean)
    .join(", ");
  const seen = status.lastSeenAt ? now.getTime() - status.lastSeenAt.getTime() : null;
  return (
    <div
      role={status.running ? "status" : "alert"}
      className={cn(
        "flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md border px-3 py-2 text-sm",
        status.running
          ? "border-emerald-200 bg-emerald-50 text-emerald-900"
          : "border-amber-300 bg-amber-50 text-amber-900",
      )}
    >
      <span className={cn("h-2 w-2 rounded-full", status.running ? "bg-emerald-500" : "bg-amber-500")} aria-hidden />
      {status.running ? (
        <span>
          <strong className="font-semibold">Worker: running</strong> · last seen {formatAgo(seen!)} ago
        </span>
      ) : (
        <span>
          <strong className="font-semibold">
            Worker: {seen === null ? "never seen" : `not seen for ${formatAgo(seen)}`}
          </strong>{" "}
          · feeds are not being polled. Start one with{" "}
          <code className="rounded bg-white px-1 font-mono text-xs">npm run worker</code>.
        </span>
      )}
      {queue ? <span className="text-xs opacity-80">{queue}</span> : null}
    </div>
  );
}
