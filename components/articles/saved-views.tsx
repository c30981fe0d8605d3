"use client";

import Link from "next/link";
import * as Menu from "@radix-ui/react-dropdown-menu";
import { Bell, Bookmark, MoreHorizontal, Plus, Users } from "lucide-react";
import { useActionState, useEffect, useState, useTransition } from "react";
import { deleteViewAction, renameViewAction, saveViewAction, setViewSharedAction } from "@/lib/actions/views";
import type { ActionResult, ActionState } from "@/lib/actions/run-action";
import type { SavedViewItem } from "@/lib/data/views";
import type { WatchWithCount } from "@/lib/data/watches";
import { WatchDialog } from "@/components/articles/watch-dialog";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/field";

// Over 300 lines: the rail's views, their menu, rename/share forms and watch counts act on one list of views and its polling.
//
// Saved views at the top of the filter rail: the current filter under a name, private or shared with the
// team. Mine first, then the ones colleagues share; the owner (or an admin) renames, shares and deletes.
// Anyone may watch a view they see: a watched view shows its count of new matches, asked for every
// COUNTS_POLL_MS so a new article shows within seconds without reloading the desk.

const COUNTS_POLL_MS = 5_000;
const NO_WATCHES: Record<number, WatchWithCount> = {};

type WatchContext = { watches: Record<number, WatchWithCount>; unseen: Record<number, number>; timeZone: string };

/** The watched views' counts of new matches, as the server last said, refreshed by polling. */
function useUnseenCounts(watches: Record<number, WatchWithCount>): Record<number, number> {
  const initial = Object.fromEntries(Object.values(watches).map((watch) => [watch.viewId, watch.unseen]));
  const [counts, setCounts] = useState<{ base: Record<number, WatchWithCount>; polled: Record<number, number> | null }>(
    { base: watches, polled: null },
  );
  // New server props (after an action or a navigation) replace what polling said.
  if (counts.base !== watches) setCounts({ base: watches, polled: null });
  const watching = Object.keys(watches).length > 0;
  useEffect(() => {
    if (!watching) return;
    const timer = window.setInterval(() => {
      fetch("/api/watches/counts", { cache: "no-store" })
        .then((response) => (response.ok ? response.json() : null))
        .then((body: { counts: { viewId: number; unseen: number }[] } | null) => {
          if (body)
            setCounts((now) => ({ ...now, polled: Object.fromEntries(body.counts.map((c) => [c.viewId, c.unseen])) }));
        })
        .catch(() => undefined);
    }, COUNTS_POLL_MS);
    return () => window.clearInterval(timer);
  }, [watching]);
  return counts.polled ?? initial;
}

export function SavedViews({
  views,
  currentQuery,
  canShare,
  isAdmin,
  watches = NO_WATCHES,
  timeZone = "UTC",
}: {
  views: SavedViewItem[];
  /** The list's filter now, as a query string without the page cursor. */
  currentQuery: string;
  canShare: boolean;
  isAdmin: boolean;
  /** The user's watches, by view id. */
  watches?: Record<number, WatchWithCount>;
  timeZone?: string;
}) {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const unseen = useUnseenCounts(watches);
  const watch: WatchContext = { watches, unseen, timeZone };
  const mine = views.filter((view) => view.mine);
  const shared = views.filter((view) => !view.mine);
  return (
    <section aria-labelledby="views-heading" className="space-y-1">
      <div className="flex items-center justify-between px-1.5">
        <h2 id="views-heading" className="text-[11px] font-semibold tracking-wide text-slate-500 uppercase">
          Views
        </h2>
        {!saving ? (
          <button
            type="button"
            onClick={() => setSaving(true)}
            className="inline-flex items-center gap-0.5 rounded px-1 text-xs text-accent-700 hover:bg-white"
          >
            <Plus className="h-3 w-3" aria-hidden /> Save view
          </button>
        ) : null}
      </div>
      {saving ? <SaveViewForm query={currentQuery} canShare={canShare} onDone={() => setSaving(false)} /> : null}
      {error ? (
        <p role="alert" className="px-1.5 text-xs text-red-700">
          {error}
        </p>
      ) : null}
      {views.length === 0 && !saving ? (
        <p className="px-1.5 text-xs text-slate-500">Filter the list, then save it here to come back to it.</p>
      ) : null}
      <ViewList
        views={mine}
        currentQuery={currentQuery}
        canShare={canShare}
        isAdmin={isAdmin}
        onError={setError}
        watch={watch}
      />
      {shared.length ? (
        <>
          <h3 className="px-1.5 pt-1.5 text-[11px] text-slate-500">Shared by the team</h3>
          <ViewList
            views={shared}
            currentQuery={currentQuery}
            canShare={canShare}
            isAdmin={isAdmin}
            onError={setError}
            watch={watch}
          />
        </>
      ) : null}
    </section>
  );
}

function SaveViewForm({ query, canShare, onDone }: { query: string; canShare: boolean; onDone: () => void }) {
  const [state, action, pending] = useActionState(
    async (previous: ActionState<{ view: SavedViewItem }>, form: FormData) => {
      const result = await saveViewAction(previous, form);
      if (result.ok) onDone();
      return result;
    },
    null,
  );
  return (
    <form
      action={action}
      className="space-y-1.5 rounded-md border border-slate-200 bg-white p-2"
      aria-label="Save this view"
    >
      <input type="hidden" name="query" value={query} />
      <Input
        name="name"
        aria-label="View name"
        placeholder="Name this view"
        required
        maxLength={80}
        autoFocus
        className="h-7 text-xs"
      />
      {canShare ? (
        <label className="flex items-center gap-1.5 text-xs text-slate-700">
          <input type="checkbox" name="shared" className="accent-accent-600" /> Share with the team
        </label>
      ) : null}
      {state && !state.ok ? (
        <p role="alert" className="text-xs text-red-700">
          {state.error}
        </p>
      ) : null}
      <div className="flex gap-1.5">
        <Button type="submit" size="sm" variant="primary" disabled={pending}>
          {pending ? "Saving…" : "Save"}
        </Button>
        <Button size="sm" variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function ViewList({
  views,
  currentQuery,
  canShare,
  isAdmin,
  onError,
  watch,
}: {
  views: SavedViewItem[];
  currentQuery: string;
  canShare: boolean;
  isAdmin: boolean;
  onError: (error: string | null) => void;
  watch: WatchContext;
}) {
  return (
    <ul className="space-y-px">
      {views.map((view) => (
        <ViewItem
          key={view.id}
          view={view}
          active={view.query === currentQuery}
          canShare={canShare}
          canChange={view.mine || isAdmin}
          onError={onError}
          watch={watch.watches[view.id] ?? null}
          unseen={watch.unseen[view.id] ?? 0}
          timeZone={watch.timeZone}
        />
      ))}
    </ul>
  );
}

function ViewItem({
  view,
  active,
  canShare,
  canChange,
  onError,
  watch,
  unseen,
  timeZone,
}: {
  view: SavedViewItem;
  active: boolean;
  canShare: boolean;
  canChange: boolean;
  onError: (error: string | null) => void;
  watch: WatchWithCount | null;
  unseen: number;
  timeZone: string;
}) {
  const [renaming, setRenaming] = useState(false);
  const [watching, setWatching] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [pending, startTransition] = useTransition();

  function call(action: () => Promise<ActionResult<unknown>>, after?: () => void) {
    onError(null);
    startTransition(async () => {
      const result = await action().catch((): ActionResult<unknown> => ({
        ok: false,
        error: "The change could not be sent: try again.",
      }));
      if (!result.ok) onError(result.error);
      else after?.();
    });
  }

  if (renaming) {
    return (
      <li>
        <form
          className="flex gap-1 px-0.5"
          onSubmit={(event) => {
            event.preventDefault();
            const name = String(new FormData(event.currentTarget).get("name") ?? "");
            call(
              () => renameViewAction(null, { viewId: view.id, name }),
              () => setRenaming(false),
            );
          }}
        >
          <Input
            name="name"
            defaultValue={view.name}
            aria-label={`New name for ${view.name}`}
            autoFocus
            maxLength={80}
            className="h-7 text-xs"
          />
          <Button type="submit" size="sm" disabled={pending}>
            Save
          </Button>
        </form>
      </li>
    );
  }

  return (
    <li
      className={cn("group flex items-center rounded", active ? "bg-white ring-1 ring-slate-200" : "hover:bg-white/70")}
    >
      <Link
        prefetch={false}
        href={view.query ? `/?${view.query}` : "/"}
        aria-current={active ? "page" : undefined}
        className={cn(
          "flex min-w-0 flex-1 items-center gap-1.5 px-1.5 py-1 text-xs",
          active ? "font-medium text-slate-900" : "text-slate-700",
        )}
        title={view.mine ? view.name : `${view.name} (shared by ${view.owner.name})`}
      >
        {view.shared ? (
          <Users className="h-3 w-3 shrink-0 text-slate-400" aria-label="Shared" />
        ) : (
          <Bookmark className="h-3 w-3 shrink-0 text-slate-400" aria-hidden />
        )}
        <span className="truncate">{view.name}</span>
        {!view.mine ? (
          <span className="shrink-0 truncate text-[11px] text-slate-400">{view.owner.name.split(" ")[0]}</span>
        ) : null}
        {watch ? (
          unseen > 0 ? (
            <span
              className="ml-auto shrink-0 rounded-full bg-accent-600 px-1.5 text-[10px] leading-4 font-semibold text-white tabular-nums"
              data-testid="watch-unseen"
              title={`${unseen} new since you last looked`}
            >
              {unseen}
              <span className="sr-only"> new</span>
            </span>
          ) : (
            <Bell className="ml-auto h-3 w-3 shrink-0 text-slate-400" aria-label="Watched" />
          )
        ) : null}
      </Link>
      <WatchDialog
        viewId={view.id}
        viewName={view.name}
        watch={watch}
        timeZone={timeZone}
        open={watching}
        onOpenChange={setWatching}
      />
      {confirmDelete ? (
        <span className="flex shrink-0 items-center gap-1 pr-1">
          <button
            type="button"
            onClick={() => call(() => deleteViewAction(null, { viewId: view.id }))}
            className="rounded px-1 text-[11px] font-medium text-red-700 hover:bg-red-50"
            disabled={pending}
          >
            Delete
          </button>
          <button
            type="button"
            onClick={() => setConfirmDelete(false)}
            className="rounded px-1 text-[11px] text-slate-500 hover:bg-slate-100"
          >
            Keep
          </button>
        </span>
      ) : (
        <Menu.Root>
          <Menu.Trigger
            className="mr-0.5 rounded p-0.5 text-slate-400 opacity-60 group-hover:opacity-100 hover:bg-slate-200 hover:text-slate-700 focus-visible:opacity-100 data-[state=open]:opacity-100"
            aria-label={`Change the view ${view.name}`}
          >
            <MoreHorizontal className="h-3.5 w-3.5" aria-hidden />
          </Menu.Trigger>
          <Menu.Portal>
            <Menu.Content
              align="end"
              sideOffset={4}
              className="z-40 min-w-40 rounded-md border border-slate-200 bg-white p-1 text-xs shadow-lg"
            >
              <MenuItem onSelect={() => setWatching(true)}>{watch ? "Watch settings…" : "Watch…"}</MenuItem>
              {canChange ? (
                <>
                  <MenuItem onSelect={() => setRenaming(true)}>Rename</MenuItem>
                  {view.shared ? (
                    <MenuItem
                      onSelect={() => call(() => setViewSharedAction(null, { viewId: view.id, shared: false }))}
                    >
                      Make private
                    </MenuItem>
                  ) : canShare ? (
                    <MenuItem onSelect={() => call(() => setViewSharedAction(null, { viewId: view.id, shared: true }))}>
                      Share with the team
                    </MenuItem>
                  ) : null}
                  <MenuItem onSelect={() => setConfirmDelete(true)} danger>
                    Delete…
                  </MenuItem>
                </>
              ) : null}
            </Menu.Content>
          </Menu.Portal>
        </Menu.Root>
      )}
    </li>
  );
}

function MenuItem({
  onSelect,
  danger,
  children,
}: {
  onSelect: () => void;
  danger?: boolean;
  children: React.ReactNode;
}) {
  return (
    <Menu.Item
      onSelect={onSelect}
      className={cn(
        "cursor-pointer rounded px-2 py-1 outline-none data-[highlighted]:bg-slate-100",
        danger ? "text-red-700" : "text-slate-700",
      )}
    >
      {children}
    </Menu.Item>
  );
}
