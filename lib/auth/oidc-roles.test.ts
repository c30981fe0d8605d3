import { describe, expect, it } from "vitest";
import { roleFromClaims } from "@/lib/auth/oidc-roles";

const mapping = { claim: "groups", adminGroups: ["pw-admins"], analystGroups: ["pw-analysts", "desk"] };

describe("role from the identity provider's claims", () => {
  it("maps groups to the highest matching role", () => {
    expect(roleFromClaims({ groups: ["staff", "pw-admins", "desk"] }, mapping)).toBe("ADMIN");
    expect(roleFromClaims({ groups: ["desk"] }, mapping)).toBe("ANALYST");
    expect(roleFromClaims({ groups: ["staff"] }, mapping)).toBe("VIEWER");
  });

  it("makes anyone without the claim a viewer", () => {
    expect(roleFromClaims({}, mapping)).toBe("VIEWER");
    expect(roleFromClaims({ groups: 42 }, mapping)).toBe("VIEWER");
  });

  it("reads a single value or a space- or comma-separated string, from the configured claim", () => {
    expect(roleFromClaims({ role: "pw-analysts" }, { ...mapping, claim: "role" })).toBe("ANALYST");
    expect(roleFromClaims({ roles: "staff pw-admins" }, { ...mapping, claim: "roles" })).toBe("ADMIN");
    expect(roleFromClaims({ groups: ["pw-admins"] }, { ...mapping, claim: "roles" })).toBe("VIEWER");
  });

  it("does not match groups by a part of their name", () => {
    expect(roleFromClaims({ groups: ["pw-admins-former"] }, mapping)).toBe("VIEWER");
  });
});
