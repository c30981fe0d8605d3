"use client";

import { Check, Flag, Circle } from "lucide-react";
import { useOptimistic, useState, useTransition } from "react";
import { setReviewStatusAction } from "@/lib/actions/articles";
import type { RowStatus } from "@/lib/desk/row-changes";
import { cn } from "@/components/ui/cn";
import { ReviewStatusBadge } from "@/components/articles/review-status-badge";

// The article's review status as three buttons (one pressed). Viewers see the status only.

const CHOICES: { status: RowStatus; label: string; icon: typeof Check }[] = [
  { status: "NEW", label: "New", icon: Circle },
  { status: "REVIEWED", label: "Reviewed", icon: Check },
  { status: "FLAGGED", label: "Flagged", icon: Flag },
];

export function ReviewStatusControl({
  articleId,
  status,
  canReview,
}: {
  articleId: number;
  status: RowStatus;
  canReview: boolean;
}) {
  const [confirmed, setConfirmed] = useState(status);
  const [seen, setSeen] = useState(status);
  if (status !== seen) {
    setSeen(status);
    setConfirmed(status);
  }
  const [shown, setShown] = useOptimistic(confirmed);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  if (!canReview) return <ReviewStatusBadge status={status} />;

  function choose(next: RowStatus) {
    setError(null);
    startTransition(async () => {
      setShown(next);
      const result = await setReviewStatusAction(null, { articleIds: [articleId], status: next }).catch(() => null);
      startTransition(() => {
        if (result?.ok) setConfirmed(next);
        else setError(result?.error ?? "The change could not be sent: try again.");
      });
    });
  }

  return (
    <div>
      <div
        role="group"
        aria-label="Review status"
        className="inline-flex rounded-md border border-slate-300 bg-white p-0.5"
        aria-busy={pending}
      >
        {CHOICES.map(({ status: value, label, icon: Icon }) => (
          <button
            key={value}
            type="button"
            aria-pressed={shown === value}
            onClick={() => shown !== value && choose(value)}
            className={cn(
              "inline-flex items-center gap-1 rounded px-2 py-0.5 text-xs",
              shown === value
                ? value === "FLAGGED"
                  ? "bg-amber-100 font-medium text-amber-900"
                  : value === "REVIEWED"
                    ? "bg-emerald-100 font-medium text-emerald-900"
                    : "bg-slate-200 font-medium text-slate-900"
                : "text-slate-600 hover:bg-slate-100",
            )}
          >
            <Icon className="h-3 w-3" aria-hidden /> {label}
          </button>
        ))}
      </div>
      {error ? (
        <p role="alert" className="mt-1 text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
