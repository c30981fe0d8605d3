"use client";

import { useEffect, useId, useState } from "react";
import { findNameEntriesAction, type NameEntryHit } from "@/lib/actions/names";
import { Input } from "@/components/ui/field";
import { cn } from "@/components/ui/cn";

// Finds an entry of the names register by any of its spellings, as the analyst types (after a short pause),
// and lets one be picked from a list of radio buttons: for proposing a spelling, and for merging entries.

const PAUSE_MS = 200;

export function EntryPicker({
  label,
  initial = "",
  exclude,
  picked,
  onPick,
}: {
  label: string;
  initial?: string;
  exclude?: number;
  picked: { id: number; canonical: string } | null;
  onPick: (entry: { id: number; canonical: string }) => void;
}) {
  const id = useId();
  const [q, setQ] = useState(initial);
  const [hits, setHits] = useState<NameEntryHit[]>([]);
  const [searched, setSearched] = useState("");
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!q.trim()) return;
    let current = true;
    const timer = setTimeout(async () => {
      const result = await findNameEntriesAction(null, { q }).catch(() => null);
      if (!current) return;
      if (!result || !result.ok) setError(result?.ok === false ? result.error : "The register could not be searched.");
      else {
        setError(null);
        setHits((result.data?.entries ?? []).filter((entry) => entry.id !== exclude));
        setSearched(q);
      }
    }, PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [q, exclude]);

  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">
        {label}
      </label>
      <Input id={id} value={q} onChange={(event) => setQ(event.target.value)} placeholder="Any spelling of it" />
      {error ? <p className="text-xs text-red-700">{error}</p> : null}
      {q.trim() && hits.length ? (
        <fieldset>
          <legend className="sr-only">Entries found</legend>
          <ul className="max-h-40 space-y-0.5 overflow-y-auto">
            {hits.map((hit) => (
              <li key={hit.id}>
                <label
                  className={cn(
                    "flex cursor-pointer items-baseline gap-1.5 rounded px-1.5 py-0.5 text-sm hover:bg-slate-50",
                    picked?.id === hit.id && "bg-accent-50",
                  )}
                >
                  <input
                    type="radio"
                    name={`${id}-entry`}
                    checked={picked?.id === hit.id}
                    onChange={() => onPick({ id: hit.id, canonical: hit.canonical })}
                    className="accent-accent-600"
                  />
                  <span className="font-medium text-slate-900">{hit.canonical}</span>
                  <span className="text-xs text-slate-500">
                    {hit.kind.toLowerCase()}
                    {hit.matched !== hit.canonical ? ` · ${hit.matched}` : ""}
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      ) : q.trim() && searched === q ? (
        <p className="text-xs text-slate-500">No entry has that spelling yet.</p>
      ) : null}
    </div>
  );
}
