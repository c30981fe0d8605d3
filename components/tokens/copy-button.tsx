"use client";

import { useState } from "react";
import { Check, Copy } from "lucide-react";
import { Button } from "@/components/ui/button";

/** Copies `value`; where the clipboard is unavailable (plain http on another host) it says how to copy by hand. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      setState("failed");
    }
  }
  return (
    <span className="inline-flex items-center gap-1.5">
      <Button size="sm" onClick={copy} aria-label={label}>
        {state === "copied" ? (
          <Check className="h-3.5 w-3.5" aria-hidden />
        ) : (
          <Copy className="h-3.5 w-3.5" aria-hidden />
        )}
        {state === "copied" ? "Copied" : "Copy"}
      </Button>
      <span role="status" className="text-xs text-slate-600">
        {state === "failed" ? "The browser refused: select the text and press Ctrl+C." : ""}
      </span>
    </span>
  );
}
