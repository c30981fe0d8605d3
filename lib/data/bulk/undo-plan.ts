import type { UndoBase } from "./kind";

// Which articles an undo puts back, given every action of the same effect (pure; undo-plan.test.ts).
//
// Each article an action asked for is claimed by it: changed, or asserted (already as asked). An article
// stays as the actions left it while any standing (not undone) action claims it after the one that
// changed it. So undoing action X:
//   - puts back what X changed, except articles a later standing action claims;
//   - and, for each article X only asserted, finishes the undo of the action D that changed it before X, if
//     D was undone already (and spared it for X's sake) and no other standing action after D claims it.

export type EffectAction = { id: bigint; undone: boolean; data: UndoBase; changed: number[] };

export type UndoPlan = {
  /** Articles of X's own change to put back. */
  own: Set<number>;
  /** Earlier, undone actions whose change to put back now, and for which articles. */
  deferred: Map<bigint, Set<number>>;
  /** X's changed articles left alone because a later action claims them. */
  spared: number;
};

export function planUndo(target: EffectAction, history: EffectAction[]): UndoPlan {
  const ordered = [...history].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  /** Articles claimed by standing actions after `after`, X excluded (it is being undone). */
  const claimedAfter = (after: bigint): Set<number> =>
    new Set(
      ordered
        .filter((action) => action.id > after && action.id !== target.id && !action.undone)
        .flatMap((action) => [...action.changed, ...action.data.asserted]),
    );

  const later = claimedAfter(target.id);
  const own = new Set(target.changed.filter((id) => !later.has(id)));
  const deferred = new Map<bigint, Set<number>>();
  const earlier = ordered.filter((action) => action.id < target.id).reverse();
  for (const article of target.data.asserted) {
    const changer = earlier.find((action) => action.changed.includes(article));
    if (!changer?.undone || claimedAfter(changer.id).has(article)) continue;
    const ids = deferred.get(changer.id) ?? new Set<number>();
    ids.add(article);
    deferred.set(changer.id, ids);
  }
  return { own, deferred, spared: target.changed.length - own.size };
}
