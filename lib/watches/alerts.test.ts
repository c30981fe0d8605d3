import { describe, expect, it } from "vitest";
import { alertText, detectSilence, detectSpike } from "@/lib/watches/alerts";
import { digestPeriodStart, zonedTime } from "@/lib/watches/schedule";

// Spike and silence on generated volume with answers worked out by hand, and the digest clock in time zones.

describe("detectSpike", () => {
  // 28 days alternating 4 and 6: mean 5, standard deviation exactly 1.
  const baseline = Array.from({ length: 28 }, (_, i) => (i % 2 ? 6 : 4));

  it("fires above mean + k·sd and not at or below it", () => {
    expect(detectSpike(9, baseline, { k: 3, minCount: 5 })).toEqual({
      spike: true,
      count: 9,
      mean: 5,
      sd: 1,
      threshold: 8,
    });
    expect(detectSpike(8, baseline, { k: 3, minCount: 5 }).spike).toBe(false);
    expect(detectSpike(7, baseline, { k: 1.5, minCount: 5 }).spike).toBe(true);
  });

  it("needs the minimum count: a quiet view going from 0 to 2 is no spike", () => {
    const quiet = Array.from({ length: 28 }, () => 0);
    expect(detectSpike(2, quiet, { k: 3, minCount: 5 })).toMatchObject({ spike: false, threshold: 0 });
    expect(detectSpike(5, quiet, { k: 3, minCount: 5 }).spike).toBe(true);
  });

  it("finds the one spike in a generated month", () => {
    // A steady 10 a day with noise of ±2, and one day of 30.
    const days = Array.from({ length: 60 }, (_, i) => (i === 45 ? 30 : 10 + ((i * 7) % 5) - 2));
    const spikes = days.flatMap((count, i) =>
      i >= 28 && detectSpike(count, days.slice(i - 28, i), { k: 3, minCount: 5 }).spike ? [i] : [],
    );
    expect(spikes).toEqual([45]);
  });
});

describe("detectSilence", () => {
  const now = new Date("2026-12-03T12:00:00Z");
  it("counts whole days since the last match", () => {
    expect(detectSilence(new Date("2026-11-12T11:00:00Z"), now, 21)).toEqual({ silent: true, days: 21 });
    expect(detectSilence(new Date("2026-11-12T13:00:00Z"), now, 21)).toEqual({ silent: false, days: 20 });
  });
  it("writes the numbers and the last match's link into the alert", () => {
    const text = alertText(
      "SILENCE",
      { days: 21, lastArticleId: 42, lastTitle: "Kim visits a farm", lastMatchAt: "2026-11-12T11:00:00.000Z" },
      "https://pw.example",
    );
    expect(text?.subject).toBe("Silence: no match for 21 days");
    expect(text?.text).toContain("“Kim visits a farm” on 2026-11-12: https://pw.example/articles/42");
    const spike = alertText("SPIKE", { day: "2026-12-02", count: 9, mean: 5, sd: 1, threshold: 8 }, "");
    expect(spike?.text).toBe(
      "9 matching articles on 2026-12-02, against 5 a day on average over the 28 days before (standard deviation 1; the alert threshold was 8).",
    );
  });
});

describe("digestPeriodStart", () => {
  const daily = { emailFrequency: "DAILY" as const, digestHour: 8, digestWeekday: 1 };
  it("gives the last local digest hour, across time zones", () => {
    // 08:00 in Seoul is 23:00 UTC the day before.
    expect(digestPeriodStart(daily, "Asia/Seoul", new Date("2026-12-03T00:30:00Z"))?.toISOString()).toBe(
      "2026-12-02T23:00:00.000Z",
    );
    expect(digestPeriodStart(daily, "Asia/Seoul", new Date("2026-12-02T22:59:00Z"))?.toISOString()).toBe(
      "2026-12-01T23:00:00.000Z",
    );
    expect(digestPeriodStart(daily, null, new Date("2026-12-03T08:00:00Z"))?.toISOString()).toBe(
      "2026-12-03T08:00:00.000Z",
    );
  });
  it("keeps the local hour across a daylight-saving change", () => {
    expect(zonedTime(2026, 3, 30, 8, "Europe/Berlin").toISOString()).toBe("2026-03-30T06:00:00.000Z");
    expect(zonedTime(2026, 3, 27, 8, "Europe/Berlin").toISOString()).toBe("2026-03-27T07:00:00.000Z");
  });
  it("finds the last weekly day and the hour for hourly digests", () => {
    // 2026-12-03 is a Thursday; the last Monday 08:00 UTC was 2026-11-30.
    expect(
      digestPeriodStart({ ...daily, emailFrequency: "WEEKLY" }, "UTC", new Date("2026-12-03T12:00:00Z"))?.toISOString(),
    ).toBe("2026-11-30T08:00:00.000Z");
    expect(
      digestPeriodStart({ ...daily, emailFrequency: "HOURLY" }, "UTC", new Date("2026-12-03T12:34:00Z"))?.toISOString(),
    ).toBe("2026-12-03T12:00:00.000Z");
    expect(digestPeriodStart({ ...daily, emailFrequency: "IMMEDIATE" }, "UTC", new Date())).toBeNull();
  });
});
