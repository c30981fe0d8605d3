"use client";

import { DESK_SHORTCUTS, offersShortcut, type DeskAbilities } from "@/lib/desk/keyboard";
import { Dialog, DialogContent } from "@/components/ui/dialog";

// The "?" dialog: the list's keys, from the same table the key handler uses (write keys only for those
// who may write, x for everyone who may select rows).
export function KeyboardHelp({
  open,
  onOpenChange,
  abilities,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  abilities: DeskAbilities;
}) {
  const shortcuts = DESK_SHORTCUTS.filter((shortcut) => offersShortcut(shortcut, abilities));
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent
        title="Keyboard shortcuts"
        description="In the article list, whenever you are not typing in a field."
        className="w-[min(26rem,calc(100vw-2rem))]"
      >
        <table className="w-full text-sm">
          <caption className="sr-only">Keys and what they do</caption>
          <thead className="sr-only">
            <tr>
              <th scope="col">Key</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {shortcuts.map((shortcut) => (
              <tr key={shortcut.command}>
                <td className="w-24 py-1.5 pr-3 align-top whitespace-nowrap">
                  {shortcut.keys.map((key, index) => (
                    <span key={key}>
                      {index ? <span className="px-1 text-xs text-slate-400">or</span> : null}
                      <kbd className="inline-block min-w-6 rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 text-center font-mono text-xs text-slate-800 shadow-[0_1px_0_var(--color-slate-300)]">
                        {key}
                      </kbd>
                    </span>
                  ))}
                </td>
                <td className="py-1.5 text-slate-700">{shortcut.label}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {abilities.canSelect ? (
          <p className="mt-3 text-xs text-slate-500">
            Shift-click a checkbox to select every row between it and the last one you clicked.
          </p>
        ) : null}
      </DialogContent>
    </Dialog>
  );
}
