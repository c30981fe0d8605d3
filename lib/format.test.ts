import { describe, expect, it } from "vitest";
import { formatBytes, formatDayLabel, formatPublished, isDateOnly } from "@/lib/format";
import { formatIsoDay } from "@/lib/validation/article-filter";

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

describe("days and sizes", () => {
  it("writes a day for people and for URLs, both in UTC", () => {
    const lateEvening = new Date("2026-11-27T23:30:00.000Z");
    expect(formatDayLabel(lateEvening)).toBe("27 Nov 2026");
    expect(formatIsoDay(lateEvening)).toBe("2026-11-27");
  });

  it("gives bytes, kilobytes rounded up, and megabytes to one decimal where it says something", () => {
    expect(formatBytes(0)).toBe("0 bytes");
    expect(formatBytes(1023)).toBe("1,023 bytes");
    expect(formatBytes(1025)).toBe("2 KB");
    expect(formatBytes(1024 * 1024 - 1)).toBe("1,024 KB");
    expect(formatBytes(1.5 * 1024 * 1024)).toBe("1.5 MB");
    expect(formatBytes(20 * 1024 * 1024)).toBe("20 MB");
    expect(formatBytes(2048 * 1024 * 1024)).toBe("2,048 MB");
  });
});
