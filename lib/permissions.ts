import type { Role } from "@/lib/generated/prisma/enums";

// What each role may do. The server checks these in every action, route handler and page;
// the UI reads the same map only to decide what to show.
const VIEWER = ["articles:read", "articles:export", "views:save", "views:watch"] as const;
const ANALYST = [
  ...VIEWER,
  "articles:review",
  "articles:tag",
  "articles:theme",
  "articles:annotate",
  "tags:create",
  "views:share",
  "ingest:create",
  "names:propose",
] as const;
const ADMIN = [
  ...ANALYST,
  "annotations:moderate",
  "users:manage",
  "sources:manage",
  "themes:manage",
  "tokens:manage",
  "audit:read",
  "names:manage",
  "mail:read",
] as const;

export type Permission = (typeof ADMIN)[number];

const GRANTS: Record<Role, ReadonlySet<Permission>> = {
  VIEWER: new Set(VIEWER),
  ANALYST: new Set(ANALYST),
  ADMIN: new Set(ADMIN),
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].has(permission);
}

export const ROLE_LABELS: Record<Role, string> = { ADMIN: "Admin", ANALYST: "Analyst", VIEWER: "Viewer" };
export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  VIEWER: "Reads, searches and exports.",
  ANALYST: "Also tags, annotates, reviews, ingests and proposes spellings of names.",
  ADMIN: "Also manages users, sources, themes, the names register and tokens.",
};
