import { describe, expect, it } from "vitest";
import { fromChartColumns, toChartColumns, type TimelineBucket } from "@/lib/desk/timeline-columns";

const buckets: TimelineBucket[] = [
  { start: new Date("1997-03-01T00:00:00Z"), counts: [2, 3, 0], total: 5 },
  { start: new Date("1997-04-01T00:00:00Z"), counts: [0, 0, 0], total: 0 },
  { start: new Date("1997-05-01T00:00:00Z"), counts: [1, 0, 8], total: 9 },
];

describe("timeline columns", () => {
  it("give back the buckets, dates included", () => {
    expect(fromChartColumns(toChartColumns(buckets))).toEqual(buckets);
  });

  it("are columns of plain numbers, a third of the objects' size or less", () => {
    const columns = toChartColumns(buckets);
    expect(columns.starts).toEqual([857174400000, 859852800000, 862444800000]);
    expect(columns.totals).toEqual([5, 0, 9]);
    const many = Array.from({ length: 360 }, (_, i) => ({
      start: new Date(Date.UTC(1997, i, 1)),
      counts: [1, 2, 3, 4, 5, 6, 7],
      total: 28,
    }));
    // As the page payload writes them: dates as "$D<ISO>" strings.
    const asObjects = JSON.stringify(many.map((b) => ({ ...b, start: `$D${b.start.toISOString()}` })));
    expect(JSON.stringify(toChartColumns(many)).length).toBeLessThan(asObjects.length * 0.6);
  });

  it("handle no buckets", () => {
    expect(fromChartColumns(toChartColumns([]))).toEqual([]);
  });
});
