import { describe, expect, it } from "vitest";
import { runProgressPercent } from "./run-status";

describe("runProgressPercent", () => {
  it("is the share of expected items handled, held below 100 while the run goes on", () => {
    expect(runProgressPercent({ status: "RUNNING", created: 300, duplicates: 150, failed: 50, total: 2000 })).toBe(25);
    expect(runProgressPercent({ status: "RUNNING", created: 2000, duplicates: 0, failed: 0, total: 2000 })).toBe(99);
  });

  it("is unknown while running without a total, and 100 once the run is over", () => {
    expect(runProgressPercent({ status: "RUNNING", created: 10, duplicates: 0, failed: 0, total: null })).toBeNull();
    expect(runProgressPercent({ status: "PARTIAL", created: 10, duplicates: 0, failed: 2, total: null })).toBe(100);
    expect(runProgressPercent({ status: "FAILED", created: 0, duplicates: 0, failed: 0, total: 50 })).toBe(100);
  });
});
