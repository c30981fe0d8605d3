"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { Search, SlidersHorizontal, X } from "lucide-react";
import dynamic from "next/dynamic";
import { useOptimistic, useState, useTransition } from "react";
import {
  CHANGE_LABELS,
  DATE_PRESET_LABELS,
  describeFilterChips,
  listHref,
  STATUS_LABELS,
} from "@/lib/desk/filter-links";
import {
  CHANGE_KINDS,
  REVIEW_STATUSES,
  TAG_MODES,
  type ArticleFilter,
  type ArticleSort,
  type ChangeKind,
  type DatePreset,
  type ReviewStatusValue,
  type TagMode,
} from "@/lib/validation/article-filter-url";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Input, Select } from "@/components/ui/field";
import { MultiSelect } from "@/components/articles/multi-select";
import { DateInput } from "@/components/articles/date-input";

// Over 300 lines: every control shares the one optimistic filter and its navigation; split, each would need both passed in.
//
// The list's filter bar. The URL is the filter's only home: every change here is a navigation to the
// canonical URL of the new filter (filterToSearchParams), so reload, back and forward, bookmarks and
// shared links all show the same list. Ticks and choices apply at once; the search applies on Enter.

// The tag box loads when the Tags popover first opens.
const TagPicker = dynamic(() => import("@/components/articles/tag-picker").then((module) => module.TagPicker));

export type BarOption = { id: number; name: string; color: string | null };

const TAG_MODE_LABELS: Record<TagMode, string> = { any: "Any of these", all: "All of these", none: "None of these" };
const SORT_LABELS: Record<ArticleSort, string> = {
  newest: "Newest first",
  oldest: "Oldest first",
  relevance: "Best match",
};
export const SEARCH_INPUT_ID = "article-search";

export function FilterBar({
  filter: current,
  themes,
  sources,
  languages,
  selectedTags,
}: {
  filter: ArticleFilter;
  themes: BarOption[];
  sources: BarOption[];
  languages: string[];
  selectedTags: BarOption[];
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  // The bar shows a change at once; the list follows when the navigation to it completes.
  const [filter, showFilter] = useOptimistic(current);
  const [text, setText] = useState(filter.q ?? "");
  const [shownQ, setShownQ] = useState(filter.q);
  const [customDates, setCustomDates] = useState(false);
  // On a phone the filter controls fold away under one button; the chips below still say what is applied.
  const [filtersOpen, setFiltersOpen] = useState(false);
  // Back, forward and a removed chip change the URL's search: the box follows it.
  if (shownQ !== filter.q) {
    setShownQ(filter.q);
    setText(filter.q ?? "");
  }

  function apply(changes: Partial<ArticleFilter>) {
    const next: ArticleFilter = { ...filter, ...changes, cursor: undefined };
    if (next.sort === "relevance" && !next.q) next.sort = "newest";
    startTransition(() => {
      showFilter(next);
      router.push(listHref(next));
    });
  }

  const ids = (values: string[]) => {
    const numbers = values.map(Number).filter((n) => Number.isInteger(n) && n > 0);
    return numbers.length ? numbers : undefined;
  };
  const dateMode = customDates ? "custom" : (filter.range ?? (filter.from || filter.to ? "custom" : ""));
  const chips = describeFilterChips(filter, { themes, sources, tags: selectedTags });

  return (
    <div className="relative border-b border-slate-200 bg-white px-4 py-2.5">
      {pending ? <div className="absolute inset-x-0 top-0 h-0.5 animate-pulse bg-accent-600" aria-hidden /> : null}
      <form
        role="search"
        aria-label="Search articles"
        className="flex items-center gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          apply({ q: text.trim() || undefined });
        }}
      >
        <div className="relative min-w-0 flex-1">
          <Search
            className="pointer-events-none absolute top-1/2 left-2.5 h-3.5 w-3.5 -translate-y-1/2 text-slate-400"
            aria-hidden
          />
          <Input
            id={SEARCH_INPUT_ID}
            type="search"
            name="q"
            value={text}
            onChange={(event) => setText(event.target.value)}
            onKeyDown={(event) => {
              // Esc empties the box and drops the search from the list too (the browser only empties the box).
              if (event.key !== "Escape") return;
              event.preventDefault();
              setText("");
              if (filter.q) apply({ q: undefined });
            }}
            placeholder="Search titles and text"
            aria-label="Search"
            aria-describedby="search-syntax"
            autoComplete="off"
            spellCheck={false}
            className="pl-8"
          />
        </div>
        <Button type="submit" size="md" variant="primary" disabled={pending}>
          Search
        </Button>
        <p id="search-syntax" className="hidden shrink-0 font-mono text-[11px] text-slate-500 lg:block">
          <span className="sr-only">Syntax: </span>&quot;exact phrase&quot;&nbsp; OR&nbsp; -exclude&nbsp; missil*
        </p>
        <Select
          aria-label="Sort"
          value={filter.sort}
          onChange={(event) => apply({ sort: event.target.value as ArticleSort })}
          className="h-8 w-auto text-xs"
        >
          {(Object.keys(SORT_LABELS) as ArticleSort[]).map((sort) => (
            <option key={sort} value={sort} disabled={sort === "relevance" && !filter.q}>
              {SORT_LABELS[sort]}
            </option>
          ))}
        </Select>
      </form>

      <button
        type="button"
        aria-expanded={filtersOpen}
        aria-controls="desk-filters"
        onClick={() => setFiltersOpen(!filtersOpen)}
        className="mt-2 inline-flex h-9 items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-700 hover:bg-slate-50 sm:hidden"
      >
        <SlidersHorizontal className="h-4 w-4" aria-hidden /> Filters{chips.length ? ` (${chips.length})` : ""}
      </button>
      <div
        id="desk-filters"
        className={cn("mt-2 flex-wrap items-center gap-1.5", filtersOpen ? "flex" : "hidden sm:flex")}
      >
        <Select
          aria-label="Dates"
          value={dateMode}
          onChange={(event) => {
            const value = event.target.value;
            if (value === "custom") return setCustomDates(true);
            setCustomDates(false);
            apply({ range: (value || undefined) as DatePreset | undefined, from: undefined, to: undefined });
          }}
          className="h-7 w-auto py-0 text-xs"
        >
          <option value="">Any date</option>
          {Object.entries(DATE_PRESET_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
          <option value="custom">Custom range…</option>
        </Select>
        {dateMode === "custom" ? (
          <>
            <DateInput
              label="From"
              value={filter.from}
              onChange={(from) => apply({ range: undefined, from, to: filter.to })}
            />
            <span className="text-xs text-slate-400" aria-hidden>
              –
            </span>
            <DateInput
              label="To"
              value={filter.to}
              onChange={(to) => apply({ range: undefined, from: filter.from, to })}
            />
          </>
        ) : null}

        <MultiSelect
          label="Themes"
          options={themes.map((theme) => ({ value: String(theme.id), label: theme.name, color: theme.color }))}
          selected={(filter.themes ?? []).map(String)}
          onChange={(values) => apply({ themes: ids(values) })}
        />
        <MultiSelect
          label="Sources"
          options={sources.map((source) => ({ value: String(source.id), label: source.name }))}
          selected={(filter.sources ?? []).map(String)}
          onChange={(values) => apply({ sources: ids(values) })}
        />
        <MultiSelect
          label="Tags"
          options={selectedTags.map((tag) => ({ value: String(tag.id), label: tag.name, color: tag.color }))}
          selected={(filter.tags ?? []).map(String)}
          onChange={(values) => apply({ tags: ids(values) })}
        >
          <div className="mt-1 space-y-2 border-t border-slate-100 pt-2">
            <TagPicker
              label="Add a tag to the filter"
              allowCreate={false}
              excludeIds={filter.tags ?? []}
              onPick={(tag) => "id" in tag && apply({ tags: [...(filter.tags ?? []), tag.id] })}
            />
            <fieldset className="flex flex-wrap gap-x-3 gap-y-1 px-1 text-xs text-slate-700">
              <legend className="sr-only">Articles with</legend>
              {TAG_MODES.map((mode) => (
                <label key={mode} className="inline-flex items-center gap-1">
                  <input
                    type="radio"
                    name="tagMode"
                    checked={filter.tagMode === mode}
                    onChange={() => apply({ tagMode: mode })}
                    className="accent-accent-600"
                  />
                  {TAG_MODE_LABELS[mode]}
                </label>
              ))}
            </fieldset>
          </div>
        </MultiSelect>
        <MultiSelect
          label="Status"
          options={REVIEW_STATUSES.map((status) => ({ value: status, label: STATUS_LABELS[status] }))}
          selected={filter.status ?? []}
          onChange={(values) => apply({ status: values.length ? (values as ReviewStatusValue[]) : undefined })}
        />
        <Select
          aria-label="Notes"
          value={filter.annotated === undefined ? "" : filter.annotated ? "yes" : "no"}
          onChange={(event) =>
            apply({ annotated: event.target.value === "" ? undefined : event.target.value === "yes" })
          }
          className="h-7 w-auto py-0 text-xs"
        >
          <option value="">Notes: any</option>
          <option value="yes">With notes</option>
          <option value="no">Without notes</option>
        </Select>
        <Select
          aria-label="Undated items"
          title="Items whose source gave no date are dated when Presswatch first saw them"
          value={filter.hideUndated ? "hide" : ""}
          onChange={(event) => apply({ hideUndated: event.target.value === "hide" || undefined })}
          className="h-7 w-auto py-0 text-xs"
        >
          <option value="">Undated: shown</option>
          <option value="hide">Undated: hidden</option>
        </Select>
        <MultiSelect
          label="Changed at source"
          options={CHANGE_KINDS.map((kind) => ({ value: kind, label: CHANGE_LABELS[kind] }))}
          selected={filter.changed ?? []}
          onChange={(values) => apply({ changed: values.length ? (values as ChangeKind[]) : undefined })}
        />
        <Select
          aria-label="Teasers"
          title="Teasers are titles and a few lines whose full text has not arrived yet"
          value={filter.showTeasers ? "show" : ""}
          onChange={(event) => apply({ showTeasers: event.target.value === "show" || undefined })}
          className="h-7 w-auto py-0 text-xs"
        >
          <option value="">Teasers: hidden</option>
          <option value="show">Teasers: shown</option>
        </Select>
        <Select
          aria-label="Read"
          title="What you have opened yourself (the team's review status is the Status filter)"
          value={filter.read ?? ""}
          onChange={(event) => apply({ read: (event.target.value || undefined) as ArticleFilter["read"] })}
          className="h-7 w-auto py-0 text-xs"
        >
          <option value="">Read or not</option>
          <option value="unread">Unread by me</option>
          <option value="read">Read by me</option>
        </Select>
        {languages.length > 1 || filter.language?.length ? (
          <MultiSelect
            label="Language"
            options={[...new Set([...languages, ...(filter.language ?? [])])].map((language) => ({
              value: language,
              label: language.toUpperCase(),
            }))}
            selected={filter.language ?? []}
            onChange={(values) => apply({ language: values.length ? values : undefined })}
          />
        ) : null}
      </div>

      {chips.length ? (
        <ul aria-label="Active filters" className="mt-2 flex flex-wrap items-center gap-1.5">
          {chips.map((chip) => (
            <li key={chip.key}>
              <Link
                prefetch={false}
                href={chip.href}
                className="inline-flex max-w-80 items-center gap-1 rounded-full bg-slate-100 py-0.5 pr-1.5 pl-2 text-xs text-slate-700 ring-1 ring-slate-200 hover:bg-slate-200"
                aria-label={`Remove filter ${chip.label}`}
              >
                <span className="truncate">{chip.label}</span>
                <X className="h-3 w-3 shrink-0" aria-hidden />
              </Link>
            </li>
          ))}
          {chips.length > 1 ? (
            <li>
              <Link prefetch={false} href="/" className="px-1 text-xs text-accent-700 hover:underline">
                Clear all
              </Link>
            </li>
          ) : null}
        </ul>
      ) : null}
    </div>
  );
}
