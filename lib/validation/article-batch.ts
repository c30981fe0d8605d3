import { InvalidError } from "@/lib/errors";
import {
  formatIncomingArticleError,
  incomingArticleSchema,
  type IncomingArticle,
} from "@/lib/validation/incoming-article";

// The body of POST /api/v1/articles: {"articles": [...]}, each item shaped like a line of a JSONL import.
// A broken envelope fails the whole request; a broken item fails alone, so the good ones still land.

export const MAX_ARTICLES_PER_REQUEST = 1000;
/** 1,000 long articles fit well within it; the body is read as a stream and refused past it. */
export const MAX_BATCH_BYTES = 20 * 1024 * 1024;

export type BatchEntry = { index: number; article: IncomingArticle } | { index: number; error: string; raw: unknown };

export function parseArticleBatch(body: unknown): BatchEntry[] {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new InvalidError('The body must be a JSON object like {"articles": [...]}.');
  }
  const articles = (body as { articles?: unknown }).articles;
  if (!Array.isArray(articles)) {
    throw new InvalidError(
      `"articles" must be an array of articles, got ${articles === undefined ? "nothing" : describeType(articles)}.`,
    );
  }
  if (articles.length === 0) throw new InvalidError('"articles" is empty: send at least one article.');
  if (articles.length > MAX_ARTICLES_PER_REQUEST) {
    throw new InvalidError(
      `Send at most ${MAX_ARTICLES_PER_REQUEST.toLocaleString("en")} articles per request; this one has ${articles.length.toLocaleString("en")}.`,
    );
  }
  return articles.map((raw, index): BatchEntry => {
    const parsed = incomingArticleSchema.safeParse(raw);
    return parsed.success
      ? { index, article: parsed.data }
      : { index, error: formatIncomingArticleError(parsed.error), raw };
  });
}

function describeType(value: unknown): string {
  if (value === null) return "null";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
