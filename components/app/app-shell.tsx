import {
  BookA,
  FileClock,
  Inbox,
  KeyRound,
  LogOut,
  Mail,
  MonitorSmartphone,
  Newspaper,
  Rss,
  Shapes,
  Tags,
  Users,
} from "lucide-react";
import { logoutAction } from "@/lib/actions/auth";
import type { CurrentUser } from "@/lib/auth/session";
import { can, ROLE_LABELS } from "@/lib/permissions";
import { NavDrawer } from "@/components/app/nav-drawer";
import { NavLink } from "@/components/app/nav-link";
import { ThemeToggle } from "@/components/app/theme-toggle";
import { Badge } from "@/components/ui/badge";

// The sidebar's content: on a wide screen the sticky column, on a phone the menu drawer's.
function ShellNav({ user }: { user: CurrentUser }) {
  const isAdmin = can(user.role, "users:manage");
  const canIngest = can(user.role, "ingest:create");
  return (
    <>
      <nav aria-label="Main" className="flex-1 space-y-1">
        <NavLink href="/">
          <Newspaper className="h-4 w-4" aria-hidden /> Articles
        </NavLink>
        <NavLink href="/tags">
          <Tags className="h-4 w-4" aria-hidden /> Tags
        </NavLink>
        {canIngest ? (
          <NavLink href="/ingest">
            <Inbox className="h-4 w-4" aria-hidden /> Ingest
          </NavLink>
        ) : null}
        {isAdmin ? (
          <>
            <p className="px-2 pt-4 pb-1 text-[11px] font-semibold tracking-wide text-slate-500 uppercase">Admin</p>
            <NavLink href="/admin/users">
              <Users className="h-4 w-4" aria-hidden /> Users
            </NavLink>
            <NavLink href="/admin/sources">
              <Rss className="h-4 w-4" aria-hidden /> Sources
            </NavLink>
            <NavLink href="/admin/themes">
              <Shapes className="h-4 w-4" aria-hidden /> Themes
            </NavLink>
            <NavLink href="/admin/names">
              <BookA className="h-4 w-4" aria-hidden /> Names register
            </NavLink>
            <NavLink href="/admin/tokens">
              <KeyRound className="h-4 w-4" aria-hidden /> API tokens
            </NavLink>
            <NavLink href="/admin/audit">
              <FileClock className="h-4 w-4" aria-hidden /> Audit log
            </NavLink>
            <NavLink href="/admin/mail">
              <Mail className="h-4 w-4" aria-hidden /> Mail
            </NavLink>
          </>
        ) : null}
      </nav>
      <div className="border-t border-slate-200 pt-3">
        <div className="px-2">
          <p className="truncate text-sm font-medium text-slate-900" title={user.email}>
            {user.name}
          </p>
          <div className="mt-0.5 flex items-center gap-1.5 text-xs text-slate-500">
            <Badge tone={user.role === "ADMIN" ? "accent" : "neutral"}>{ROLE_LABELS[user.role]}</Badge>
            <span className="truncate" title="Dates are shown in this time zone">
              {user.timeZone}
            </span>
          </div>
        </div>
        <NavLink href="/account/sessions">
          <MonitorSmartphone className="h-4 w-4" aria-hidden /> Your sessions
        </NavLink>
        <ThemeToggle />
        <form action={logoutAction} className="mt-1">
          <button
            type="submit"
            className="flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-sm text-slate-600 hover:bg-white hover:text-slate-900"
          >
            <LogOut className="h-4 w-4" aria-hidden /> Sign out
          </button>
        </form>
      </div>
    </>
  );
}

export function AppShell({ user, children }: { user: CurrentUser; children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      {/* The column carries the background down a long page; the sidebar itself stays in view. */}
      <div className="hidden w-56 shrink-0 border-r border-slate-200 bg-slate-100/80 lg:block">
        <aside className="sticky top-0 flex h-screen flex-col px-3 py-4">
          <div className="mb-6 flex items-center gap-2 px-2">
            <span
              className="flex h-7 w-7 items-center justify-center rounded-md bg-accent-600 text-sm font-semibold text-white"
              aria-hidden
            >
              P
            </span>
            <span className="text-sm font-semibold tracking-tight">Presswatch</span>
          </div>
          <ShellNav user={user} />
        </aside>
      </div>
      <div className="min-w-0 flex-1">
        <NavDrawer>
          <div className="flex min-h-full flex-col">
            <ShellNav user={user} />
          </div>
        </NavDrawer>
        <main id="main" className="min-w-0">
          {children}
        </main>
      </div>
    </div>
  );
}
