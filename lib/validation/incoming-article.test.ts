import { describe, expect, it } from "vitest";
import { formatIncomingArticleError, incomingArticleSchema, parsePublishedDate } from "./incoming-article";

const valid = {
  title: "Press Review",
  published: "2024-08-04",
  source: "KCNA",
  body: "Pyongyang, August 4 (KCNA) -- Text.",
};

function errorOf(input: unknown): string {
  const result = incomingArticleSchema.safeParse(input);
  if (result.success) throw new Error("expected a validation error");
  return formatIncomingArticleError(result.error);
}

describe("parsePublishedDate", () => {
  it.each([
    ["2024-08-04", "2024-08-04T00:00:00.000Z"],
    ["2024-02-29", "2024-02-29T00:00:00.000Z"],
    ["2024-08-04T09:30:00+09:00", "2024-08-04T00:30:00.000Z"],
    ["2024-08-04T09:30:00.250Z", "2024-08-04T09:30:00.250Z"],
    ["2024-08-04T09:30-05:00", "2024-08-04T14:30:00.000Z"],
    ["2024-08-04 09:30:00+0900", "2024-08-04T00:30:00.000Z"],
  ])("reads %s as %s", (input, iso) => {
    expect(parsePublishedDate(input)?.toISOString()).toBe(iso);
  });

  it.each([
    "yesterday",
    "2023-02-29",
    "2024-13-01",
    "2024-04-31",
    "04/08/2024",
    "2024-08-04T09:30:00",
    "2024-08-04T25:00:00Z",
    "2024-08-04T09:30:00+15:00",
    "0099-01-01",
    "1066-10-14",
  ])("rejects %s", (input) => {
    expect(parsePublishedDate(input)).toBeNull();
  });
});

describe("incomingArticleSchema", () => {
  it("trims text, converts the date and defaults the language and teaser", () => {
    const parsed = incomingArticleSchema.parse({ ...valid, title: "  Press Review \n", url: "", language: "" });
    expect(parsed).toEqual({
      title: "Press Review",
      published: new Date("2024-08-04T00:00:00Z"),
      source: "KCNA",
      url: undefined,
      body: valid.body,
      language: "en",
      teaser: false,
    });
  });

  it("accepts http and https URLs only", () => {
    expect(incomingArticleSchema.parse({ ...valid, url: "https://www.kcna.kp/en/article/q/1.kcmsf" }).url).toBe(
      "https://www.kcna.kp/en/article/q/1.kcmsf",
    );
    expect(errorOf({ ...valid, url: "javascript:alert(1)" })).toBe(
      'url: expected an http(s) address, got "javascript:alert(1)"',
    );
    expect(errorOf({ ...valid, url: `https://example.org/${"a".repeat(2048)}` })).toBe(
      "url: longer than 2,048 characters",
    );
  });

  it("explains each problem in one readable line", () => {
    expect(errorOf({ ...valid, published: "yesterday" })).toBe(
      'published: expected a date like 2024-08-04, got "yesterday"',
    );
    expect(errorOf({ ...valid, title: "   ", source: 7 })).toBe(
      "title: must not be empty; source: expected text, got 7",
    );
    expect(errorOf({ body: "x" })).toBe(
      "title: expected text, got nothing; published: expected a date like 2024-08-04, got nothing; source: expected text, got nothing",
    );
    expect(errorOf([1])).toBe("expected an object with title, published, source and body, got [1]");
  });

  it("enforces the length limits", () => {
    expect(errorOf({ ...valid, title: "t".repeat(1001) })).toBe("title: longer than 1,000 characters");
    expect(errorOf({ ...valid, source: "s".repeat(201) })).toBe("source: longer than 200 characters");
    expect(errorOf({ ...valid, body: "b".repeat(1_000_001) })).toBe("body: longer than 1,000,000 characters");
    expect(incomingArticleSchema.parse({ ...valid, body: "b".repeat(1_000_000) }).body).toHaveLength(1_000_000);
  });

  it("normalizes language codes and rejects words", () => {
    expect(incomingArticleSchema.parse({ ...valid, language: "KO" }).language).toBe("ko");
    expect(incomingArticleSchema.parse({ ...valid, language: "zh-Hans" }).language).toBe("zh-hans");
    expect(errorOf({ ...valid, language: "Korean language" })).toBe(
      'language: expected a code like "en", got "Korean language"',
    );
  });
});

describe("incomingArticleSchema's optional fields", () => {
  it("reads teaser as a boolean, from JSON or from a CSV cell, and defaults to false", () => {
    const teaser = (value: unknown) => incomingArticleSchema.parse({ ...valid, teaser: value }).teaser;
    expect(incomingArticleSchema.parse(valid).teaser).toBe(false);
    expect(teaser(true)).toBe(true);
    expect(teaser(false)).toBe(false);
    expect(teaser("TRUE")).toBe(true);
    expect(teaser("1")).toBe(true);
    expect(teaser("no")).toBe(false);
    expect(teaser("")).toBe(false);
    expect(teaser(null)).toBe(false);
    expect(errorOf({ ...valid, teaser: "perhaps" })).toBe('teaser: expected true or false, got "perhaps"');
  });

  it("takes a JSON null as not given for url and language", () => {
    expect(incomingArticleSchema.parse({ ...valid, url: null, language: null })).toMatchObject({
      url: undefined,
      language: "en",
    });
  });
});
