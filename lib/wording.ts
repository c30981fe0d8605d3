import type { ReviewStatus } from "@/lib/generated/prisma/enums";

// The sentences the desk says after a write ("Tagged 3 articles with “x”"), built in one place for the data
// layer (summaries kept in the audit log and shown after a bulk action) and the actions alike.

export function articlesWord(n: number): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? "article" : "articles"}`;
}

export const STATUS_WORD: Record<ReviewStatus, string> = { NEW: "new", REVIEWED: "reviewed", FLAGGED: "flagged" };

/** " (986 already had it)" when some of the selection was already as asked; else nothing. */
export function alreadyClause(already: number, what: string): string {
  return already ? ` (${already.toLocaleString("en-US")} already ${what})` : "";
}
