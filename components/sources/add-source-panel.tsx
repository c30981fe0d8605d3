"use client";

import { useState } from "react";
import { cn } from "@/components/ui/cn";
import { buttonClasses } from "@/components/ui/button";

/** The "Add a feed source" form, folded away once sources exist; it stays as the admin left it across refreshes. */
export function AddSourcePanel({ defaultOpen, children }: { defaultOpen: boolean; children: React.ReactNode }) {
  const [open, setOpen] = useState(defaultOpen);
  return (
    <details
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
      className="rounded-lg border border-slate-200 bg-white"
    >
      <summary
        className={cn(
          buttonClasses(open ? "ghost" : "primary", "sm"),
          "m-3 cursor-pointer list-none [&::-webkit-details-marker]:hidden",
        )}
      >
        {open ? "Hide the form" : "Add a feed source"}
      </summary>
      <div className="border-t border-slate-200 p-4">
        <h2 className="mb-3 text-sm font-semibold text-slate-900">Add a feed source</h2>
        {children}
      </div>
    </details>
  );
}
