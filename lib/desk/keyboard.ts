// The article list's keyboard shortcuts, as a mail client has them. One table drives both the key
// handling and the help dialog, so the dialog never lists a key that does not work.

export type DeskCommand = "next" | "previous" | "open" | "select" | "tag" | "reviewed" | "flagged" | "search" | "help";

export type DeskShortcut = {
  keys: string[];
  command: DeskCommand;
  label: string;
  /** Changes articles: not offered to viewers. */
  write: boolean;
};

export const DESK_SHORTCUTS: DeskShortcut[] = [
  { keys: ["j"], command: "next", label: "Next article", write: false },
  { keys: ["k"], command: "previous", label: "Previous article", write: false },
  { keys: ["o", "Enter"], command: "open", label: "Open the article", write: false },
  { keys: ["x"], command: "select", label: "Select or unselect the article", write: true },
  { keys: ["t"], command: "tag", label: "Tag the selection (or the article)", write: true },
  { keys: ["r"], command: "reviewed", label: "Mark reviewed", write: true },
  { keys: ["f"], command: "flagged", label: "Flag", write: true },
  { keys: ["/"], command: "search", label: "Search", write: false },
  { keys: ["?"], command: "help", label: "Show these keys", write: false },
];

type KeyLike = { key: string; ctrlKey?: boolean; metaKey?: boolean; altKey?: boolean };

/** The command a key press means, or null (modified keys are the browser's and the system's). */
export function commandForKey(event: KeyLike, options: { canWrite: boolean }): DeskCommand | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  const shortcut = DESK_SHORTCUTS.find((entry) => entry.keys.includes(event.key));
  if (!shortcut || (shortcut.write && !options.canWrite)) return null;
  return shortcut.command;
}

type TargetLike = { tagName?: string; type?: string; isContentEditable?: boolean; closest?: (selector: string) => unknown } | null;

/** Inputs that take no typing: a ticked row's checkbox must not switch j and k off. */
const CLICK_INPUTS = new Set(["checkbox", "radio", "button", "submit", "reset"]);

/** True while the user types or works in a control or a dialog: the shortcuts then stay out of the way. */
export function isTypingTarget(target: TargetLike): boolean {
  if (!target) return false;
  const tag = target.tagName?.toUpperCase();
  if (tag === "INPUT") return !CLICK_INPUTS.has((target.type ?? "text").toLowerCase());
  if (tag === "TEXTAREA" || tag === "SELECT" || target.isContentEditable) return true;
  return Boolean(target.closest?.('[role="dialog"], [role="listbox"], [role="menu"], [contenteditable="true"]'));
}
