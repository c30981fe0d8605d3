"use client";

import { useEffect, useState } from "react";
import { DatabaseUnavailable } from "@/components/app/database-unavailable";
import { Button } from "@/components/ui/button";

/**
 * A page that failed to render. The error's details stay on the server; the health check says whether the
 * database went away meanwhile, in which case the page says so and retries by itself.
 */
export default function AppError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const [databaseDown, setDatabaseDown] = useState(false);
  useEffect(() => {
    let current = true;
    fetch("/api/health", { cache: "no-store" })
      .then((response) => response.json() as Promise<{ database?: { ok?: boolean } }>)
      .then((health) => current && setDatabaseDown(health.database?.ok === false))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [error]);

  if (databaseDown) return <DatabaseUnavailable retry={reset} />;
  return (
    <div className="mx-auto max-w-lg py-16 text-center">
      <h1 className="text-lg font-semibold text-slate-900">This page could not be loaded</h1>
      <p className="mt-2 text-sm text-slate-600">
        Something went wrong on our side. Try again; if it keeps happening, tell an administrator
        {error.digest ? ` (reference ${error.digest})` : ""}.
      </p>
      <Button className="mt-4" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
