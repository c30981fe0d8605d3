import { formatDayLabel } from "@/lib/format";
import {
  filterToQueryString,
  type ArticleFilter,
  type ChangeKind,
  type DatePreset,
  type ReviewStatusValue,
} from "@/lib/validation/article-filter-url";

// Links that change the article list's filter: each active filter as a chip that removes it (the filter
// bar and the empty state show them), a facet that adds or removes one id, a timeline span. Every link
// starts the list again at its first page.

export type NamedOption = { id: number; name: string };
export type FilterNames = {
  themes: readonly NamedOption[];
  sources: readonly NamedOption[];
  tags: readonly NamedOption[];
};
export type FilterChip = { key: string; label: string; href: string };
export type IdDimension = "themes" | "sources" | "tags";

export const DATE_PRESET_LABELS: Record<DatePreset, string> = {
  today: "Today",
  "7d": "Last 7 days",
  "30d": "Last 30 days",
  year: "This year",
};
export const STATUS_LABELS: Record<ReviewStatusValue, string> = {
  NEW: "New",
  REVIEWED: "Reviewed",
  FLAGGED: "Flagged",
};

/** The list's URL for `filter`, first page. */
export function listHref(filter: Partial<ArticleFilter>): string {
  const query = filterToQueryString({ ...filter, cursor: undefined });
  return query ? `/?${query}` : "/";
}

/** The filter with `id` added to or removed from a dimension. */
export function toggleId(filter: ArticleFilter, dimension: IdDimension, id: number): ArticleFilter {
  const current = filter[dimension] ?? [];
  const next = current.includes(id) ? current.filter((value) => value !== id) : [...current, id];
  return { ...filter, [dimension]: next.length ? next : undefined, cursor: undefined };
}

function dateLabel(filter: ArticleFilter): string | null {
  if (filter.range) return DATE_PRESET_LABELS[filter.range];
  if (filter.from && filter.to)
    return filter.from.getTime() === filter.to.getTime()
      ? formatDayLabel(filter.from)
      : `${formatDayLabel(filter.from)} – ${formatDayLabel(filter.to)}`;
  if (filter.from) return `From ${formatDayLabel(filter.from)}`;
  if (filter.to) return `Until ${formatDayLabel(filter.to)}`;
  return null;
}

const TAG_PREFIX = { any: "Tag", all: "Every tag", none: "Not tagged" } as const;

/** The change filters as the desk names them; with one set, the dates bound when the change was seen. */
export const CHANGE_LABELS: Record<ChangeKind, string> = { edited: "Edited at source", gone: "Gone at source" };

/** Every active filter as a removable chip, in the filter bar's order. */
export function describeFilterChips(filter: ArticleFilter, names: FilterNames): FilterChip[] {
  const chips: FilterChip[] = [];
  const add = (key: string, label: string, without: Partial<ArticleFilter>) =>
    chips.push({ key, label, href: listHref({ ...filter, ...without }) });
  const nameOf = (list: readonly NamedOption[], id: number) =>
    list.find((option) => option.id === id)?.name ?? `#${id}`;

  if (filter.q)
    add("q", `Search: ${filter.q}`, { q: undefined, sort: filter.sort === "relevance" ? "newest" : filter.sort });
  const dates = dateLabel(filter);
  if (dates) add("dates", dates, { range: undefined, from: undefined, to: undefined });
  for (const [dimension, prefix, list] of [
    ["themes", "Theme", names.themes],
    ["sources", "Source", names.sources],
    ["tags", TAG_PREFIX[filter.tagMode], names.tags],
  ] as const) {
    for (const id of filter[dimension] ?? []) {
      const rest = filter[dimension]!.filter((value) => value !== id);
      add(`${dimension}-${id}`, `${prefix}: ${nameOf(list, id)}`, { [dimension]: rest.length ? rest : undefined });
    }
  }
  for (const status of filter.status ?? []) {
    const rest = filter.status!.filter((value) => value !== status);
    add(`status-${status}`, STATUS_LABELS[status], { status: rest.length ? rest : undefined });
  }
  if (filter.annotated !== undefined)
    add("annotated", filter.annotated ? "With notes" : "Without notes", { annotated: undefined });
  if (filter.hideUndated) add("undated", "Dated items only", { hideUndated: undefined });
  for (const kind of filter.changed ?? []) {
    const rest = filter.changed!.filter((value) => value !== kind);
    add(`changed-${kind}`, CHANGE_LABELS[kind], { changed: rest.length ? rest : undefined });
  }
  if (filter.showTeasers) add("teasers", "Teasers shown", { showTeasers: undefined });
  if (filter.read) add("read", filter.read === "unread" ? "Unread by me" : "Read by me", { read: undefined });
  for (const language of filter.language ?? []) {
    const rest = filter.language!.filter((value) => value !== language);
    add(`lang-${language}`, `Language: ${language.toUpperCase()}`, { language: rest.length ? rest : undefined });
  }
  return chips;
}
