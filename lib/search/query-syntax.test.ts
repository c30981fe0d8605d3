import { describe, expect, it } from "vitest";
import {
  formatSearchQuery,
  isStopWordsOnly,
  MAX_SEARCH_TERMS,
  parseSearchQuery,
  searchTsquerySql,
  stopWordTerms,
} from "./query-syntax";

const format = (input: string) => formatSearchQuery(parseSearchQuery(input));

describe("parseSearchQuery", () => {
  it("reads words, phrases, OR, exclusions and prefixes", () => {
    expect(parseSearchQuery('"Kim Jong Un" missil* -nuclear test OR launch')).toEqual({
      clauses: [
        [{ kind: "phrase", text: "Kim Jong Un", negated: false }],
        [{ kind: "prefix", text: "missil", negated: false }],
        [{ kind: "word", text: "nuclear", negated: true }],
        [
          { kind: "word", text: "test", negated: false },
          { kind: "word", text: "launch", negated: false },
        ],
      ],
    });
  });

  it("runs an unclosed quote to the end", () => {
    expect(format('visit "ballistic missile')).toBe('visit "ballistic missile"');
  });

  it("ignores a lone minus and OR at either end or doubled", () => {
    expect(format("- missile -")).toBe("missile");
    expect(format("OR missile OR")).toBe("missile");
    expect(format("a OR OR b")).toBe("a OR b");
    expect(format("or")).toBe("");
  });

  it("reads lower-case or as OR, as websearch_to_tsquery does", () => {
    expect(format("north or south")).toBe("north OR south");
  });

  it("excludes phrases", () => {
    expect(parseSearchQuery('-"joint exercise"').clauses).toEqual([
      [{ kind: "phrase", text: "joint exercise", negated: true }],
    ]);
  });

  it("drops punctuation-only words and empty quotes, keeps punctuation inside words", () => {
    expect(format('& ! ... "" " " U.S. anti-imperialist')).toBe("U.S. anti-imperialist");
  });

  it("cleans prefixes down to letters and digits", () => {
    expect(format("u.s.* * -** hwasong-1*")).toBe("us* hwasong1*");
  });

  it("keeps Korean terms", () => {
    expect(parseSearchQuery("평양 조선*").clauses).toEqual([
      [{ kind: "word", text: "평양", negated: false }],
      [{ kind: "prefix", text: "조선", negated: false }],
    ]);
  });

  it("normalises full-width characters", () => {
    expect(format("ＫＣＮＡ")).toBe("KCNA");
  });

  it("caps very long input", () => {
    const query = parseSearchQuery(Array.from({ length: 400 }, (_, i) => `w${i}`).join(" "));
    expect(query.clauses.flat()).toHaveLength(MAX_SEARCH_TERMS);
    expect(parseSearchQuery(`"${"x".repeat(10_000)}"`).clauses[0][0].text).toHaveLength(499);
  });
});

describe("searchTsquerySql", () => {
  it("is null for an empty search", () => {
    expect(searchTsquerySql(parseSearchQuery(' - "" OR * '))).toBeNull();
  });

  it("binds every piece of user text as a parameter", () => {
    const sql = searchTsquerySql(parseSearchQuery(`"it's" O'Brien* ); DROP TABLE x; -- a OR b`));
    expect(sql).not.toBeNull();
    expect(sql!.sql).not.toMatch(/DROP|Brien|it's/);
    expect(sql!.values).toEqual(["it's", "obrien:*", "DROP", "TABLE", "x;", "a", "b"]);
    const fold = "phraseto_tsquery('english', search_fold(?))";
    expect(sql!.sql).toBe(
      `(${fold} && to_tsquery('english', ?) && ${fold} && ${fold} && ${fold} && (${fold} || ${fold}))`,
    );
  });

  it("negates with !!", () => {
    expect(searchTsquerySql(parseSearchQuery("-nuclear"))!.sql).toBe(
      "(!! phraseto_tsquery('english', search_fold(?)))",
    );
  });

  it("also searches a romanised name joined and split", () => {
    expect(searchTsquerySql(parseSearchQuery("Jong-un"))!.values).toEqual(["Jong-un", "jongun"]);
    expect(searchTsquerySql(parseSearchQuery('"Kim Jong Un"'))!.values).toEqual(["Kim Jong Un", "kim jongun"]);
    expect(searchTsquerySql(parseSearchQuery("Ryonghae"))!.values).toEqual(["Ryonghae", "ryong hae"]);
    expect(searchTsquerySql(parseSearchQuery("missile"))!.values).toEqual(["missile"]);
    expect(searchTsquerySql(parseSearchQuery('"nuclear test"'))!.values).toEqual(["nuclear test"]);
  });

  it("reads a prefix that folds into several words as their phrase", () => {
    const sql = searchTsquerySql(parseSearchQuery("김정은*"))!;
    expect(sql.sql).toBe("tsquery_phrase(phraseto_tsquery('english', ?), to_tsquery('english', ?))");
    expect(sql.values).toEqual(["김정", "정은:*"]);
  });
});

describe("stop words", () => {
  it("finds the terms made of stop words only", () => {
    const query = parseSearchQuery('the "of the" missile -and');
    expect(stopWordTerms(query)).toEqual(["the", "of the", "and"]);
    expect(isStopWordsOnly(query)).toBe(false);
    expect(isStopWordsOnly(parseSearchQuery('the "of it" -missile'))).toBe(true);
    expect(isStopWordsOnly(parseSearchQuery("-missile"))).toBe(false);
  });
});
