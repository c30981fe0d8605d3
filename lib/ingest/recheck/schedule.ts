// When the worker re-reads a stored article's page at its source. Outlets edit mostly in the first hours (KCNA's
// revised English versions came about a day after first posting), rarely after a month, and a deletion
// campaign can reach years back: so hourly on the first day, daily for the first month, monthly after.
// A source can set its own interval in hours (sources.recheck_hours), or 0 to never re-check its pages.

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** How far one host's pages are spaced, so a re-check never hammers an outlet. */
export const RECHECK_HOST_INTERVAL_MS = 2_000;
/** Articles one re-check job claims; their lease lasts until the job must be done. */
export const RECHECK_BATCH = 10;
export const RECHECK_LEASE_MS = 10 * 60_000;

/** Milliseconds between two re-checks of an article this old (from its publication, or first sighting). */
export function recheckIntervalMs(ageMs: number, overrideHours: number | null): number | null {
  if (overrideHours !== null) return overrideHours > 0 ? overrideHours * HOUR_MS : null;
  if (ageMs < DAY_MS) return HOUR_MS;
  if (ageMs < 30 * DAY_MS) return DAY_MS;
  return 30 * DAY_MS;
}

/** The next re-check after one at `now`; null when the source asks for none. */
export function nextRecheckAt(
  article: { publishedAt: Date; fetchedAt: Date },
  now: Date,
  overrideHours: number | null,
): Date | null {
  // An undated item is dated when first seen already; one dated in the future is as old as its first sighting.
  const born = article.publishedAt <= now ? article.publishedAt.getTime() : article.fetchedAt.getTime();
  const interval = recheckIntervalMs(Math.max(0, now.getTime() - born), overrideHours);
  return interval === null ? null : new Date(now.getTime() + interval);
}
