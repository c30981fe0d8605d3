"use client";

import { ChevronDown, ChevronUp } from "lucide-react";
import { useEffect, useEffectEvent } from "react";
import { isTypingTarget } from "@/lib/desk/keyboard";
import { Button } from "@/components/ui/button";

// The bar above an article opened from a search: how many times the search (with every spelling the names
// register adds) matches in the text, and the keys that step through the matches, n for the next and p (or
// Shift+N) for the previous, wrapping round; each step scrolls the match into view.

export function SearchMatches({
  query,
  spellings,
  count,
  active,
  onMove,
}: {
  query: string;
  spellings: number;
  count: number;
  active: number | null;
  onMove: (index: number) => void;
}) {
  function move(step: 1 | -1) {
    if (!count) return;
    const next = active === null ? (step === 1 ? 0 : count - 1) : (active + step + count) % count;
    onMove(next);
    document.querySelector(`[data-match-index="${next}"]`)?.scrollIntoView({ block: "center", behavior: "smooth" });
  }
  const moveByKey = useEffectEvent(move);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target as Element | null)) return;
      if (event.key === "n") moveByKey(1);
      else if (event.key === "p" || event.key === "N") moveByKey(-1);
      else return;
      event.preventDefault();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  return (
    <div
      role="region"
      aria-label="Search matches"
      className="flex flex-wrap items-center gap-2 rounded-md border border-sky-200 bg-sky-50 px-3 py-1.5 text-sm text-slate-700"
    >
      <span aria-live="polite">
        {count ? (
          <>
            {active === null ? `${count} ${count === 1 ? "match" : "matches"}` : `Match ${active + 1} of ${count}`} for{" "}
            <span className="font-medium">“{query}”</span>
          </>
        ) : (
          <>
            No match in the text for <span className="font-medium">“{query}”</span> (the title or another spelling may
            have matched)
          </>
        )}
        {spellings ? ` with ${spellings} other ${spellings === 1 ? "spelling" : "spellings"}` : ""}
      </span>
      {count ? (
        <span className="ml-auto flex items-center gap-1">
          <Button size="sm" variant="ghost" onClick={() => move(-1)} aria-label="Previous match (p)">
            <ChevronUp className="h-3.5 w-3.5" aria-hidden />
          </Button>
          <Button size="sm" variant="ghost" onClick={() => move(1)} aria-label="Next match (n)">
            <ChevronDown className="h-3.5 w-3.5" aria-hidden />
          </Button>
          <span className="text-xs text-slate-500">
            <kbd className="rounded border border-slate-300 bg-white px-1">n</kbd> next,{" "}
            <kbd className="rounded border border-slate-300 bg-white px-1">p</kbd> previous
          </span>
        </span>
      ) : null}
    </div>
  );
}
