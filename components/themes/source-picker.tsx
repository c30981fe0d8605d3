"use client";

import { ChevronDown, Search } from "lucide-react";
import { useState } from "react";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/field";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";

// A rule's "only sources": a button that opens a searchable list of checkboxes (no ctrl-click, and usable
// with a long list of feeds). The choice goes to the form as one hidden sourceIds field per source.

export type SourceOption = { id: number; name: string };

export function SourcePicker({
  name,
  sources,
  value,
  onChange,
  id,
  describedBy,
  invalid,
}: {
  name: string;
  sources: SourceOption[];
  value: string[];
  onChange: (value: string[]) => void;
  id?: string;
  describedBy?: string;
  invalid?: boolean;
}) {
  const [search, setSearch] = useState("");
  const chosen = sources.filter((source) => value.includes(String(source.id)));
  const shown = sources.filter((source) => source.name.toLowerCase().includes(search.trim().toLowerCase()));
  const summary =
    chosen.length === 0 ? "All sources" : chosen.length === 1 ? chosen[0].name : `${chosen.length} sources`;
  const toggle = (sourceId: string) =>
    onChange(value.includes(sourceId) ? value.filter((item) => item !== sourceId) : [...value, sourceId]);
  return (
    <>
      {value.map((sourceId) => (
        <input key={sourceId} type="hidden" name={name} value={sourceId} />
      ))}
      <Popover onOpenChange={(open) => (open ? setSearch("") : undefined)}>
        <PopoverTrigger
          id={id}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          className={cn(
            "flex h-8 w-full items-center justify-between gap-2 rounded-md border border-slate-300 bg-white px-2.5 text-left text-sm text-slate-800 hover:bg-slate-50",
            invalid && "border-red-400",
          )}
        >
          <span className="truncate">{summary}</span>
          <ChevronDown className="h-3.5 w-3.5 shrink-0 opacity-70" aria-hidden />
        </PopoverTrigger>
        <PopoverContent className="w-72" aria-label="Only sources">
          <div className="relative mb-1.5">
            <Search
              className="pointer-events-none absolute top-1/2 left-2 h-3.5 w-3.5 -translate-y-1/2 text-slate-400"
              aria-hidden
            />
            <Input
              type="search"
              aria-label="Find a source"
              placeholder="Find a source"
              value={search}
              onChange={(event) => setSearch(event.target.value)}
              className="h-8 pl-7 text-xs"
            />
          </div>
          <fieldset>
            <legend className="sr-only">Sources the rule looks at</legend>
            <ul className="max-h-64 overflow-y-auto">
              {shown.map((source) => (
                <li key={source.id}>
                  <label className="flex min-h-7 cursor-pointer items-center gap-2 rounded px-1.5 py-1 text-xs text-slate-700 hover:bg-slate-50">
                    <input
                      type="checkbox"
                      checked={value.includes(String(source.id))}
                      onChange={() => toggle(String(source.id))}
                      className="h-3.5 w-3.5 accent-accent-600"
                    />
                    <span className="min-w-0 flex-1 truncate">{source.name}</span>
                  </label>
                </li>
              ))}
            </ul>
            {shown.length === 0 ? <p className="px-1.5 py-1 text-xs text-slate-500">No source has that name.</p> : null}
          </fieldset>
          {value.length ? (
            <button
              type="button"
              onClick={() => onChange([])}
              className="mt-1 min-h-7 w-full rounded px-1.5 py-1 text-left text-xs text-accent-700 hover:bg-slate-50"
            >
              All sources (clear the choice)
            </button>
          ) : null}
        </PopoverContent>
      </Popover>
    </>
  );
}
