import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/data/actor";
import type { Permission } from "@/lib/permissions";

// The shape every kind of bulk action has (add_tag.ts, remove-tag.ts, theme.ts, status.ts): how it applies to
// a set of articles, what it keeps to undo itself, and how the undo puts back exactly what it changed.
//
// Undo respects colleagues: besides the articles an action changed, it records the ones it asked for that
// were already as asked (`asserted`). Undoing an earlier action of the same effect leaves alone every article
// a later, still standing action changed or asserted: when analyst B tags 986 articles that A's action had
// just tagged ("986 already had it"), A's undo does not take B's tag away. If B then undoes too, nobody asks
// for those tags any more, and B's undo finishes A's for them (index.ts), so two undos leave what was there
// before both actions.

/** What an action changed, for its undo; every kind's undo data carries these. */
export type UndoBase = {
  /** Same effect, same key: "tag+:4", "tag-:4", "theme+:2", "theme-:2", "status:REVIEWED". */
  effect: string;
  /** Articles asked for that were already as asked: a later undo of the same effect leaves them alone. */
  asserted: number[];
};

export type Applied<Undo> = { affected: number; summary: string; undo: Undo; meta: Prisma.InputJsonObject };

export type BulkKind<Action, Undo extends UndoBase> = {
  permission: Permission;
  /** Applies the action; it takes lockEffect(effect) before writing, once it knows its subject. */
  apply(tx: Prisma.TransactionClient, ids: number[], action: Action, actor: Actor): Promise<Applied<Undo>>;
  /** The articles the action changed, from its undo data. */
  changed(undo: Undo): number[];
  /**
   * Puts back what the action wrote for the articles in `only`, where the rows still hold what it wrote;
   * returns how many articles.
   */
  restore(tx: Prisma.TransactionClient, undo: Undo, bulkActorId: number | null, only: Set<number>): Promise<number>;
};

/**
 * Serialises the actions and undos of one effect (a transaction-scoped advisory lock): two analysts tagging
 * overlapping selections with one tag at the same moment queue, so the second sees the first's links as
 * "already there" and records them as asserted, and an undo never races an action it must spare.
 */
export async function lockEffect(tx: Prisma.TransactionClient, effect: string): Promise<void> {
  await tx.$queryRaw(Prisma.sql`SELECT pg_advisory_xact_lock(hashtextextended(${`bulk:${effect}`}, 0))::text`);
}

/** The ids of `rows`, once each. */
export function countArticles(rows: { articleId: number }[]): number {
  return new Set(rows.map((row) => row.articleId)).size;
}

export function notIn(ids: number[], changed: number[]): number[] {
  const done = new Set(changed);
  return ids.filter((id) => !done.has(id));
}
