import { z } from "zod";
import { MAX_ID } from "@/lib/constants";

// Over 300 lines: the URL's every filter key is parsed and written here, both ways, so the two cannot drift apart.
//
// The article list's filter, as it lives in the URL. The list page, the export, the API and the tests
// all read it through parseArticleFilter and write it through filterToSearchParams, so a view can be
// bookmarked, shared and reloaded.
//
// URL shape (every key optional; defaults are left out, so the same filter always gives the same string):
//   q=<search syntax>           noalias=12,57 (spellings from the names register not to search: alias ids)
//   range=today|7d|30d|year   or   from=YYYY-MM-DD & to=YYYY-MM-DD (inclusive, UTC)
//   theme=3,7  source=1  tag=4,9  tagMode=all|none (any is the default)
//   status=new,flagged  annotated=yes|no  undated=hide  teasers=show  read=unread|read  lang=en,ko  sort=oldest|relevance (newest is the default)
//   changed=edited,gone (changed at the source; the dates then bound when the change was seen, not publication)
//   cursor=<opaque>
// Lists are comma-separated (short and readable in a shared link); repeated keys (theme=3&theme=7), as an
// HTML form with checkboxes submits them, are accepted too and merged. Values that make no sense are
// dropped with a note for the page to show: a hand-edited link never turns into an error page.

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

export type ParsedArticleFilter = { filter: ArticleFilter; notes: string[] };

/** Next's awaited `searchParams`, a URLSearchParams, or a query string. */
export type FilterInput = URLSearchParams | string | Record<string, string | string[] | undefined>;

export const MAX_QUERY_LENGTH = 500;
const MAX_LIST_ITEMS = 50;
const DAY_MS = 86_400_000;

const dayText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const idText = z
  .string()
  .regex(/^\d{1,10}$/)
  .transform(Number)
  .pipe(z.number().int().positive().max(MAX_ID));
const languageText = z
  .string()
  .regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$/)
  .transform((value) => value.toLowerCase());
const cursorText = z.string().regex(/^[a-z0-9.-]{1,64}$/);

function toSearchParams(input: FilterInput): URLSearchParams {
  if (input instanceof URLSearchParams) return input;
  if (typeof input === "string") return new URLSearchParams(input);
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(input)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(key, item);
  }
  return params;
}

/** Every value of `key`, repeated keys and comma lists alike, trimmed, blanks dropped. */
function listValues(params: URLSearchParams, key: string): string[] {
  return params
    .getAll(key)
    .flatMap((value) => value.split(","))
    .map((value) => value.trim())
    .filter(Boolean);
}

function lastValue(params: URLSearchParams, key: string): string | undefined {
  const values = params
    .getAll(key)
    .map((value) => value.trim())
    .filter(Boolean);
  return values[values.length - 1];
}

function quote(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

/** 00:00 UTC of a real calendar day written YYYY-MM-DD, else null. */
export function parseDay(text: string): Date | null {
  if (!dayText.safeParse(text).success) return null;
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

function parseIds(params: URLSearchParams, key: string, notes: string[]): number[] | undefined {
  const ids = new Set<number>();
  for (const value of listValues(params, key)) {
    const parsed = idText.safeParse(value);
    if (parsed.success) ids.add(parsed.data);
    else notes.push(`Ignored ${key} ${quote(value)}: not an id.`);
  }
  if (ids.size > MAX_LIST_ITEMS) notes.push(`Kept the first ${MAX_LIST_ITEMS} ${key} values.`);
  const sorted = [...ids].sort((a, b) => a - b).slice(0, MAX_LIST_ITEMS);
  return sorted.length ? sorted : undefined;
}

function parseChoice<T extends string>(
  value: string | undefined,
  key: string,
  choices: readonly T[],
  notes: string[],
): T | undefined {
  if (value === undefined) return undefined;
  const match = choices.find((choice) => choice.toLowerCase() === value.toLowerCase());
  if (!match) notes.push(`Ignored ${key} ${quote(value)}: expected ${choices.join(", ")}.`);
  return match;
}

function parseDates(params: URLSearchParams, now: Date, notes: string[]): Pick<ArticleFilter, "from" | "to" | "range"> {
  const range = parseChoice(lastValue(params, "range"), "range", DATE_PRESETS, notes);
  if (range) return { range, ...resolveDatePreset(range, now) };
  const bound = (key: "from" | "to") => {
    const value = lastValue(params, key);
    if (value === undefined) return undefined;
    const day = parseDay(value);
    if (!day) notes.push(`Ignored ${key} ${quote(value)}: expected a day like 2024-08-04.`);
    return day ?? undefined;
  };
  const from = bound("from");
  const to = bound("to");
  if (from && to && from > to) {
    notes.push("Swapped from and to: the first day was after the last.");
    return { from: to, to: from };
  }
  return { from, to };
}

function parseAnnotated(value: string | undefined, notes: string[]): boolean | undefined {
  if (value === undefined) return undefined;
  if (/^(yes|true|1)$/i.test(value)) return true;
  if (/^(no|false|0)$/i.test(value)) return false;
  notes.push(`Ignored annotated ${quote(value)}: expected yes or no.`);
  return undefined;
}

/** Reads a filter from the URL. Never throws: what cannot be understood is dropped and explained in `notes`. */
export function parseArticleFilter(input: FilterInput, options: { now?: Date } = {}): ParsedArticleFilter {
  const params = toSearchParams(input);
  const notes: string[] = [];
  const filter: ArticleFilter = { tagMode: "any", sort: "newest" };

  const q = lastValue(params, "q")?.replace(/\s+/g, " ");
  if (q) {
    if (q.length > MAX_QUERY_LENGTH) notes.push(`Shortened the search to ${MAX_QUERY_LENGTH} characters.`);
    filter.q = q.slice(0, MAX_QUERY_LENGTH).trim();
    if (!/[\p{L}\p{N}]/u.test(filter.q)) {
      notes.push(`Ignored the search ${quote(filter.q)}: it has no letters or digits to look for.`);
      delete filter.q;
    }
  }
  if (filter.q) filter.noAliases = parseIds(params, "noalias", notes);
  Object.assign(filter, parseDates(params, options.now ?? new Date(), notes));
  filter.themes = parseIds(params, "theme", notes);
  filter.sources = parseIds(params, "source", notes);
  filter.tags = parseIds(params, "tag", notes);
  filter.tagMode = parseChoice(lastValue(params, "tagMode"), "tagMode", TAG_MODES, notes) ?? "any";

  const statuses = new Set<ReviewStatusValue>();
  for (const value of listValues(params, "status")) {
    const status = parseChoice(value, "status", REVIEW_STATUSES, notes);
    if (status) statuses.add(status);
  }
  // All three statuses is no filter at all.
  if (statuses.size > 0 && statuses.size < REVIEW_STATUSES.length)
    filter.status = REVIEW_STATUSES.filter((status) => statuses.has(status));

  filter.annotated = parseAnnotated(lastValue(params, "annotated"), notes);
  if (parseChoice(lastValue(params, "undated"), "undated", ["hide"], notes)) filter.hideUndated = true;
  if (parseChoice(lastValue(params, "teasers"), "teasers", ["show"], notes)) filter.showTeasers = true;
  const read = parseChoice(lastValue(params, "read"), "read", READ_STATES, notes);
  if (read) filter.read = read;

  const languages = new Set<string>();
  for (const value of listValues(params, "lang")) {
    const parsed = languageText.safeParse(value);
    if (parsed.success) languages.add(parsed.data);
    else notes.push(`Ignored lang ${quote(value)}: expected a language code like en.`);
  }
  if (languages.size) filter.language = [...languages].sort().slice(0, MAX_LIST_ITEMS);

  const changed = new Set<ChangeKind>();
  for (const value of listValues(params, "changed")) {
    const kind = parseChoice(value, "changed", CHANGE_KINDS, notes);
    if (kind) changed.add(kind);
  }
  if (changed.size) filter.changed = CHANGE_KINDS.filter((kind) => changed.has(kind));

  filter.sort = parseChoice(lastValue(params, "sort"), "sort", ARTICLE_SORTS, notes) ?? "newest";
  if (filter.sort === "relevance" && !filter.q) {
    notes.push("Sorted by newest: relevance needs a search.");
    filter.sort = "newest";
  }

  const cursor = lastValue(params, "cursor");
  if (cursor !== undefined) {
    if (cursorText.safeParse(cursor).success) filter.cursor = cursor;
    else notes.push("Ignored a malformed page cursor: showing the first page.");
  }
  return { filter: dropEmpty(filter), notes };
}

function dropEmpty(filter: ArticleFilter): ArticleFilter {
  const result = { ...filter };
  for (const key of Object.keys(result) as (keyof ArticleFilter)[]) {
    if (result[key] === undefined) delete result[key];
  }
  return result;
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
