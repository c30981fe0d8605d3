import { describe, expect, it } from "vitest";
import { nextRecheckAt, recheckIntervalMs } from "./schedule";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe("re-check schedule", () => {
  it("re-checks hourly on the first day, daily for the first month, monthly after", () => {
    expect(recheckIntervalMs(2 * HOUR, null)).toBe(HOUR);
    expect(recheckIntervalMs(3 * DAY, null)).toBe(DAY);
    expect(recheckIntervalMs(400 * DAY, null)).toBe(30 * DAY);
  });

  it("follows the source's own interval, and never re-checks when it is 0", () => {
    expect(recheckIntervalMs(2 * HOUR, 6)).toBe(6 * HOUR);
    expect(recheckIntervalMs(400 * DAY, 0)).toBeNull();
  });

  it("counts age from publication, or from the first sighting of an item dated in the future", () => {
    const now = new Date("2026-12-03T12:00:00Z");
    const old = { publishedAt: new Date("2013-12-09T00:00:00Z"), fetchedAt: new Date("2026-12-03T11:00:00Z") };
    expect(nextRecheckAt(old, now, null)!.getTime() - now.getTime()).toBe(30 * DAY);
    const fresh = { publishedAt: new Date("2026-12-03T09:00:00Z"), fetchedAt: new Date("2026-12-03T09:05:00Z") };
    expect(nextRecheckAt(fresh, now, null)!.getTime() - now.getTime()).toBe(HOUR);
    expect(nextRecheckAt(fresh, now, 0)).toBeNull();
  });
});
