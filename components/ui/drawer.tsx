"use client";

import * as RadixDialog from "@radix-ui/react-dialog";
import { X } from "lucide-react";
import { cn } from "@/components/ui/cn";

// A panel that slides over the page from one side (the phone's navigation and the desk's filters): a Radix
// dialog, so focus stays inside while it is open and Esc or a tap beside it closes it.
export const Drawer = RadixDialog.Root;
export const DrawerTrigger = RadixDialog.Trigger;
export const DrawerClose = RadixDialog.Close;

export function DrawerContent({
  title,
  side = "left",
  className,
  children,
}: {
  title: string;
  side?: "left" | "right";
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <RadixDialog.Portal>
      <RadixDialog.Overlay className="fixed inset-0 z-40 bg-black/50" />
      <RadixDialog.Content
        aria-describedby={undefined}
        className={cn(
          "fixed inset-y-0 z-50 flex w-[min(20rem,calc(100vw-3rem))] flex-col overflow-y-auto border-slate-200 bg-slate-50 shadow-xl outline-none",
          side === "left" ? "left-0 border-r" : "right-0 border-l",
          className,
        )}
      >
        <div className="flex items-center justify-between gap-4 border-b border-slate-200 px-3 py-2">
          <RadixDialog.Title className="text-sm font-semibold text-slate-900">{title}</RadixDialog.Title>
          <RadixDialog.Close
            className="flex h-8 w-8 items-center justify-center rounded text-slate-600 hover:bg-slate-200 hover:text-slate-900"
            aria-label="Close"
          >
            <X className="h-4 w-4" aria-hidden />
          </RadixDialog.Close>
        </div>
        <div className="flex-1 px-3 py-3">{children}</div>
      </RadixDialog.Content>
    </RadixDialog.Portal>
  );
}
