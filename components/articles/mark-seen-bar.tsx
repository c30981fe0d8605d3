"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { markWatchSeenAction } from "@/lib/actions/watches";
import { Button } from "@/components/ui/button";

// Above a watched view's list: how many of its rows here are new, and "Mark all seen" for the whole watch.
export function MarkSeenBar({ viewId, onPage }: { viewId: number; onPage: number }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <div className="flex items-center gap-3 border-b border-slate-200 bg-accent-50/40 px-4 py-1.5 text-xs text-slate-700">
      <span>
        Watched view:{" "}
        {onPage ? `${onPage} new ${onPage === 1 ? "match" : "matches"} on this page` : "nothing new on this page"}
      </span>
      <Button
        size="sm"
        variant="secondary"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await markWatchSeenAction(null, { viewId });
            setMessage(result.ok ? (result.message ?? null) : result.error);
            router.refresh();
          })
        }
      >
        Mark all seen
      </Button>
      {message ? (
        <span role="status" className="text-slate-500">
          {message}
        </span>
      ) : null}
    </div>
  );
}
