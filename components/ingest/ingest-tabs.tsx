"use client";

import { useId, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";

export type IngestTab = { id: string; label: string; panel: React.ReactNode };

/**
 * A WAI-ARIA tablist (arrow keys, Home and End move between tabs). Every panel stays mounted, so a paste
 * or an upload in progress survives a look at another tab; the chosen tab is kept in the address (?tab=).
 */
export function IngestTabs({ tabs, initial }: { tabs: IngestTab[]; initial: string }) {
  const [selected, setSelected] = useState(tabs.some((tab) => tab.id === initial) ? initial : tabs[0].id);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const base = useId();

  function select(index: number, focus: boolean) {
    const tab = tabs[(index + tabs.length) % tabs.length];
    setSelected(tab.id);
    const url = new URL(window.location.href);
    url.searchParams.set("tab", tab.id);
    window.history.replaceState(null, "", url);
    if (focus) buttons.current[tabs.indexOf(tab)]?.focus();
  }

  function onKeyDown(event: React.KeyboardEvent, index: number) {
    const moves: Record<string, number> = {
      ArrowRight: index + 1,
      ArrowLeft: index - 1,
      Home: 0,
      End: tabs.length - 1,
    };
    if (!(event.key in moves)) return;
    event.preventDefault();
    select(moves[event.key], true);
  }

  return (
    <div>
      <div role="tablist" aria-label="Ways to add articles" className="flex gap-1 border-b border-slate-200 px-6">
        {tabs.map((tab, index) => {
          const active = tab.id === selected;
          return (
            <button
              key={tab.id}
              ref={(element) => {
                buttons.current[index] = element;
              }}
              type="button"
              role="tab"
              id={`${base}-tab-${tab.id}`}
              aria-selected={active}
              aria-controls={`${base}-panel-${tab.id}`}
              tabIndex={active ? 0 : -1}
              onClick={() => select(index, false)}
              onKeyDown={(event) => onKeyDown(event, index)}
              className={cn(
                "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
                active ? "border-accent-600 text-slate-900" : "border-transparent text-slate-500 hover:text-slate-800",
              )}
            >
              {tab.label}
            </button>
          );
        })}
      </div>
      {tabs.map((tab) => (
        <div
          key={tab.id}
          role="tabpanel"
          id={`${base}-panel-${tab.id}`}
          aria-labelledby={`${base}-tab-${tab.id}`}
          hidden={tab.id !== selected}
          tabIndex={0}
          className="px-6 py-5 focus-visible:outline-offset-[-2px]"
        >
          {tab.panel}
        </div>
      ))}
    </div>
  );
}
