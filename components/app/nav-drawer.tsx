"use client";

import { Menu } from "lucide-react";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { Drawer, DrawerContent, DrawerTrigger } from "@/components/ui/drawer";

// The phone's and small tablet's top bar: the app's name and a button that opens the sidebar as a drawer.
// A link followed inside the drawer closes it (the path changes).
export function NavDrawer({ children }: { children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  const [shownFor, setShownFor] = useState(pathname);
  if (shownFor !== pathname) {
    setShownFor(pathname);
    setOpen(false);
  }
  return (
    <div className="sticky top-0 z-30 flex items-center gap-2 border-b border-slate-200 bg-white px-2 py-1.5 lg:hidden">
      <Drawer open={open} onOpenChange={setOpen}>
        <DrawerTrigger
          className="flex h-10 w-10 items-center justify-center rounded-md text-slate-700 hover:bg-slate-100"
          aria-label="Menu"
        >
          <Menu className="h-5 w-5" aria-hidden />
        </DrawerTrigger>
        <DrawerContent title="Presswatch">{children}</DrawerContent>
      </Drawer>
      <span className="text-sm font-semibold tracking-tight">Presswatch</span>
    </div>
  );
}
