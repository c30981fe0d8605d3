"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

export function NavLink({ href, children }: { href: string; children: React.ReactNode }) {
  const pathname = usePathname();
  const active = href === "/" ? pathname === "/" || pathname.startsWith("/articles") : pathname.startsWith(href);
  return (
    <Link
      prefetch={false}
      href={href}
      aria-current={active ? "page" : undefined}
      className={cn(
        "flex items-center gap-2 rounded-md px-2 py-1.5 text-sm",
        active
          ? "bg-white font-medium text-slate-900 shadow-xs ring-1 ring-slate-200"
          : "text-slate-600 hover:bg-white/70 hover:text-slate-900",
      )}
    >
      {children}
    </Link>
  );
}
