"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Reloads the server-rendered run every few seconds while it is still going. */
export function RunAutoRefresh({ everyMs = 2000 }: { everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = window.setInterval(() => router.refresh(), everyMs);
    return () => window.clearInterval(timer);
  }, [router, everyMs]);
  return null;
}
