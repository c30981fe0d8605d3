import { parseSearchQuery, type SearchQuery, type SearchTerm } from "@/lib/search/query-syntax";

// The pure side of theme rules: which of a rule's words can be reported as "matched", and which rule wins
// when several of a theme's rules match one article.

/** A term as analysts wrote it: `ballistic missile` for a phrase, `missil*` for a prefix. */
export function labelTerm(term: SearchTerm): string {
  return term.kind === "prefix" ? `${term.text}*` : term.text;
}

/** The rule's terms that can match (exclusions never do), each once, in the order written. */
export function positiveRuleTerms(query: string): SearchTerm[] {
  const seen = new Set<string>();
  const terms: SearchTerm[] = [];
  for (const term of parseSearchQuery(query).clauses.flat()) {
    const key = `${term.kind}:${term.text.toLowerCase()}`;
    if (term.negated || seen.has(key)) continue;
    seen.add(key);
    terms.push(term);
  }
  return terms;
}

/**
 * The rule's clauses without an exclusion: whatever the rule matches in part of an article, the whole
 * article's search vector matches these, so the GIN index can narrow the rows before a scoped rule
 * tokenises their title and opening. Empty when every clause holds an exclusion.
 */
export function requiredClauses(query: string): SearchQuery {
  return { clauses: parseSearchQuery(query).clauses.filter((clause) => clause.every((term) => !term.negated)) };
}

export type RuleHit = { articleId: number; themeId: number; ruleId: number; weight: number; matchedTerms: string[] };

/** One hit per article and theme: the heaviest rule, and the oldest rule on a tie so the choice is stable. */
export function pickBestHits(hits: RuleHit[]): RuleHit[] {
  const best = new Map<string, RuleHit>();
  for (const hit of hits) {
    const key = `${hit.articleId}:${hit.themeId}`;
    const current = best.get(key);
    if (!current || hit.weight > current.weight || (hit.weight === current.weight && hit.ruleId < current.ruleId))
      best.set(key, hit);
  }
  return [...best.values()];
}
