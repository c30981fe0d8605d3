import { formatDay } from "@/lib/format";

// Why an article has a theme, in words an analyst reads on the article: the rule and the words it found,
// or the person who set or removed it by hand.

export type ThemeReasonInput = {
  origin: "RULE" | "MANUAL";
  excluded: boolean;
  rule: { id: number; query: string } | null;
  matchedTerms: string[];
  assignedBy: { name: string } | null;
  assignedAt: Date;
};

export type ThemeReasonKind = "rule" | "manual" | "removed";

function ruleText(rule: { query: string } | null, matchedTerms: string[]): string {
  const query = rule ? `Rule: ${rule.query}` : "A rule since deleted";
  return matchedTerms.length ? `${query} matched ${matchedTerms.join(", ")}` : query;
}

export function describeThemeReason(row: ThemeReasonInput): { kind: ThemeReasonKind; text: string } {
  const who = row.assignedBy?.name ?? "a deleted account";
  const when = formatDay(row.assignedAt);
  if (row.excluded) return { kind: "removed", text: `Removed by ${who} on ${when}` };
  if (row.origin === "RULE") return { kind: "rule", text: ruleText(row.rule, row.matchedTerms) };
  // A rule's row confirmed by hand keeps the words the rule had found: both reasons are worth seeing.
  const confirmed = row.rule ? ` (${ruleText(row.rule, row.matchedTerms).replace(/^Rule:/, "rule")})` : "";
  return { kind: "manual", text: `Set by ${who} on ${when}${confirmed}` };
}
