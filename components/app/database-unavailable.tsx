"use client";

import { DatabaseZap } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";

const RETRY_SECONDS = 5;

/**
 * Shown instead of a page while the database cannot be reached: says so plainly and tries again by itself
 * (`retry`, else a server re-render) every few seconds, so the page comes back on its own when it is up.
 */
export function DatabaseUnavailable({ retry }: { retry?: () => void }) {
  const router = useRouter();
  const [left, setLeft] = useState(RETRY_SECONDS);
  useEffect(() => {
    const timer = window.setInterval(() => {
      setLeft((seconds) => {
        if (seconds > 1) return seconds - 1;
        if (retry) retry();
        else router.refresh();
        return RETRY_SECONDS;
      });
    }, 1000);
    return () => window.clearInterval(timer);
  }, [retry, router]);

  return (
    <main className="flex min-h-[60vh] items-center justify-center px-4">
      <div role="status" className="max-w-md rounded-lg border border-amber-200 bg-amber-50 px-6 py-5 text-amber-950">
        <div className="flex items-center gap-2">
          <DatabaseZap className="h-5 w-5 shrink-0 text-amber-700" aria-hidden />
          <h1 className="text-base font-semibold">Database unavailable, retrying</h1>
        </div>
        <p className="mt-2 text-sm">
          Presswatch cannot reach its database right now. Nothing you saved is lost; this page tries again by itself and
          comes back as soon as the database does.
        </p>
        <div className="mt-3 flex items-center gap-3">
          <Button size="sm" onClick={() => (retry ? retry() : router.refresh())}>
            Retry now
          </Button>
          <span className="text-xs text-amber-800" aria-live="off">
            Next try in {left} s
          </span>
        </div>
      </div>
    </main>
  );
}
