import { describe, expect, it } from "vitest";
import { can } from "@/lib/permissions";

describe("role permissions", () => {
  it("lets every role read and export", () => {
    for (const role of ["VIEWER", "ANALYST", "ADMIN"] as const) {
      expect(can(role, "articles:read")).toBe(true);
      expect(can(role, "articles:export")).toBe(true);
    }
  });

  it("keeps analyst writes from viewers", () => {
    for (const permission of [
      "articles:tag",
      "articles:annotate",
      "articles:review",
      "articles:theme",
      "ingest:create",
    ] as const) {
      expect(can("VIEWER", permission)).toBe(false);
      expect(can("ANALYST", permission)).toBe(true);
      expect(can("ADMIN", permission)).toBe(true);
    }
  });

  it("keeps team and source management to admins", () => {
    for (const permission of [
      "users:manage",
      "sources:manage",
      "themes:manage",
      "tokens:manage",
      "audit:read",
    ] as const) {
      expect(can("VIEWER", permission)).toBe(false);
      expect(can("ANALYST", permission)).toBe(false);
      expect(can("ADMIN", permission)).toBe(true);
    }
  });
});
