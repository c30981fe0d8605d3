import { z } from "zod";
import { MAX_ID } from "@/lib/constants";
import {
  ARTICLE_SORTS,
  CHANGE_KINDS,
  DATE_PRESETS,
  parseDay,
  READ_STATES,
  resolveDatePreset,
  REVIEW_STATUSES,
  TAG_MODES,
  type ArticleFilter,
  type ChangeKind,
  type ReviewStatusValue,
} from "@/lib/validation/article-filter-url";

export * from "@/lib/validation/article-filter-url";

// The article list's filter, as it lives in the URL. The list page, the export, the API and the tests
// all read it through parseArticleFilter and write it through filterToSearchParams (article-filter-url.ts,
// re-exported here; the client components import that file, which has no zod), so a view can be
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

export type ParsedArticleFilter = { filter: ArticleFilter; notes: string[] };

/** Next's awaited `searchParams`, a URLSearchParams, or a query string. */
export type FilterInput = URLSearchParams | string | Record<string, string | string[] | undefined>;

export const MAX_QUERY_LENGTH = 500;
const MAX_LIST_ITEMS = 50;

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
