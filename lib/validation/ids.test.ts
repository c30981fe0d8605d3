import { describe, expect, it } from "vitest";
import { MAX_ID } from "@/lib/constants";
import { parseIdText } from "@/lib/validation/ids";

describe("parseIdText", () => {
  it("reads a plain positive integer up to PostgreSQL's int4 limit", () => {
    expect(parseIdText("1")).toBe(1);
    expect(parseIdText("0042")).toBe(42);
    expect(parseIdText(String(MAX_ID))).toBe(2_147_483_647);
  });

  it("refuses zero, the int4 limit plus one, and anything that is not only digits", () => {
    for (const text of ["0", "2147483648", "9999999999", "12345678901", "", " 1", "1e3", "-1", "+1", "1.0", "0x10"]) {
      expect(parseIdText(text), text).toBeNull();
    }
  });
});
