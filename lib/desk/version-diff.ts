import { diffWords } from "diff";

// The word-level difference between two versions of an article, as the History panel shows it: runs of text
// kept, added or removed, in reading order. diffWords compares words and keeps the spacing between them, so
// a changed name or a replaced sentence reads as such rather than as a wall of characters.

export type DiffPart = { kind: "same" | "added" | "removed"; text: string };

export function diffVersionText(before: string, after: string): DiffPart[] {
  return diffWords(before, after).map((change) => ({
    kind: change.added ? "added" : change.removed ? "removed" : "same",
    text: change.value,
  }));
}

/** How much changed, in words, for the panel's summary ("12 words added, 3 removed"). */
export function countChangedWords(parts: DiffPart[]): { added: number; removed: number } {
  const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
  let added = 0;
  let removed = 0;
  for (const part of parts) {
    if (part.kind === "added") added += words(part.text);
    else if (part.kind === "removed") removed += words(part.text);
  }
  return { added, removed };
}

/** The parts one side of a side-by-side view shows: the earlier side without additions, the later without removals. */
export function sideParts(parts: DiffPart[], side: "before" | "after"): DiffPart[] {
  return parts.filter((part) => part.kind === "same" || part.kind === (side === "before" ? "removed" : "added"));
}
