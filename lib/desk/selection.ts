// Row selection in the triage list: a click toggles one row, a shift-click sets every row between the
// last clicked row (the anchor) and this one to the state the clicked row takes, as mail clients do.

/** The selection after clicking row `index` of `ids` (page order); `anchor` is the previous click's index. */
export function clickSelection(
  selected: ReadonlySet<number>,
  ids: readonly number[],
  index: number,
  options: { shift: boolean; anchor: number | null },
): Set<number> {
  const next = new Set(selected);
  const id = ids[index];
  if (id === undefined) return next;
  const select = !selected.has(id);
  const from = options.shift && options.anchor !== null && ids[options.anchor] !== undefined ? options.anchor : index;
  const [low, high] = from <= index ? [from, index] : [index, from];
  for (let i = low; i <= high; i++) {
    if (select) next.add(ids[i]);
    else next.delete(ids[i]);
  }
  return next;
}

/** "all", "some" or "none" of the page's rows are selected: the header checkbox's state. */
export function pageSelectionState(selected: ReadonlySet<number>, ids: readonly number[]): "all" | "some" | "none" {
  const count = ids.filter((id) => selected.has(id)).length;
  if (count === 0) return "none";
  return count === ids.length ? "all" : "some";
}
