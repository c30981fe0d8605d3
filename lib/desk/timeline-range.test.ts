import { describe, expect, it } from "vitest";
import { bucketEnd, chooseTimelineBucket, snapSpanToData, spanOfBuckets } from "@/lib/desk/timeline-range";

const day = (text: string) => new Date(`${text}T00:00:00Z`);
const now = day("2024-11-20");

describe("chooseTimelineBucket", () => {
  it("uses days up to about three months, weeks up to two years, months beyond", () => {
    expect(chooseTimelineBucket(day("2024-10-01"), day("2024-10-31"), now)).toBe("day");
    expect(chooseTimelineBucket(day("2024-08-21"), day("2024-11-20"), now)).toBe("day");
    expect(chooseTimelineBucket(day("2024-01-01"), day("2024-11-20"), now)).toBe("week");
    expect(chooseTimelineBucket(day("2019-01-01"), day("2024-11-20"), now)).toBe("month");
  });

  it("counts an open end up to now and uses months without a start", () => {
    expect(chooseTimelineBucket(day("2024-11-01"), undefined, now)).toBe("day");
    expect(chooseTimelineBucket(undefined, day("2024-11-01"), now)).toBe("month");
  });
});

describe("bucketEnd", () => {
  it("adds a day, a week or a calendar month", () => {
    expect(bucketEnd(day("2024-02-28"), "day")).toEqual(day("2024-02-29"));
    expect(bucketEnd(day("2024-10-28"), "week")).toEqual(day("2024-11-04"));
    expect(bucketEnd(day("2024-01-01"), "month")).toEqual(day("2024-02-01"));
  });
});

describe("spanOfBuckets", () => {
  it("covers whole buckets, in either order", () => {
    expect(spanOfBuckets(day("2024-10-07"), day("2024-10-07"), "day")).toEqual({
      from: day("2024-10-07"),
      to: day("2024-10-07"),
    });
    expect(spanOfBuckets(day("2024-10-14"), day("2024-09-30"), "week")).toEqual({
      from: day("2024-09-30"),
      to: day("2024-10-20"),
    });
    expect(spanOfBuckets(day("2024-02-01"), day("2024-02-01"), "month")).toEqual({
      from: day("2024-02-01"),
      to: day("2024-02-29"),
    });
  });

  it("stays inside the filter's dates", () => {
    const bounds = { from: day("2024-10-02"), to: day("2024-10-16") };
    expect(spanOfBuckets(day("2024-09-30"), day("2024-10-14"), "week", bounds)).toEqual({
      from: day("2024-10-02"),
      to: day("2024-10-16"),
    });
  });
});

describe("snapSpanToData", () => {
  const totals = [0, 3, 0, 0, 0, 5, 0];
  it("shrinks a span to the bars that hold articles", () => {
    expect(snapSpanToData(totals, 0, 6)).toEqual([1, 5]);
    expect(snapSpanToData(totals, 1, 1)).toEqual([1, 1]);
  });
  it("moves a click on an empty bar to the nearest bar with articles", () => {
    expect(snapSpanToData(totals, 3, 3)).toEqual([1, 1]);
    expect(snapSpanToData(totals, 4, 4)).toEqual([5, 5]);
    expect(snapSpanToData(totals, 6, 6)).toEqual([5, 5]);
    expect(snapSpanToData(totals, 2, 3)).toEqual([1, 1]);
  });
  it("gives nothing when no bar holds an article", () => {
    expect(snapSpanToData([0, 0, 0], 1, 1)).toBeNull();
  });
});
