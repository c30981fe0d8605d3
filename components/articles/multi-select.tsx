"use client";

import { ChevronDown } from "lucide-react";
import { useId } from "react";
import { cn } from "@/components/ui/cn";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { ThemeDot } from "@/components/articles/labels";

// A filter button that opens a list of checkboxes. Each tick applies at once (the list follows), and the
// button says how many are chosen, so the bar stays one line however many are picked.

export type MultiOption = { value: string; label: string; color?: string | null; hint?: string };

export function MultiSelect({
  label,
  options,
  selected,
  onChange,
  children,
  className,
}: {
  label: string;
  options: MultiOption[];
  selected: string[];
  onChange: (values: string[]) => void;
  /** Extra content under the list (e.g. the tag filter's any/all/none). */
  children?: React.ReactNode;
  className?: string;
}) {
  const groupId = useId();
  const chosen = options.filter((option) => selected.includes(option.value));
  const summary = chosen.length === 1 ? chosen[0].label : chosen.length > 1 ? `${chosen.length} chosen` : null;
  const toggle = (value: string) =>
    onChange(selected.includes(value) ? selected.filter((item) => item !== value) : [...selected, value]);
  return (
    <Popover>
      <PopoverTrigger
        className={cn(
          "inline-flex h-7 max-w-48 items-center gap-1 rounded-md border px-2 text-xs whitespace-nowrap",
          summary
            ? "border-accent-600/40 bg-accent-50 text-accent-700"
            : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50",
          className,
        )}
      >
        <span className="font-medium">{label}</span>
        {summary ? <span className="truncate">: {summary}</span> : null}
        <ChevronDown className="h-3 w-3 shrink-0 opacity-70" aria-hidden />
      </PopoverTrigger>
      <PopoverContent className="w-60" aria-label={label}>
        {options.length ? (
          <fieldset>
            <legend id={groupId} className="sr-only">
              {label}
            </legend>
            <ul className="max-h-64 overflow-y-auto">
              {options.map((option) => (
                <li key={option.value}>
                  <label className="flex cursor-pointer items-center gap-2 rounded px-1.5 py-1 text-xs text-slate-700 hover:bg-slate-50">
                    <input
                      type="checkbox"
                      checked={selected.includes(option.value)}
                      onChange={() => toggle(option.value)}
                      className="h-3.5 w-3.5 accent-accent-600"
                    />
                    {option.color !== undefined ? <ThemeDot color={option.color} /> : null}
                    <span className="min-w-0 flex-1 truncate">{option.label}</span>
                    {option.hint ? <span className="text-slate-400">{option.hint}</span> : null}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        ) : (
          <p className="px-1.5 py-1 text-xs text-slate-500">Nothing to choose yet.</p>
        )}
        {children}
        {selected.length ? (
          <button
            type="button"
            onClick={() => onChange([])}
            className="mt-1 w-full rounded px-1.5 py-1 text-left text-xs text-accent-700 hover:bg-slate-50"
          >
            Clear {label.toLowerCase()}
          </button>
        ) : null}
      </PopoverContent>
    </Popover>
  );
}
