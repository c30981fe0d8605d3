import type { ResolvedFilter } from "@/lib/search/article-sql";

// The newest matches of a sparse phrase search without reading all of them. The GIN index finds every article with
// the search's words in thirty years (4,400 for a name in ten spellings at 1M), and each must be read from the heap
// to be dated before the newest can be picked. The index also holds each article's year (article_search_key), so a
// search within a few years is cut there, before the heap: the list and its facets try the newest year of the
// selection first, then the newest four, then everything, and stop at the first window that fills what they need.

/** Spans of the windows tried before the whole selection, in years from the edge where the list starts. */
const WINDOW_YEARS = [1, 4];

const startOfYear = (year: number) => new Date(Date.UTC(year, 0, 1));

/**
 * The filter cut to growing windows of whole years from `edge` (the first article of the selection in list order:
 * its newest when descending), ending with the filter itself. A window that would reach the filter's own far
 * bound is the filter: it is left out.
 */
export function yearWindows(filter: ResolvedFilter, edge: Date | null, descending: boolean): ResolvedFilter[] {
  if (!edge) return [filter];
  const year = edge.getUTCFullYear();
  const windows: ResolvedFilter[] = [];
  for (const span of WINDOW_YEARS) {
    if (descending) {
      const from = startOfYear(year - span + 1);
      if (filter.from && filter.from >= from) break;
      const end = startOfYear(year + 1);
      const toExclusive = filter.toExclusive && filter.toExclusive < end ? filter.toExclusive : end;
      windows.push({ ...filter, from, toExclusive });
    } else {
      const toExclusive = startOfYear(year + span);
      if (filter.toExclusive && filter.toExclusive <= toExclusive) break;
      const start = startOfYear(year);
      const from = filter.from && filter.from > start ? filter.from : start;
      windows.push({ ...filter, from, toExclusive });
    }
  }
  return [...windows, filter];
}

/** Runs `attempt` on each window in turn until one `filled` (or the last, the whole filter); its result and window. */
export async function firstFilledWindow<T>(
  windows: ResolvedFilter[],
  attempt: (window: ResolvedFilter) => PromiseLike<T>,
  filled: (result: T) => boolean,
): Promise<{ result: T; window: ResolvedFilter; whole: boolean }> {
  for (let i = 0; ; i++) {
    const result = await attempt(windows[i]);
    const whole = i === windows.length - 1;
    if (whole || filled(result)) return { result, window: windows[i], whole };
  }
}
