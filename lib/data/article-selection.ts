import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { ConflictError, InvalidError } from "@/lib/errors";
import { matchingArticleIds } from "@/lib/search/matching-ids";
import { MAX_EXPLICIT_IDS } from "@/lib/validation/article-actions";
import type { ArticleFilter } from "@/lib/validation/article-filter";
import type { BulkSelection } from "@/lib/validation/bulk";

// Which articles a write applies to: ids the analyst ticked, or every article the list's filter matches
// ("select all N matching"), resolved on the server inside the write's transaction.

/** "Select all matching" stops here: a larger change is a job for a theme rule, not a click. */
export const MAX_FILTER_MATCHES = 50_000;

/** Explicit ids, or a bulk selection. */
export type ArticleTarget = number[] | BulkSelection;

export function describeTarget(target: ArticleTarget): { selection: "ids" | "filter" } {
  return { selection: Array.isArray(target) || target.kind === "ids" ? "ids" : "filter" };
}

export async function resolveArticleTarget(
  tx: Prisma.TransactionClient,
  target: ArticleTarget,
  now?: Date,
): Promise<number[]> {
  const selection: BulkSelection = Array.isArray(target) ? { kind: "ids", ids: target } : target;
  if (selection.kind === "ids") {
    const ids = [...new Set(selection.ids)];
    if (ids.length > MAX_EXPLICIT_IDS) {
      throw new InvalidError(
        `Select at most ${MAX_EXPLICIT_IDS.toLocaleString("en-US")} articles at once, or use "select all matching".`,
      );
    }
    return ids.sort((a, b) => a - b);
  }
  const { ids, capped } = await matchingArticleIds(tx, selection.filter, MAX_FILTER_MATCHES, { now });
  if (capped) throw tooMany();
  if (selection.expected !== undefined && ids.length !== selection.expected) {
    throw new ConflictError(
      `The filter now matches ${ids.length.toLocaleString("en-US")} articles, not the ${selection.expected.toLocaleString("en-US")} you selected (articles arrived or changed meanwhile). Nothing was changed: check the new count and apply again.`,
    );
  }
  return ids.sort((a, b) => a - b);
}

function tooMany(): InvalidError {
  return new InvalidError(
    `This filter matches more than ${MAX_FILTER_MATCHES.toLocaleString("en-US")} articles: narrow it (a date range, a source) and try again.`,
  );
}

/** The exact number of articles "select all matching" would take, counted with the bulk action's own SQL. */
export async function countMatchingArticles(filter: ArticleFilter): Promise<number> {
  const { ids, capped } = await matchingArticleIds(db, filter, MAX_FILTER_MATCHES);
  if (capped) throw tooMany();
  return ids.length;
}
