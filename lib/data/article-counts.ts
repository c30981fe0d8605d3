import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

// The precomputed article counts' upkeep (migration 20261203008000_article_counts): triggers append signed changes,
// and this folds them into the counts. Readers are exact either way; folding keeps what they read small. One
// folder at a time: the database function takes an advisory lock and another caller folds nothing.

/** Changes folded per statement: a re-run of a theme over a million articles leaves a few hundred thousand. */
const SETTLE_BATCH = 50_000;

/** Folds every pending change into article_counts; returns how many it folded (0 when another folder holds the lock). */
export async function settleArticleCounts(client: Pick<typeof db, "$queryRaw"> = db): Promise<number> {
  let total = 0;
  for (;;) {
    const [{ folded }] = await client.$queryRaw<{ folded: number }[]>(
      Prisma.sql`SELECT article_counts_settle(${SETTLE_BATCH}::int) AS folded`,
    );
    total += folded;
    if (folded < SETTLE_BATCH) return total;
  }
}
