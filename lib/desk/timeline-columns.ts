// The timeline's buckets as columns, as the server sends them to the chart: a start (epoch ms), the counts per
// series and the total of each bucket. Thirty years by month as objects, each with its own date and keys, was
// 25 KB of the page's payload; as columns it is under half of that.

export type TimelineBucket = { start: Date; counts: number[]; total: number };
export type ChartColumns = { starts: number[]; counts: number[][]; totals: number[] };

export function toChartColumns(buckets: TimelineBucket[]): ChartColumns {
  return {
    starts: buckets.map((entry) => entry.start.getTime()),
    counts: buckets.map((entry) => entry.counts),
    totals: buckets.map((entry) => entry.total),
  };
}

export function fromChartColumns(columns: ChartColumns): TimelineBucket[] {
  return columns.starts.map((start, index) => ({
    start: new Date(start),
    counts: columns.counts[index],
    total: columns.totals[index],
  }));
}
