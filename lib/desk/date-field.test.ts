import { describe, expect, it } from "vitest";
import { readDateField } from "./date-field";

describe("readDateField", () => {
  it("reads a real day", () => {
    expect(readDateField("2024-03-04")).toEqual({ kind: "day", day: new Date("2024-03-04T00:00:00Z") });
  });
  it("says why a five-digit year or an impossible day is refused", () => {
    expect(readDateField("12024-01-01")).toMatchObject({ kind: "invalid", message: /four digits/ });
    expect(readDateField("1024-01-01")).toMatchObject({ kind: "invalid", message: /1900/ });
    expect(readDateField("2023-02-29")).toMatchObject({ kind: "invalid", message: /does not exist/ });
  });
  it("tells an emptied field from a half-typed one", () => {
    expect(readDateField("")).toEqual({ kind: "empty" });
    expect(readDateField("", true)).toMatchObject({ kind: "invalid" });
  });
});
