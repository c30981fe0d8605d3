import { describe, expect, it } from "vitest";
import { planUndo, type EffectAction } from "./undo-plan";

const action = (id: number, changed: number[], asserted: number[] = [], undone = false): EffectAction => ({
  id: BigInt(id),
  undone,
  changed,
  data: { effect: "tag+:1", asserted },
});

describe("planUndo", () => {
  it("puts back everything an action changed when nobody acted after it", () => {
    const a = action(1, [1, 2, 3]);
    expect(planUndo(a, [a])).toEqual({ own: new Set([1, 2, 3]), deferred: new Map(), spared: 0 });
  });

  it("spares what a later standing action asserted, and not what a later undone one did", () => {
    const a = action(1, [1, 2, 3, 4]);
    const b = action(2, [5, 6], [3, 4]);
    expect(planUndo(a, [a, b])).toMatchObject({ own: new Set([1, 2]), spared: 2 });
    const bUndone = action(2, [5, 6], [3, 4], true);
    expect(planUndo(a, [a, bUndone])).toMatchObject({ own: new Set([1, 2, 3, 4]), spared: 0 });
  });

  it("ignores claims made before the action (they were broken by whatever changed the article since)", () => {
    const early = action(1, [], [1, 2]);
    const a = action(2, [1, 2]);
    expect(planUndo(a, [early, a]).own).toEqual(new Set([1, 2]));
  });

  it("finishes an earlier undo that spared articles for this action, once nobody else claims them", () => {
    const a = action(1, [1, 2, 3, 4], [], true);
    const b = action(2, [5], [3, 4]);
    expect(planUndo(b, [a, b])).toEqual({
      own: new Set([5]),
      deferred: new Map([[1n, new Set([3, 4])]]),
      spared: 0,
    });
    // A third analyst still asks for article 4: it stays.
    const c = action(3, [], [4]);
    expect(planUndo(b, [a, b, c]).deferred).toEqual(new Map([[1n, new Set([3])]]));
  });

  it("leaves an asserted article alone while the action that changed it stands", () => {
    const a = action(1, [1, 2]);
    const b = action(2, [], [1, 2]);
    expect(planUndo(b, [a, b])).toEqual({ own: new Set(), deferred: new Map(), spared: 0 });
  });

  it("finds the latest action that changed an article, not an older one", () => {
    const old = action(1, [7], [], true);
    const newer = action(2, [7], [], false);
    const b = action(3, [], [7]);
    expect(planUndo(b, [old, newer, b]).deferred.size).toBe(0);
  });
});
