"use client";

import { Plus } from "lucide-react";
import { useEffect, useId, useState } from "react";
import { searchTagsAction } from "@/lib/actions/articles";
import type { TagSearchHit, TagSummary } from "@/lib/data/tag-catalogue";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/field";

// The tag box: type to find a tag (the team's tags by prefix, most used first), pick one with the arrows
// and Enter, or create a new one when nothing matches. A combobox in the ARIA sense.

export type PickedTag = { id: number; name: string; color: string } | { name: string };

const SUGGESTIONS = 8;

export function TagPicker({
  label,
  onPick,
  onCancel,
  allowCreate,
  suggestions,
  excludeIds = [],
  autoFocus,
  disabled,
}: {
  label: string;
  onPick: (tag: PickedTag) => void;
  onCancel?: () => void;
  allowCreate: boolean;
  /** Shown before anything is typed (e.g. the selection's own tags when removing); else the most used tags. */
  suggestions?: TagSummary[];
  excludeIds?: number[];
  autoFocus?: boolean;
  disabled?: boolean;
}) {
  const listId = useId();
  const [text, setText] = useState("");
  const [found, setFound] = useState<{ text: string; hits: TagSearchHit[] } | null>(null);
  const [active, setActive] = useState(0);
  const typed = text.trim();
  const useSuggestions = suggestions !== undefined && typed === "";

  useEffect(() => {
    if (useSuggestions) return;
    let current = true;
    const timer = setTimeout(
      async () => {
        const result = await searchTagsAction(null, { prefix: typed, limit: SUGGESTIONS });
        if (current && result.ok) setFound({ text: typed, hits: result.data ?? [] });
      },
      typed ? 150 : 0,
    );
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [typed, useSuggestions]);

  // Results for an earlier text are never shown or picked: typing "rel-fast" and pressing Enter before its
  // search answers must not apply "rel-hot", found for "rel-".
  const loading = !useSuggestions && found?.text !== typed;
  const hits = (useSuggestions ? suggestions : loading ? [] : (found?.hits ?? [])).filter(
    (tag) => !excludeIds.includes(tag.id),
  );
  const exact = hits.some((tag) => tag.name.toLowerCase() === typed.toLowerCase());
  const offerCreate = allowCreate && typed !== "" && !exact && !loading;
  const count = hits.length + (offerCreate ? 1 : 0);
  const activeIndex = Math.min(active, Math.max(count - 1, 0));

  function choose(index: number) {
    if (index < hits.length) onPick(hits[index]);
    else if (offerCreate) onPick({ name: typed });
    else return;
    setText("");
  }

  /** Enter while the search is still out: the tag named exactly as typed (found or created by name on the server). */
  function chooseTyped() {
    if (!allowCreate || typed === "") return;
    onPick({ name: typed });
    setText("");
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (count) setActive((activeIndex + (event.key === "ArrowDown" ? 1 : count - 1)) % count);
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (loading) chooseTyped();
      else if (count) choose(activeIndex);
    } else if (event.key === "Escape" && onCancel) {
      event.preventDefault();
      onCancel();
    }
  }

  const optionId = (index: number) => `${listId}-${index}`;
  return (
    <div className="w-64">
      <Input
        role="combobox"
        aria-label={label}
        aria-expanded={count > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={count ? optionId(activeIndex) : undefined}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        placeholder={allowCreate ? "Find or create a tag" : "Find a tag"}
        autoFocus={autoFocus}
        disabled={disabled}
        autoComplete="off"
        spellCheck={false}
        className="h-7 text-xs"
      />
      <ul id={listId} role="listbox" aria-label="Tags" className="mt-1 max-h-56 overflow-y-auto">
        {hits.map((tag, index) => (
          <li
            key={tag.id}
            id={optionId(index)}
            role="option"
            aria-selected={index === activeIndex}
            onMouseDown={(event) => event.preventDefault()}
            onMouseEnter={() => setActive(index)}
            onClick={() => choose(index)}
            className={cn(
              "flex cursor-pointer items-center gap-2 rounded px-2 py-1 text-xs",
              index === activeIndex ? "bg-accent-50 text-accent-700" : "text-slate-700",
            )}
          >
            <span aria-hidden className="h-2 w-2 shrink-0 rounded-full" style={{ backgroundColor: tag.color }} />
            <span className="min-w-0 flex-1 truncate">{tag.name}</span>
            {"uses" in tag ? (
              <span className="text-slate-400 tabular-nums">{(tag as TagSearchHit).uses.toLocaleString("en-US")}</span>
            ) : null}
          </li>
        ))}
        {offerCreate ? (
          <li
            id={optionId(hits.length)}
            role="option"
            aria-selected={activeIndex === hits.length}
            onMouseDown={(event) => event.preventDefault()}
            onMouseEnter={() => setActive(hits.length)}
            onClick={() => choose(hits.length)}
            className={cn(
              "flex cursor-pointer items-center gap-1.5 rounded px-2 py-1 text-xs",
              activeIndex === hits.length ? "bg-accent-50 text-accent-700" : "text-slate-700",
            )}
          >
            <Plus className="h-3 w-3" aria-hidden /> Create “{typed}”
          </li>
        ) : null}
      </ul>
      {count === 0 ? (
        <p className="px-2 py-1 text-xs text-slate-500">
          {loading ? "Searching…" : typed ? "No tag matches." : "No tags yet."}
        </p>
      ) : null}
    </div>
  );
}
