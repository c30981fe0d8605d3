// The timeline's bucket size and what a click or a drag on its bars means for the date filter.

export type TimelineBucketSize = "day" | "week" | "month";

const DAY_MS = 86_400_000;
/** Up to about three months a bar per day is readable; up to two years a bar per week. */
const MAX_DAYS_BY_DAY = 92;
const MAX_DAYS_BY_WEEK = 731;

/** Day, week or month bars for a filter's dates; without a start date the span is unknown: months. */
export function chooseTimelineBucket(from: Date | undefined, to: Date | undefined, now: Date): TimelineBucketSize {
  if (!from) return "month";
  const days = Math.floor(((to ?? now).getTime() - from.getTime()) / DAY_MS) + 1;
  if (days <= MAX_DAYS_BY_DAY) return "day";
  return days <= MAX_DAYS_BY_WEEK ? "week" : "month";
}

/** The first instant after the bucket that starts at `start` (buckets start at 00:00 UTC). */
export function bucketEnd(start: Date, bucket: TimelineBucketSize): Date {
  const end = new Date(start);
  if (bucket === "day") end.setUTCDate(end.getUTCDate() + 1);
  else if (bucket === "week") end.setUTCDate(end.getUTCDate() + 7);
  else end.setUTCMonth(end.getUTCMonth() + 1);
  return end;
}

/**
 * The inclusive day range covering the buckets from `first` to `last` (either order), kept inside the
 * filter's own dates: a week bar that starts before the filter's first day narrows to that day, not before.
 */
export function spanOfBuckets(
  first: Date,
  last: Date,
  bucket: TimelineBucketSize,
  bounds: { from?: Date; to?: Date } = {},
): { from: Date; to: Date } {
  const [low, high] = first.getTime() <= last.getTime() ? [first, last] : [last, first];
  let from = new Date(low);
  let to = new Date(bucketEnd(high, bucket).getTime() - DAY_MS);
  if (bounds.from && from < bounds.from) from = new Date(bounds.from);
  if (bounds.to && to > bounds.to) to = new Date(bounds.to);
  if (to < from) to = new Date(from);
  return { from, to };
}

/**
 * The span of bars [start, end] narrowed to the bars that hold articles; when none in it does, the nearest
 * bar that does (the earlier one on a tie). Null when the chart holds no article at all.
 */
export function snapSpanToData(totals: number[], start: number, end: number): [number, number] | null {
  let first = -1;
  let last = -1;
  for (let index = start; index <= end; index++) {
    if (totals[index] > 0) {
      if (first < 0) first = index;
      last = index;
    }
  }
  if (first >= 0) return [first, last];
  for (let distance = 1; distance < totals.length; distance++) {
    if (totals[start - distance] > 0) return [start - distance, start - distance];
    if (totals[end + distance] > 0) return [end + distance, end + distance];
  }
  return null;
}
