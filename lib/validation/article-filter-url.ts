// The article list's filter as a value and as its canonical URL query: the types, the fixed lists and the
// writer. No zod here: the desk's client components (filter bar, chips, timeline, date fields) import this
// file, and the parser with its schemas (article-filter.ts, which re-exports all of this) stays on the server.
// With zod in it, the desk's JavaScript carried zod's 30 KB compressed (107 KB decoded) for a URL writer.

export const REVIEW_STATUSES = ["NEW", "REVIEWED", "FLAGGED"] as const;
export const TAG_MODES = ["any", "all", "none"] as const;
export const ARTICLE_SORTS = ["newest", "oldest", "relevance"] as const;
export const DATE_PRESETS = ["today", "7d", "30d", "year"] as const;
/** Changes seen at the source: a new version (edited) or a page that answers 404/410 (gone). */
export const CHANGE_KINDS = ["edited", "gone"] as const;

export type ReviewStatusValue = (typeof REVIEW_STATUSES)[number];
export type TagMode = (typeof TAG_MODES)[number];
export type ArticleSort = (typeof ARTICLE_SORTS)[number];
export type DatePreset = (typeof DATE_PRESETS)[number];
export type ChangeKind = (typeof CHANGE_KINDS)[number];
export const READ_STATES = ["unread", "read"] as const;
export type ReadState = (typeof READ_STATES)[number];

export type ArticleFilter = {
  q?: string;
  /** Alias ids of the names register the search leaves out (the desk's "also searched" list, each removable). */
  noAliases?: number[];
  /** First day included, 00:00 UTC. */
  from?: Date;
  /** Last day included, 00:00 UTC (the list ends before the next midnight). */
  to?: Date;
  /** Set when from/to came from a preset: the URL keeps the preset, so a saved "last 7 days" stays relative. */
  range?: DatePreset;
  themes?: number[];
  sources?: number[];
  tags?: number[];
  tagMode: TagMode;
  status?: ReviewStatusValue[];
  annotated?: boolean;
  /** Leave out items whose source gave no date (dated when first seen). */
  hideUndated?: boolean;
  /** Show teasers (a title and a few lines, the full text still to come): hidden by default. */
  showTeasers?: boolean;
  /** The reader's own read marks: only what they have (not) opened. Needs readerId to mean anything. */
  read?: ReadState;
  /** Whose read marks `read` is about: set by the server from the session, never from the URL. */
  readerId?: number;
  language?: string[];
  /** Only articles edited, or gone, at their source; the date range then bounds when that was seen. */
  changed?: ChangeKind[];
  sort: ArticleSort;
  cursor?: string;
};

const DAY_MS = 86_400_000;
const DAY_TEXT = /^\d{4}-\d{2}-\d{2}$/;

/** 00:00 UTC of a real calendar day written YYYY-MM-DD, else null. */
export function parseDay(text: string): Date | null {
  if (!DAY_TEXT.test(text)) return null;
  const [year, month, day] = text.split("-").map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = year >= 1900 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real ? date : null;
}

/** The UTC day as URLs and file names write it: "2026-11-27" (parseDay reads it back). */
export function formatIsoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function startOfUtcDay(date: Date): Date {
  return new Date(Math.floor(date.getTime() / DAY_MS) * DAY_MS);
}

/** The inclusive UTC day range a preset means at `now`. */
export function resolveDatePreset(preset: DatePreset, now: Date): { from: Date; to: Date } {
  const today = startOfUtcDay(now);
  const daysBack = (days: number) => new Date(today.getTime() - days * DAY_MS);
  switch (preset) {
    case "today":
      return { from: today, to: today };
    case "7d":
      return { from: daysBack(6), to: today };
    case "30d":
      return { from: daysBack(29), to: today };
    case "year":
      return { from: new Date(Date.UTC(today.getUTCFullYear(), 0, 1)), to: today };
  }
}

/** The exclusive upper bound of the filter's dates: midnight after the last day included. */
export function endExclusive(to: Date): Date {
  return new Date(startOfUtcDay(to).getTime() + DAY_MS);
}

/**
 * The filter as a URL query: fixed key order, sorted lists, defaults left out. `filterToSearchParams(f).toString()`
 * is the canonical string to bookmark, share and store in a saved view.
 */
export function filterToSearchParams(
  filter: Partial<ArticleFilter>,
  options: { cursor?: boolean } = {},
): URLSearchParams {
  const params = new URLSearchParams();
  const list = (key: string, values: readonly (string | number)[] | undefined) => {
    if (!values?.length) return;
    const sorted = [...new Set(values)].sort((a, b) =>
      typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b)),
    );
    params.set(key, sorted.join(","));
  };
  if (filter.q?.trim()) {
    params.set("q", filter.q.trim());
    list("noalias", filter.noAliases);
  }
  if (filter.range) params.set("range", filter.range);
  else {
    if (filter.from) params.set("from", formatIsoDay(filter.from));
    if (filter.to) params.set("to", formatIsoDay(filter.to));
  }
  list("theme", filter.themes);
  list("source", filter.sources);
  list("tag", filter.tags);
  if (filter.tags?.length && filter.tagMode && filter.tagMode !== "any") params.set("tagMode", filter.tagMode);
  if (filter.status?.length && filter.status.length < REVIEW_STATUSES.length) {
    params.set(
      "status",
      REVIEW_STATUSES.filter((status) => filter.status?.includes(status))
        .map((status) => status.toLowerCase())
        .join(","),
    );
  }
  if (filter.annotated !== undefined) params.set("annotated", filter.annotated ? "yes" : "no");
  if (filter.hideUndated) params.set("undated", "hide");
  if (filter.showTeasers) params.set("teasers", "show");
  if (filter.read) params.set("read", filter.read);
  list("lang", filter.language);
  if (filter.changed?.length) params.set("changed", CHANGE_KINDS.filter((k) => filter.changed?.includes(k)).join(","));
  if (filter.sort && filter.sort !== "newest") params.set("sort", filter.sort);
  if (options.cursor !== false && filter.cursor) params.set("cursor", filter.cursor);
  return params;
}

/** `?`-less query string of the filter (see filterToSearchParams); "" for no filter. */
export function filterToQueryString(filter: Partial<ArticleFilter>, options: { cursor?: boolean } = {}): string {
  return filterToSearchParams(filter, options).toString();
}
