import { describe, expect, it } from "vitest";
import { MAX_BACKOFF_MS, nextPollDelayMs } from "./schedule";

const MINUTE = 60_000;

describe("nextPollDelayMs", () => {
  it("waits the source's interval after a good poll", () => {
    expect(nextPollDelayMs(30, 0)).toBe(30 * MINUTE);
  });

  it("doubles the interval per consecutive failure", () => {
    expect(nextPollDelayMs(30, 1)).toBe(60 * MINUTE);
    expect(nextPollDelayMs(30, 2)).toBe(120 * MINUTE);
    expect(nextPollDelayMs(30, 3)).toBe(240 * MINUTE);
  });

  it("never waits more than a day, however long the failures go on", () => {
    expect(nextPollDelayMs(30, 6)).toBe(MAX_BACKOFF_MS);
    expect(nextPollDelayMs(30, 5000)).toBe(MAX_BACKOFF_MS);
    expect(nextPollDelayMs(2000, 0)).toBe(MAX_BACKOFF_MS);
  });

  it("treats an interval under the 5-minute floor as 5 minutes", () => {
    expect(nextPollDelayMs(1, 0)).toBe(5 * MINUTE);
  });
});
