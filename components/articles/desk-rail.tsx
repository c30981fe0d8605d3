"use client";

import { PanelLeft } from "lucide-react";
import { useState } from "react";
import { useWideScreen } from "@/components/app/use-wide-screen";
import { Drawer, DrawerContent, DrawerTrigger } from "@/components/ui/drawer";

// The desk's left rail (saved views and facet counts). On a wide screen it stands beside the list; on a
// phone or a small tablet the list is the page and the rail opens as a drawer. Its content is rendered in
// one place only (the column or the drawer), so the facets are not sent or mounted twice.
export function DeskRail({ children }: { children: React.ReactNode }) {
  const wide = useWideScreen();
  const [open, setOpen] = useState(false);
  if (wide)
    return (
      <aside
        aria-label="Views and facets"
        className="hidden space-y-5 border-r border-slate-200 bg-slate-50 px-2.5 py-3 lg:block"
      >
        {children}
      </aside>
    );
  return (
    <div className="border-b border-slate-200 bg-white px-4 py-2">
      <Drawer open={open} onOpenChange={setOpen}>
        <DrawerTrigger className="inline-flex h-9 items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-700 hover:bg-slate-50">
          <PanelLeft className="h-4 w-4" aria-hidden /> Views and counts
        </DrawerTrigger>
        <DrawerContent title="Views and counts">
          <div aria-label="Views and facets" role="region" className="space-y-5">
            {children}
          </div>
        </DrawerContent>
      </Drawer>
    </div>
  );
}
