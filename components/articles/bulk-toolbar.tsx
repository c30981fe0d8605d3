"use client";

import { Check, Flag, Keyboard, RotateCcw, Tag, Tags, Shapes } from "lucide-react";
import dynamic from "next/dynamic";
import { useEffect, useRef, useState } from "react";
import type { RowStatus, RowTag } from "@/lib/desk/row-changes";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import type { PickedTag } from "@/components/articles/tag-picker";
import type { BarOption } from "@/components/articles/filter-bar";

// The tag box loads when the Tag or Untag popover first opens (most visits tag nothing).
const TagPicker = dynamic(() => import("@/components/articles/tag-picker").then((module) => module.TagPicker));

// The list's header: the result's size, and the selection (this page, or every article the filter
// matches) with what to do to it: for analysts the bulk actions, each one server action, and for
// everyone who may export the Export control. A viewer's toolbar holds Export alone.

export type SelectionSummary = {
  /** Rows of this page that are ticked, or the whole result. */
  count: number;
  allMatching: boolean;
  pageState: "all" | "some" | "none";
  pageSize: number;
};

export type SelectionHandlers = {
  onSelectPage: (select: boolean) => void;
  onSelectAllMatching: () => void;
  onClear: () => void;
};

export type BulkHandlers = {
  onAddTag: (tag: PickedTag) => void;
  onRemoveTag: (tag: RowTag) => void;
  onTheme: (mode: "set" | "clear", themeId: number) => void;
  onStatus: (status: RowStatus) => void;
};

export function ListHeader({
  totalLabel,
  matchingLabel,
  matchingCount,
  selection,
  handlers,
  bulk,
  themes,
  selectionTags,
  canCreateTags,
  tagOpen,
  onTagOpenChange,
  onHelp,
  note,
  exportMenu,
}: {
  totalLabel: string;
  /** "1,234" or "~120,000": how many "select all matching" would take, as the list knows it. */
  matchingLabel: string | null;
  /** The exact count once "all matching" is selected (null while it is being counted). */
  matchingCount: number | null;
  selection: SelectionSummary | null;
  handlers: SelectionHandlers | null;
  /** The bulk writes, for those who may change articles. */
  bulk: BulkHandlers | null;
  themes: BarOption[];
  selectionTags: RowTag[];
  canCreateTags: boolean;
  tagOpen: boolean;
  onTagOpenChange: (open: boolean) => void;
  onHelp: () => void;
  note?: string;
  /** The Export control, for everyone who may export, with or without a selection. */
  exportMenu?: ((compact: boolean) => React.ReactNode) | null;
}) {
  const master = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (master.current) master.current.indeterminate = selection?.pageState === "some" && !selection.allMatching;
  }, [selection]);
  const active = Boolean(selection && handlers && selection.count > 0);

  return (
    <div className="sticky top-0 z-20 flex min-h-10 flex-wrap items-center gap-x-3 gap-y-1.5 border-b border-slate-200 bg-white/95 px-4 py-1.5 backdrop-blur">
      {selection && handlers ? (
        <input
          ref={master}
          type="checkbox"
          checked={selection.allMatching || selection.pageState === "all"}
          onChange={(event) => handlers.onSelectPage(event.target.checked)}
          aria-label={`Select all ${selection.pageSize} on this page`}
          className="h-3.5 w-3.5 accent-accent-600"
        />
      ) : null}
      {active && selection && handlers ? (
        <>
          <p className="text-xs font-medium text-slate-900" role="status">
            {selection.allMatching
              ? matchingCount === null
                ? "Counting every matching article…"
                : `All ${matchingCount.toLocaleString("en-US")} matching ${matchingCount === 1 ? "article" : "articles"} selected`
              : `${selection.count} selected`}
          </p>
          <div className="flex items-center gap-1 text-xs">
            {!selection.allMatching && selection.pageState !== "all" ? (
              <button
                type="button"
                onClick={() => handlers.onSelectPage(true)}
                className="rounded px-1.5 py-0.5 text-accent-700 hover:bg-accent-50"
              >
                Select all {selection.pageSize} on this page
              </button>
            ) : null}
            {!selection.allMatching && matchingLabel ? (
              <button
                type="button"
                onClick={handlers.onSelectAllMatching}
                className="rounded px-1.5 py-0.5 text-accent-700 hover:bg-accent-50"
              >
                Select all {matchingLabel} matching this filter
              </button>
            ) : null}
            <button
              type="button"
              onClick={handlers.onClear}
              className="rounded px-1.5 py-0.5 text-slate-600 hover:bg-slate-100"
            >
              Clear
            </button>
          </div>
          <div className="ml-auto flex flex-wrap items-center gap-1" role="toolbar" aria-label="Bulk actions">
            {bulk ? (
              <BulkWrites
                bulk={bulk}
                themes={themes}
                selectionTags={selectionTags}
                canCreateTags={canCreateTags}
                tagOpen={tagOpen}
                onTagOpenChange={onTagOpenChange}
              />
            ) : null}
            {/* Alone in a viewer's toolbar, Export keeps its label. */}
            {exportMenu ? exportMenu(Boolean(bulk)) : null}
          </div>
        </>
      ) : (
        <>
          <p className="text-xs text-slate-600">
            <span className="font-medium text-slate-900">{totalLabel}</span>
            {note ? <span className="text-slate-500"> · {note}</span> : null}
          </p>
          <div className="ml-auto flex items-center gap-2">
            {exportMenu ? exportMenu(false) : null}
            <button
              type="button"
              onClick={onHelp}
              className="inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs text-slate-500 hover:bg-slate-100 hover:text-slate-900"
            >
              <Keyboard className="h-3.5 w-3.5" aria-hidden /> Keyboard shortcuts{" "}
              <kbd className="rounded border border-slate-300 px-1 font-sans text-[10px]">?</kbd>
            </button>
          </div>
        </>
      )}
    </div>
  );
}

function BulkWrites({
  bulk,
  themes,
  selectionTags,
  canCreateTags,
  tagOpen,
  onTagOpenChange,
}: {
  bulk: BulkHandlers;
  themes: BarOption[];
  selectionTags: RowTag[];
  canCreateTags: boolean;
  tagOpen: boolean;
  onTagOpenChange: (open: boolean) => void;
}) {
  return (
    <>
      <Popover open={tagOpen} onOpenChange={onTagOpenChange}>
        <PopoverTrigger asChild>
          <Button size="sm">
            <Tag className="h-3.5 w-3.5" aria-hidden /> Tag
          </Button>
        </PopoverTrigger>
        <PopoverContent aria-label="Add a tag" align="end">
          <TagPicker
            label="Tag to add"
            allowCreate={canCreateTags}
            autoFocus
            onPick={(tag) => {
              onTagOpenChange(false);
              bulk.onAddTag(tag);
            }}
            onCancel={() => onTagOpenChange(false)}
          />
        </PopoverContent>
      </Popover>
      <RemoveTagButton tags={selectionTags} onRemove={bulk.onRemoveTag} />
      <ThemeButton themes={themes} onTheme={bulk.onTheme} />
      <Button size="sm" onClick={() => bulk.onStatus("REVIEWED")}>
        <Check className="h-3.5 w-3.5" aria-hidden /> Reviewed
      </Button>
      <Button size="sm" onClick={() => bulk.onStatus("FLAGGED")}>
        <Flag className="h-3.5 w-3.5" aria-hidden /> Flagged
      </Button>
      <Button size="sm" variant="ghost" onClick={() => bulk.onStatus("NEW")}>
        <RotateCcw className="h-3.5 w-3.5" aria-hidden /> New
      </Button>
    </>
  );
}

function RemoveTagButton({ tags, onRemove }: { tags: RowTag[]; onRemove: (tag: RowTag) => void }) {
  const [open, setOpen] = useState(false);
  return (
    <Popover open={open} onOpenChange={setOpen}>
      <PopoverTrigger asChild>
        <Button size="sm">
          <Tags className="h-3.5 w-3.5" aria-hidden /> Untag
        </Button>
      </PopoverTrigger>
      <PopoverContent aria-label="Remove a tag" align="end">
        <TagPicker
          label="Tag to remove"
          allowCreate={false}
          autoFocus
          suggestions={tags}
          onPick={(tag) => {
            setOpen(false);
            if ("id" in tag) onRemove(tag);
          }}
          onCancel={() => setOpen(false)}
        />
      </PopoverContent>
    </Popover>
  );
}

function ThemeButton({
  themes,
  onTheme,
}: {
  themes: BarOption[];
  onTheme: (mode: "set" | "clear", themeId: number) => void;
}) {
  const [open, setOpen] = useState(false);
  const [themeId, setThemeId] = useState(themes[0]?.id ?? 0);
  const run = (mode: "set" | "clear") => {
    setOpen(false);
    onTheme(mode, themeId);
  };
  return (
    <Popover open={open} onOpenChange={setOpen}>
      <PopoverTrigger asChild>
        <Button size="sm">
          <Shapes className="h-3.5 w-3.5" aria-hidden /> Theme
        </Button>
      </PopoverTrigger>
      <PopoverContent aria-label="Set or clear a theme" align="end" className="w-64 space-y-2">
        <Select
          aria-label="Theme"
          value={themeId}
          onChange={(event) => setThemeId(Number(event.target.value))}
          className="h-7 text-xs"
        >
          {themes.map((theme) => (
            <option key={theme.id} value={theme.id}>
              {theme.name}
            </option>
          ))}
        </Select>
        <div className="flex gap-1.5">
          <Button size="sm" variant="primary" onClick={() => run("set")} disabled={!themeId}>
            Set theme
          </Button>
          <Button size="sm" onClick={() => run("clear")} disabled={!themeId}>
            Clear theme
          </Button>
        </div>
      </PopoverContent>
    </Popover>
  );
}
