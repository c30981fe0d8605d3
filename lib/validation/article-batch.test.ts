import { describe, expect, it } from "vitest";
import { InvalidError } from "@/lib/errors";
import { MAX_ARTICLES_PER_REQUEST, parseArticleBatch } from "./article-batch";

const good = {
  title: "Press Review",
  published: "2024-08-04",
  source: "KCNA",
  body: "Pyongyang, August 4 (KCNA) -- Text.",
};

function messageOf(body: unknown): string {
  try {
    parseArticleBatch(body);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidError);
    return (error as Error).message;
  }
  throw new Error("expected the batch to be refused");
}

describe("parseArticleBatch", () => {
  it("refuses a body that is not {articles: [...]} with a message saying what is wrong", () => {
    expect(messageOf([good])).toBe('The body must be a JSON object like {"articles": [...]}.');
    expect(messageOf(null)).toBe('The body must be a JSON object like {"articles": [...]}.');
    expect(messageOf("articles")).toBe('The body must be a JSON object like {"articles": [...]}.');
    expect(messageOf({ article: [good] })).toBe('"articles" must be an array of articles, got nothing.');
    expect(messageOf({ articles: good })).toBe('"articles" must be an array of articles, got an object.');
    expect(messageOf({ articles: "x" })).toBe('"articles" must be an array of articles, got a string.');
    expect(messageOf({ articles: [] })).toBe('"articles" is empty: send at least one article.');
  });

  it("takes up to 1,000 articles and refuses one more", () => {
    expect(parseArticleBatch({ articles: Array(MAX_ARTICLES_PER_REQUEST).fill(good) })).toHaveLength(1000);
    expect(messageOf({ articles: Array(MAX_ARTICLES_PER_REQUEST + 1).fill(good) })).toBe(
      "Send at most 1,000 articles per request; this one has 1,001.",
    );
  });

  it("validates each item alone, keeping its index", () => {
    const entries = parseArticleBatch({
      articles: [good, { ...good, published: "yesterday" }, 7, { ...good, language: "KO" }],
    });
    expect(entries[0]).toMatchObject({
      index: 0,
      article: { title: "Press Review", published: new Date("2024-08-04T00:00:00Z") },
    });
    expect(entries[1]).toEqual({
      index: 1,
      error: 'published: expected a date like 2024-08-04, got "yesterday"',
      raw: { ...good, published: "yesterday" },
    });
    expect(entries[2]).toEqual({
      index: 2,
      error: "expected an object with title, published, source and body, got 7",
      raw: 7,
    });
    expect(entries[3]).toMatchObject({ index: 3, article: { language: "ko" } });
  });
});
