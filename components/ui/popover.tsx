"use client";

import * as RadixPopover from "@radix-ui/react-popover";
import { cn } from "@/components/ui/cn";

// A small floating panel (a multi-select, a tag box) anchored to its trigger, with the app's card style.
export const Popover = RadixPopover.Root;
export const PopoverTrigger = RadixPopover.Trigger;

export function PopoverContent({
  className,
  align = "start",
  sideOffset = 4,
  ...props
}: RadixPopover.PopoverContentProps) {
  return (
    <RadixPopover.Portal>
      <RadixPopover.Content
        align={align}
        sideOffset={sideOffset}
        collisionPadding={8}
        className={cn("z-40 rounded-md border border-slate-200 bg-white p-2 text-sm shadow-lg outline-none", className)}
        {...props}
      />
    </RadixPopover.Portal>
  );
}
