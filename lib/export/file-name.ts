import { formatIsoDay, resolveDatePreset, type ArticleFilter } from "@/lib/validation/article-filter";
import { describeFilterChips, type FilterNames } from "@/lib/desk/filter-links";

// A download's file name that says what it holds: presswatch-<filter summary>-<export day>.<ext>, e.g.
// presswatch-missile-launch-2017-01-01_2017-12-31-theme-nuclear-2026-11-27.csv. Themes, sources and tags
// go by name when the caller knows them (by id otherwise). Lower-case ASCII letters, digits and hyphens
// only: safe in every file system and in a Content-Disposition header without encoding; a name with no
// ASCII letters at all (a Korean source name) keeps its id.

const MAX_SUMMARY = 80;

function slug(text: string): string {
  return text
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

type Names = {
  themes?: readonly { id: number; name: string }[];
  sources?: readonly { id: number; name: string }[];
  tags?: readonly { id: number; name: string }[];
};

function labelsOf(ids: number[], names: readonly { id: number; name: string }[] | undefined): string {
  return ids.map((id) => slug(names?.find((option) => option.id === id)?.name ?? "") || String(id)).join("-");
}

export function summarizeExport(
  selection: { filter: ArticleFilter } | { ids: number[] },
  now: Date,
  names: Names = {},
): string {
  if ("ids" in selection) return `selected-${selection.ids.length}`;
  const { filter } = selection;
  const parts: string[] = [];
  if (filter.q) parts.push(slug(filter.q));
  const dates = filter.range ? resolveDatePreset(filter.range, now) : { from: filter.from, to: filter.to };
  if (dates.from || dates.to)
    parts.push(`${dates.from ? formatIsoDay(dates.from) : "start"}_${dates.to ? formatIsoDay(dates.to) : "now"}`);
  if (filter.themes?.length) parts.push(`theme-${labelsOf(filter.themes, names.themes)}`);
  if (filter.sources?.length) parts.push(`source-${labelsOf(filter.sources, names.sources)}`);
  if (filter.tags?.length) parts.push(`tag-${labelsOf(filter.tags, names.tags)}`);
  if (filter.status?.length) parts.push(filter.status.join("-").toLowerCase());
  if (filter.annotated !== undefined) parts.push(filter.annotated ? "annotated" : "unannotated");
  if (filter.hideUndated) parts.push("dated");
  if (filter.language?.length) parts.push(filter.language.join("-"));
  const summary = parts.filter(Boolean).join("-").slice(0, MAX_SUMMARY).replace(/-+$/, "");
  return summary || "all-articles";
}

export function exportFileName(summary: string, extension: string, now: Date, kind = "presswatch"): string {
  return `${kind}-${summary}-${formatIsoDay(now)}.${extension}`;
}

/** "Source: KCNA · 1 Jan 2017 – 31 Dec 2017": the filter as the list's chips say it. */
export function describeExportFilter(filter: ArticleFilter, names: FilterNames): string {
  return describeFilterChips(filter, names)
    .map((chip) => chip.label)
    .join(" · ");
}
