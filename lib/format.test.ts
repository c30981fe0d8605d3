import { describe, expect, it } from "vitest";
import { formatPublished, isDateOnly } from "@/lib/format";

describe("publication times", () => {
  it("shows a day-only date as that day in every time zone", () => {
    const day = new Date("2021-06-10T00:00:00.000Z");
    expect(isDateOnly(day)).toBe(true);
    expect(formatPublished(day, "America/New_York").label).toBe("10 Jun 2021");
    expect(formatPublished(day, "Asia/Seoul").label).toBe("10 Jun 2021");
  });

  it("shows a timed item in the analyst's zone with UTC in the title", () => {
    const moment = new Date("2021-06-10T01:30:00.000Z");
    const shown = formatPublished(moment, "America/New_York");
    expect(shown.label).toContain("9 Jun 2021");
    expect(shown.label).toContain("21:30");
    expect(shown.title).toBe("2021-06-10 01:30:00 UTC");
    expect(formatPublished(moment, "Asia/Seoul").label).toContain("10:30");
  });
});
