// The article list's keyboard shortcuts, as a mail client has them. One table drives both the key
// handling and the help dialog, so the dialog never lists a key that does not work.

export type DeskCommand =
  "next" | "previous" | "open" | "select" | "tag" | "reviewed" | "flagged" | "unread" | "search" | "help";

export type DeskShortcut = {
  keys: string[];
  command: DeskCommand;
  label: string;
  /**
   * Who gets the key: "write" changes articles (analysts), "select" picks rows for a bulk action or an
   * export (everyone who may do either, viewers included), null is for everyone.
   */
  needs: "write" | "select" | null;
};

export const DESK_SHORTCUTS: DeskShortcut[] = [
  { keys: ["j"], command: "next", label: "Next article", needs: null },
  { keys: ["k"], command: "previous", label: "Previous article", needs: null },
  { keys: ["o", "Enter"], command: "open", label: "Open the article", needs: null },
  { keys: ["x"], command: "select", label: "Select or unselect the article", needs: "select" },
  { keys: ["t"], command: "tag", label: "Tag the selection (or the article)", needs: "write" },
  { keys: ["r"], command: "reviewed", label: "Mark reviewed", needs: "write" },
  { keys: ["f"], command: "flagged", label: "Flag", needs: "write" },
  { keys: ["u"], command: "unread", label: "Mark unread (for you only)", needs: null },
  { keys: ["/"], command: "search", label: "Search", needs: null },
  { keys: ["?"], command: "help", label: "Show these keys", needs: null },
];

export type DeskAbilities = { canWrite: boolean; canSelect: boolean };

/** Whether the user gets this key (and sees it in the help dialog). */
export function offersShortcut(shortcut: DeskShortcut, abilities: DeskAbilities): boolean {
  if (shortcut.needs === "write") return abilities.canWrite;
  if (shortcut.needs === "select") return abilities.canSelect;
  return true;
}

type KeyLike = { key: string; ctrlKey?: boolean; metaKey?: boolean; altKey?: boolean };

/** The command a key press means, or null (modified keys are the browser's and the system's). */
export function commandForKey(event: KeyLike, options: DeskAbilities): DeskCommand | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  const shortcut = DESK_SHORTCUTS.find((entry) => entry.keys.includes(event.key));
  if (!shortcut || !offersShortcut(shortcut, options)) return null;
  return shortcut.command;
}

type TargetLike = {
  tagName?: string;
  type?: string;
  isContentEditable?: boolean;
  closest?: (selector: string) => unknown;
} | null;

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
