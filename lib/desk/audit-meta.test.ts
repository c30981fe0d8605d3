import { describe, expect, it } from "vitest";
import { describeAuditMeta } from "./audit-meta";

describe("describeAuditMeta", () => {
  it("spells out keys and values, lists shortened", () => {
    expect(
      describeAuditMeta({
        status: "REVIEWED",
        count: 1234,
        articleIds: [1, 2, 3, 4, 5, 6, 7],
        shared: false,
        filter: { q: "missile", themes: [3] },
      }),
    ).toEqual([
      { label: "status", value: "REVIEWED" },
      { label: "count", value: "1,234" },
      { label: "article ids", value: "1, 2, 3, 4, 5 and 2 more" },
      { label: "shared", value: "no" },
      { label: "filter", value: "q missile; themes 3" },
    ]);
  });

  it("gives nothing for an empty record and shortens long text", () => {
    expect(describeAuditMeta({})).toEqual([]);
    expect(describeAuditMeta(null)).toEqual([]);
    const [{ value }] = describeAuditMeta({ note: "x".repeat(500) });
    expect(value.length).toBe(160);
    expect(value.endsWith("…")).toBe(true);
  });
});
