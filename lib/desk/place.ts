// Keeping an analyst's place between the list and an article. The list's canonical query (its filter and
// page, filterToQueryString) names the list: the article link carries it (?list=...), so the article page
// knows its neighbours and its way back, and the tab's sessionStorage remembers, per list, the article last
// focused or read, so going back lands on it. Reads done in this tab are remembered too: going back shows the
// browser's cached list, which does not know yet that the article was opened.

export const LIST_PARAM = "list";
const FOCUS_PREFIX = "presswatch-place:";
const READS_KEY = "presswatch-reads";
const MAX_READS = 500;

/** The article page's address, carrying the list it was opened from and the search to mark in it. */
export function articleHref(id: number, listQuery: string, searchQuery = ""): string {
  const params = new URLSearchParams(searchQuery);
  if (listQuery) params.set(LIST_PARAM, listQuery);
  const query = params.toString();
  return `/articles/${id}${query ? `?${query}` : ""}`;
}

/** The list's address from its canonical query. */
export function listPath(listQuery: string): string {
  return listQuery ? `/?${listQuery}` : "/";
}

type StorageLike = Pick<Storage, "getItem" | "setItem">;

function storage(): StorageLike | null {
  try {
    return typeof window === "undefined" ? null : window.sessionStorage;
  } catch {
    return null;
  }
}

export function rememberPlace(listQuery: string, articleId: number, store = storage()): void {
  try {
    store?.setItem(FOCUS_PREFIX + listQuery, String(articleId));
  } catch {
    // A full or blocked storage only loses the place.
  }
}

export function recallPlace(listQuery: string, store = storage()): number | null {
  const value = Number(store?.getItem(FOCUS_PREFIX + listQuery));
  return Number.isSafeInteger(value) && value > 0 ? value : null;
}

/** Reads and "mark unread"s done in this tab: article id -> read. Newest kept when the list grows long. */
export function readOverrides(store = storage()): Map<number, boolean> {
  try {
    const entries = JSON.parse(store?.getItem(READS_KEY) ?? "[]") as [number, boolean][];
    return new Map(Array.isArray(entries) ? entries.filter((entry) => Number.isInteger(entry?.[0])) : []);
  } catch {
    return new Map();
  }
}

export function overrideRead(articleIds: number[], read: boolean, store = storage()): void {
  const map = readOverrides(store);
  for (const id of articleIds) {
    map.delete(id);
    map.set(id, read);
  }
  try {
    store?.setItem(READS_KEY, JSON.stringify([...map].slice(-MAX_READS)));
  } catch {
    // As above.
  }
}

/** Whether a row shows as read: what this tab did last, else what the server said. */
export function isRead(id: number, serverRead: ReadonlySet<number>, overrides: ReadonlyMap<number, boolean>) {
  return overrides.get(id) ?? serverRead.has(id);
}
