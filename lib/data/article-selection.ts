import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { InvalidError } from "@/lib/errors";
import { matchingArticleIds } from "@/lib/search/matching-ids";
import { MAX_EXPLICIT_IDS } from "@/lib/validation/article-actions";
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
  if (capped) {
    throw new InvalidError(
      `This filter matches more than ${MAX_FILTER_MATCHES.toLocaleString("en-US")} articles: narrow it (a date range, a source) and try again.`,
    );
  }
  return ids.sort((a, b) => a - b);
}
