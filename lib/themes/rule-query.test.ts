import { describe, expect, it } from "vitest";
import { formatSearchQuery } from "@/lib/search/query-syntax";
import { labelTerm, pickBestHits, positiveRuleTerms, requiredClauses } from "@/lib/themes/rule-query";

describe("positiveRuleTerms", () => {
  it("keeps the words, phrases and prefixes that can match, once each, and drops exclusions", () => {
    const terms = positiveRuleTerms('"Kim Jong Un" "field guidance" OR inspected OR missil* -"weather" inspected');
    expect(terms.map(labelTerm)).toEqual(["Kim Jong Un", "field guidance", "inspected", "missil*"]);
  });

  it("gives nothing for a rule of exclusions only", () => {
    expect(positiveRuleTerms("-weather -rain")).toEqual([]);
  });
});

describe("requiredClauses", () => {
  it("keeps the clauses any match needs and drops those holding an exclusion", () => {
    expect(formatSearchQuery(requiredClauses('"Kim Jong Un" inspected OR visited -weather flood OR -rain'))).toBe(
      '"Kim Jong Un" inspected OR visited',
    );
    expect(requiredClauses("-weather").clauses).toEqual([]);
  });
});

describe("pickBestHits", () => {
  const hit = (articleId: number, themeId: number, ruleId: number, weight: number) => ({
    articleId,
    themeId,
    ruleId,
    weight,
    matchedTerms: [`r${ruleId}`],
  });

  it("keeps the heaviest rule per article and theme, the oldest on a tie", () => {
    const best = pickBestHits([
      hit(1, 7, 10, 1),
      hit(1, 7, 11, 2),
      hit(1, 8, 12, 1),
      hit(2, 7, 14, 1),
      hit(2, 7, 13, 1),
    ]);
    expect(best.map((h) => [h.articleId, h.themeId, h.ruleId])).toEqual([
      [1, 7, 11],
      [1, 8, 12],
      [2, 7, 13],
    ]);
  });
});
