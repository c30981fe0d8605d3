import type { Role } from "@/lib/generated/prisma/enums";

// Which Presswatch role a person signing in through the team's identity provider gets: from one claim of their
// profile (OIDC_ROLE_CLAIM, "groups" by default; a list or a single value), matched against the groups named for
// admins and analysts. Anyone else is a viewer. The highest matching role wins.

export type RoleMapping = { claim: string; adminGroups: readonly string[]; analystGroups: readonly string[] };

function claimValues(profile: Record<string, unknown>, claim: string): string[] {
  const value = profile[claim];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === "string");
  if (typeof value === "string") return value.split(/[\s,]+/).filter(Boolean);
  return [];
}

export function roleFromClaims(profile: Record<string, unknown>, mapping: RoleMapping): Role {
  const groups = new Set(claimValues(profile, mapping.claim));
  if (mapping.adminGroups.some((group) => groups.has(group))) return "ADMIN";
  if (mapping.analystGroups.some((group) => groups.has(group))) return "ANALYST";
  return "VIEWER";
}
