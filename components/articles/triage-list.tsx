"use client";

import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import {
  useEffect,
  useEffectEvent,
  useLayoutEffect,
  useMemo,
  useOptimistic,
  useRef,
  useState,
  useTransition,
} from "react";
import {
  bulkAction,
  countMatchingAction,
  removeTagAction,
  setReviewStatusAction,
  undoBulkAction,
  type BulkActionInput,
} from "@/lib/actions/articles";
import type { ActionResult } from "@/lib/actions/run-action";
import { commandForKey, isTypingTarget } from "@/lib/desk/keyboard";
import {
  applyRowChange,
  mergeServerRows,
  type RowChange,
  type RowStatus,
  type RowTag,
  type RowTheme,
} from "@/lib/desk/row-changes";
import { clickSelection, pageSelectionState } from "@/lib/desk/selection";
import { expandRows, type CompactRow, type RowLabels } from "@/lib/desk/compact-rows";
import { articleHref, isRead, overrideRead, readOverrides, recallPlace, rememberPlace } from "@/lib/desk/place";
import { markUnreadAction } from "@/lib/actions/reads";
import type { ArticleRow as ArticleRowData } from "@/lib/search/list-articles";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { ExportMenu } from "@/components/export/export-menu";
import { ArticleRow, type RowActions } from "@/components/articles/article-row";
import { ListHeader } from "@/components/articles/bulk-toolbar";
import { SEARCH_INPUT_ID, type BarOption } from "@/components/articles/filter-bar";
import type { PickedTag } from "@/components/articles/tag-picker";

// Over 300 lines: the keyboard model, selection and optimistic bulk writes act on the same rows and must stay in step.
//
// The triage list: one page of articles to move through with j/k, select (click, shift-click, this
// page, or everything the filter matches) and change in bulk or export. Viewers select too, for an
// export only: their toolbar holds Export alone. Every write shows at once (useOptimistic)
// and runs one server action; if the server refuses, the rows fall back to what they were and the
// refusal is shown. A bulk action's summary comes with Undo.

type WriteData = {
  affected?: number;
  undoToken?: string;
  tagsByArticle?: Record<number, RowTag[]>;
  themesByArticle?: Record<number, RowTheme[]>;
};
type Message = { tone: "success" | "error"; text: string; undoToken?: string };
type RowChangeWithoutTarget = RowChange extends infer C ? (C extends RowChange ? Omit<C, "target"> : never) : never;

// The "?" dialog's code loads the first time it opens: most visits never open it.
const KeyboardHelp = dynamic(() => import("@/components/articles/keyboard-help").then((module) => module.KeyboardHelp));

const UNREACHABLE = "The change could not be sent: check the connection and try again.";
const NEW_TAG_COLOR = "#475569";

export function TriageList({
  rows: sent,
  labels,
  timeZone,
  totalLabel,
  matchingLabel,
  query,
  listQuery,
  searchQuery = "",
  readIds,
  note,
  permissions,
  themes,
  newIds,
}: {
  /** The page's rows, naming their source, themes and tags by id in `labels` (lib/desk/compact-rows.ts). */
  rows: CompactRow[];
  labels: RowLabels;
  timeZone: string;
  totalLabel: string;
  matchingLabel: string | null;
  /** The list's filter as a query string, for "select all matching". */
  query: string;
  /** The list's canonical query with its page: the article link carries it (lib/desk/place.ts). */
  listQuery: string;
  /** Carried to an article ("q=..."), so the article marks what the search found. */
  searchQuery?: string;
  /** The rows the user has opened before (bold: the others). */
  readIds: number[];
  note?: string;
  permissions: { tag: boolean; createTag: boolean; review: boolean; theme: boolean; export: boolean };
  themes: BarOption[];
  /** A watched view's new matches on this page. */
  newIds?: number[];
}) {
  const router = useRouter();
  const items = useMemo(() => expandRows(sent, labels), [sent, labels]);
  const canWrite = permissions.tag || permissions.review || permissions.theme;
  const canSelect = canWrite || permissions.export;
  // The server's rows, updated when it confirms a write or when the page reloads with new ones.
  const [base, setBase] = useState(items);
  const [seen, setSeen] = useState(items);
  if (items !== seen) {
    setSeen(items);
    setBase(items);
  }
  const [rows, applyOptimistic] = useOptimistic(base, applyRowChange<ArticleRowData>);
  const [pending, startTransition] = useTransition();
  const [picked, setPicked] = useState<ReadonlySet<number>>(new Set());
  const [allMatching, setAllMatching] = useState(false);
  // The exact count behind "all matching", counted on the server when it is selected (the list's own total
  // can be an estimate); a bulk action sends it, and is refused if the filter matches another number by then.
  const [matchingCount, setMatchingCount] = useState<number | null>(null);
  const [anchor, setAnchor] = useState<number | null>(null);
  const [focus, setFocus] = useState(-1);
  const [message, setMessage] = useState<Message | null>(null);
  const [tagOpen, setTagOpen] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  // Mounted from its first opening on, so it closes as a dialog does rather than vanishing.
  const [helpShown, setHelpShown] = useState(false);
  if (helpOpen && !helpShown) setHelpShown(true);
  const listRef = useRef<HTMLOListElement>(null);
  // The row under the pointer: it shows its quick actions (as the focused row does); the others leave them out.
  const [hovered, setHovered] = useState(-1);
  const serverRead = new Set(readIds);
  // What this tab read or marked unread since the server answered (a list restored by Back is the cached one).
  const [overrides, setOverrides] = useState<ReadonlyMap<number, boolean>>(new Map());

  const ids = rows.map((row) => row.id);
  // Rows that left the page (marked reviewed under a "new" filter) leave the selection too.
  const selected = new Set(ids.filter((id) => picked.has(id)));
  const hasSelection = allMatching || selected.size > 0;

  function run(change: RowChange, call: () => Promise<ActionResult<WriteData>>) {
    setMessage(null);
    startTransition(async () => {
      applyOptimistic(change);
      let result: ActionResult<WriteData>;
      try {
        result = await call();
      } catch {
        result = { ok: false, error: UNREACHABLE };
      }
      startTransition(() => {
        if (!result.ok) return setMessage({ tone: "error", text: result.error });
        setBase((current) => mergeServerRows(applyRowChange(current, change), result.data));
        setMessage({ tone: "success", text: result.message ?? "Done.", undoToken: result.data?.undoToken });
      });
    });
  }

  function countAllMatching() {
    setMatchingCount(null);
    startTransition(async () => {
      let result: ActionResult<{ count: number }>;
      try {
        result = await countMatchingAction(null, { query });
      } catch {
        result = { ok: false, error: UNREACHABLE };
      }
      startTransition(() => {
        if (result.ok && result.data) return setMatchingCount(result.data.count);
        setAllMatching(false);
        setMessage({ tone: "error", text: result.ok ? UNREACHABLE : result.error });
      });
    });
  }

  function bulk(
    action: Omit<BulkActionInput, "selection" | "articleIds" | "query" | "expectedCount">,
    change: RowChangeWithoutTarget,
  ) {
    if (allMatching && matchingCount === null) {
      setMessage({ tone: "error", text: "Still counting the matching articles: apply again once the count shows." });
      return;
    }
    const target = allMatching ? "all" : [...selected];
    const selection = allMatching
      ? { selection: "filter" as const, query, expectedCount: matchingCount ?? undefined }
      : { selection: "ids" as const, articleIds: [...selected] };
    run({ ...change, target } as RowChange, async () => {
      const result = await bulkAction(null, { ...selection, ...action });
      // Refused because the filter now matches another number: show the new one before anything is applied.
      if (!result.ok && allMatching) countAllMatching();
      return result;
    });
  }

  function setStatusOf(id: number, status: RowStatus) {
    run({ kind: "status", target: [id], status }, () => setReviewStatusAction(null, { articleIds: [id], status }));
  }

  function undo(undoToken: string) {
    setMessage({ tone: "success", text: "Undoing…" });
    startTransition(async () => {
      let result: ActionResult<unknown>;
      try {
        result = await undoBulkAction(null, { undoToken });
      } catch {
        result = { ok: false, error: UNREACHABLE };
      }
      startTransition(() =>
        setMessage(
          result.ok ? { tone: "success", text: result.message ?? "Undone." } : { tone: "error", text: result.error },
        ),
      );
    });
  }

  function toggle(index: number, shift: boolean) {
    setPicked(clickSelection(selected, ids, index, { shift, anchor }));
    setAnchor(index);
    setAllMatching(false);
    setFocus(index);
  }

  // Back from an article (or a reload): the row last focused or read in this list gets the focus again.
  const restorePlace = useEffectEvent(() => {
    setOverrides(readOverrides());
    const id = recallPlace(listQuery);
    const index = id === null ? -1 : rows.findIndex((row) => row.id === id);
    if (index >= 0) moveFocus(index);
  });
  useEffect(() => {
    // After the first paint, so the row can scroll into view.
    const frame = requestAnimationFrame(() => restorePlace());
    return () => cancelAnimationFrame(frame);
  }, [listQuery]);

  function markUnread(articleIds: number[]) {
    if (!articleIds.length) return;
    overrideRead(articleIds, false);
    setOverrides(readOverrides());
    startTransition(async () => {
      let result: ActionResult<unknown>;
      try {
        result = await markUnreadAction(null, { articleIds });
      } catch {
        result = { ok: false, error: UNREACHABLE };
      }
      if (!result.ok) setMessage({ tone: "error", text: result.error });
    });
  }

  function moveFocus(index: number) {
    const next = Math.min(Math.max(index, 0), rows.length - 1);
    setFocus(next);
    if (rows[next]) rememberPlace(listQuery, rows[next].id);
    const row = listRef.current?.querySelectorAll<HTMLLIElement>(":scope > li")[next];
    row?.focus({ preventScroll: true });
    row?.scrollIntoView({ block: "nearest" });
  }

  const onKey = useEffectEvent((event: KeyboardEvent) => {
    if (event.defaultPrevented || helpOpen || isTypingTarget(event.target as HTMLElement | null)) return;
    // Keys pressed in a dialog (Export) belong to it, not to the list behind it.
    if ((event.target as HTMLElement | null)?.closest?.('[role="dialog"]')) return;
    const command = commandForKey(event, { canWrite, canSelect });
    if (!command) return;
    const target = event.target as HTMLElement;
    // Enter on a link or a button already does what it says.
    if (command === "open" && event.key === "Enter" && target.closest?.("a, button")) return;
    const row = rows[focus];
    event.preventDefault();
    switch (command) {
      case "next":
        return moveFocus(focus + 1);
      case "previous":
        return moveFocus(focus - 1);
      case "open":
        return row ? router.push(articleHref(row.id, listQuery, searchQuery)) : undefined;
      case "select":
        return row ? toggle(focus, false) : undefined;
      case "tag":
        if (!permissions.tag) return;
        if (!hasSelection && row) setPicked(new Set([row.id]));
        if (hasSelection || row) setTagOpen(true);
        return;
      case "reviewed":
      case "flagged": {
        if (!permissions.review) return;
        const status = command === "reviewed" ? "REVIEWED" : "FLAGGED";
        if (hasSelection) return bulk({ action: "set_status", status }, { kind: "status", status });
        return row ? setStatusOf(row.id, status) : undefined;
      }
      case "unread":
        return markUnread(hasSelection && !allMatching ? [...selected] : row ? [row.id] : []);
      case "search":
        return document.getElementById(SEARCH_INPUT_ID)?.focus();
      case "help":
        return setHelpOpen(true);
    }
  });

  // One set of row handlers for every row and every render, so a row (memoized) renders again only when
  // its own data or state changes: a hover, a j/k step or a tick re-renders one or two rows, not fifty.
  const latest = useRef({ toggle, setStatusOf, removeTag, focusRow });
  useLayoutEffect(() => {
    latest.current = { toggle, setStatusOf, removeTag, focusRow };
  });
  const rowActions = useMemo<RowActions>(
    () =>
      canSelect
        ? {
            onToggle: (index, shift) => latest.current.toggle(index, shift),
            onFocus: (index) => latest.current.focusRow(index),
            onStatus: permissions.review ? (id, status) => latest.current.setStatusOf(id, status) : undefined,
            onRemoveTag: permissions.tag ? (id, tagId) => latest.current.removeTag(id, tagId) : undefined,
          }
        : { onFocus: (index) => latest.current.focusRow(index) },
    [canSelect, permissions.review, permissions.tag],
  );

  function removeTag(id: number, tagId: number) {
    run({ kind: "remove_tag", target: [id], tagId }, () => removeTagAction(null, { articleIds: [id], tagId }));
  }

  function focusRow(index: number) {
    setFocus(index);
    if (rows[index]) rememberPlace(listQuery, rows[index].id);
  }

  function rowIndexOf(target: EventTarget): number {
    const row = (target as Element).closest?.("li[data-index]");
    return row ? Number(row.getAttribute("data-index")) : -1;
  }

  // The rows' titles are plain links rather than a next/link each (50 of them, each watching the viewport to
  // prefetch its article, were a good part of the page's hydration): a plain click on one is followed here,
  // in the app, as next/link would; a click with a modifier key opens a tab as any link does.
  function followLink(event: React.MouseEvent<HTMLElement>) {
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    const link = (event.target as Element).closest?.("a[href]");
    const href = link?.getAttribute("href");
    if (!href?.startsWith("/") || href.startsWith("//") || link?.hasAttribute("target")) return;
    event.preventDefault();
    router.push(href);
  }

  useEffect(() => {
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  const selectionTags = [
    ...new Map(
      rows
        .filter((row) => allMatching || selected.has(row.id))
        .flatMap((row) => row.tags)
        .map((tag) => [tag.id, tag]),
    ).values(),
  ];

  return (
    <div aria-busy={pending}>
      <ListHeader
        totalLabel={pending ? `${totalLabel} · saving…` : totalLabel}
        matchingLabel={matchingLabel}
        matchingCount={matchingCount}
        note={note}
        selection={
          canSelect
            ? {
                count: allMatching ? rows.length : selected.size,
                allMatching,
                pageState: pageSelectionState(selected, ids),
                pageSize: rows.length,
              }
            : null
        }
        handlers={
          canSelect
            ? {
                onSelectPage: (select) => {
                  setPicked(select ? new Set(ids) : new Set());
                  setAllMatching(false);
                },
                onSelectAllMatching: () => {
                  setPicked(new Set(ids));
                  setAllMatching(true);
                  countAllMatching();
                },
                onClear: () => {
                  setPicked(new Set());
                  setAllMatching(false);
                },
              }
            : null
        }
        bulk={
          canWrite
            ? {
                onAddTag: (tag: PickedTag) =>
                  bulk("id" in tag ? { action: "add_tag", tagId: tag.id } : { action: "add_tag", tagName: tag.name }, {
                    kind: "add_tag",
                    tag: "id" in tag ? tag : { id: -1, name: tag.name, color: NEW_TAG_COLOR },
                  }),
                onRemoveTag: (tag) =>
                  bulk({ action: "remove_tag", tagId: tag.id }, { kind: "remove_tag", tagId: tag.id }),
                onTheme: (mode, themeId) => {
                  const theme = themes.find((option) => option.id === themeId);
                  if (!theme) return;
                  if (mode === "set")
                    bulk(
                      { action: "set_theme", themeId },
                      { kind: "set_theme", theme: { id: theme.id, name: theme.name, color: theme.color ?? "#64748b" } },
                    );
                  else bulk({ action: "clear_theme", themeId }, { kind: "clear_theme", themeId });
                },
                onStatus: (status) => bulk({ action: "set_status", status }, { kind: "status", status }),
              }
            : null
        }
        themes={themes}
        selectionTags={selectionTags}
        canCreateTags={permissions.createTag}
        tagOpen={tagOpen}
        onTagOpenChange={setTagOpen}
        onHelp={() => setHelpOpen(true)}
        exportMenu={
          permissions.export
            ? (compact) => (
                // "All matching" ticked is the filter itself: the export takes every matching row, not ids.
                <ExportMenu
                  query={query}
                  totalLabel={totalLabel}
                  selectedIds={allMatching ? [] : [...selected]}
                  compact={compact}
                />
              )
            : null
        }
      />
      <div aria-live="polite" className="empty:hidden">
        {message ? (
          <Notice tone={message.tone} className="mx-4 my-2 flex items-center gap-3 py-1.5">
            <span className="flex-1">{message.text}</span>
            {message.undoToken ? (
              <Button size="sm" onClick={() => undo(message.undoToken!)} disabled={pending}>
                Undo
              </Button>
            ) : null}
            <button
              type="button"
              onClick={() => setMessage(null)}
              className="text-xs underline opacity-70 hover:opacity-100"
            >
              Dismiss
            </button>
          </Notice>
        ) : null}
      </div>
      <ol
        ref={listRef}
        aria-label="Articles"
        className="divide-y divide-slate-100 bg-white"
        onClick={followLink}
        onPointerOver={(event) => setHovered(rowIndexOf(event.target))}
        onPointerLeave={() => setHovered(-1)}
      >
        {rows.map((row, index) => (
          <ArticleRow
            key={row.id}
            index={index}
            href={articleHref(row.id, listQuery, searchQuery)}
            read={isRead(row.id, serverRead, overrides)}
            article={row}
            newMatch={newIds?.includes(row.id) ?? false}
            timeZone={timeZone}
            selected={allMatching || selected.has(row.id)}
            focused={index === focus}
            tabbable={index === Math.max(focus, 0)}
            showQuickActions={index === focus || index === hovered}
            actions={rowActions}
          />
        ))}
      </ol>
      {helpShown ? (
        <KeyboardHelp open={helpOpen} onOpenChange={setHelpOpen} abilities={{ canWrite, canSelect }} />
      ) : null}
    </div>
  );
}
