import { Check, Flag, MessageSquare } from "lucide-react";
import { memo } from "react";
import type { ArticleRow as ArticleRowData } from "@/lib/search/list-articles";
import type { RowStatus } from "@/lib/desk/row-changes";
import { formatUtc } from "@/lib/format";
import { PublishedTime } from "@/components/app/published-time";
import { RankExplanationBadge } from "@/components/articles/rank-explanation";
import { ReviewStatusBadge } from "@/components/articles/review-status-badge";
import { TagChip, ThemeLabel } from "@/components/articles/labels";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";

// One article in the triage list: its checkbox, date and source, title, the excerpt with the search's
// words marked, its themes, tags and notes, its review status and, for analysts, quick actions. The row
// itself takes focus (j/k), with one row in the tab order at a time. Viewers get the checkbox too (a
// selection they may export) but no quick actions.

/** The same object for every row and render (the row is memoized); a row passes its own index or id. */
export type RowActions = {
  onFocus: (index: number) => void;
  /** Absent for those who may not select (or export) articles. */
  onToggle?: (index: number, shift: boolean) => void;
  /** Absent for those who may not change articles. */
  onStatus?: (id: number, status: RowStatus) => void;
  onRemoveTag?: (id: number, tagId: number) => void;
};

export const ArticleRow = memo(function ArticleRow({
  article,
  index,
  href,
  read,
  timeZone,
  selected,
  focused,
  tabbable,
  showQuickActions,
  actions,
  newMatch,
}: {
  article: ArticleRowData;
  index: number;
  /** The article's page, with the search to mark in it. */
  href: string;
  /** Opened by this user before: unread titles are bold. */
  read: boolean;
  timeZone: string;
  selected: boolean;
  focused: boolean;
  tabbable: boolean;
  /**
   * The quick actions (reviewed, flag) are shown on the row under the pointer and the focused row only;
   * the others hold an empty box of their width instead, so nothing moves when they appear. Fifty sets of
   * hidden buttons were a quarter of the list's markup, rendered, sent and hydrated for nothing.
   */
  showQuickActions: boolean;
  actions: RowActions;
  /** New to the user in the watched view they are looking at. */
  newMatch?: boolean;
}) {
  const titleId = `article-${article.id}-title`;
  const selectable = Boolean(actions.onToggle);
  return (
    <li
      tabIndex={tabbable ? 0 : -1}
      onFocus={(event) => {
        if (event.target === event.currentTarget || !focused) actions.onFocus(index);
      }}
      aria-labelledby={titleId}
      data-index={index}
      data-article-id={article.id}
      data-new-match={newMatch ? "true" : undefined}
      className={cn(
        "group relative grid scroll-mt-12 gap-x-3 px-4 py-2 outline-none",
        // On a phone the date and source sit above the title, so the title keeps the width.
        selectable
          ? "grid-cols-[1rem_minmax(0,1fr)] sm:grid-cols-[1rem_6.5rem_minmax(0,1fr)_auto]"
          : "grid-cols-[minmax(0,1fr)] sm:grid-cols-[6.5rem_minmax(0,1fr)_auto]",
        selected ? "bg-accent-50/70" : "hover:bg-slate-50",
        focused && "before:absolute before:inset-y-0 before:left-0 before:w-0.5 before:bg-accent-600",
        "focus-visible:ring-2 focus-visible:ring-accent-600 focus-visible:ring-inset",
      )}
    >
      {actions.onToggle ? (
        <input
          type="checkbox"
          checked={selected}
          onChange={() => undefined}
          onClick={(event) => actions.onToggle?.(index, event.shiftKey)}
          aria-label={`Select “${article.title}”`}
          className="mt-1 h-3.5 w-3.5 accent-accent-600 max-sm:row-span-2"
          tabIndex={-1}
        />
      ) : null}
      <div className="flex gap-2 pt-0.5 text-xs text-slate-500 tabular-nums sm:block">
        <PublishedTime date={article.publishedAt} timeZone={timeZone} undated={article.undated} />
        <div className="truncate text-slate-400 sm:mt-0.5">{article.source.name}</div>
      </div>
      <div className="min-w-0">
        {article.reviewStatus === "NEW" ? (
          <span
            className="mr-1.5 mb-0.5 inline-block h-1.5 w-1.5 rounded-full bg-accent-600 align-middle"
            title="New: not reviewed yet"
          >
            <span className="sr-only">New:</span>
          </span>
        ) : null}
        {newMatch ? (
          <Badge tone="accent" title="New since you last looked at this watched view" className="mr-1.5">
            New match
          </Badge>
        ) : null}
        {/* A plain link: the list follows it in the app (TriageList), without a next/link per row. */}
        <a
          id={titleId}
          href={href}
          className={cn("text-slate-900 hover:text-accent-700 hover:underline", read ? "font-normal" : "font-semibold")}
          tabIndex={-1}
          data-read={read ? "true" : "false"}
        >
          {article.title}
        </a>
        {read ? null : <span className="sr-only"> (unread)</span>}
        {article.excerpt.length ? (
          <p
            className={cn(
              "mt-0.5 text-[13px] leading-5 text-slate-600",
              article.excerpt.some((segment) => segment.match) ? "line-clamp-2" : "line-clamp-1",
            )}
          >
            {article.excerpt.map((segment, index) =>
              segment.match ? <mark key={index}>{segment.text}</mark> : <span key={index}>{segment.text}</span>,
            )}
          </p>
        ) : null}
        {article.themes.length ||
        article.tags.length ||
        article.annotationCount ||
        !article.complete ||
        article.editedAt ||
        article.goneAt ? (
          <div className="mt-1 flex flex-wrap items-center gap-x-2.5 gap-y-1">
            {article.themes.map((theme) => (
              <ThemeLabel
                key={theme.id}
                theme={theme}
                title={theme.origin === "RULE" ? "Assigned by a rule" : "Set by hand"}
              />
            ))}
            {article.tags.map((tag) => (
              <TagChip
                key={tag.id}
                tag={tag}
                tabbable={false}
                onRemove={actions.onRemoveTag ? () => actions.onRemoveTag?.(article.id, tag.id) : undefined}
              />
            ))}
            {article.annotationCount ? (
              <span
                className="inline-flex items-center gap-0.5 text-[11px] text-slate-500"
                title="Notes on this article"
              >
                <MessageSquare className="h-3 w-3" aria-hidden /> {article.annotationCount}
                <span className="sr-only">{article.annotationCount === 1 ? "note" : "notes"}</span>
              </span>
            ) : null}
            {!article.complete ? (
              <Badge tone="amber" title="Only a teaser has arrived so far">
                Teaser
              </Badge>
            ) : null}
            {article.editedAt ? (
              <Badge tone="amber" title={`Changed at its source; last change seen ${formatUtc(article.editedAt)}`}>
                Edited at source
              </Badge>
            ) : null}
            {article.goneAt ? (
              <Badge tone="red" title={`The source answered that the page is gone (${formatUtc(article.goneAt)})`}>
                Gone at source
              </Badge>
            ) : null}
          </div>
        ) : null}
      </div>
      <div className="flex items-start gap-1 pt-0.5 max-sm:col-start-2 max-sm:empty:hidden">
        {actions.onStatus && showQuickActions ? (
          <div className="flex gap-0.5 opacity-0 group-focus-within:opacity-100 group-hover:opacity-100">
            <QuickButton
              label={article.reviewStatus === "REVIEWED" ? "Mark new" : "Mark reviewed"}
              pressed={article.reviewStatus === "REVIEWED"}
              onClick={() => actions.onStatus?.(article.id, article.reviewStatus === "REVIEWED" ? "NEW" : "REVIEWED")}
            >
              <Check className="h-3.5 w-3.5" aria-hidden />
            </QuickButton>
            <QuickButton
              label={article.reviewStatus === "FLAGGED" ? "Unflag" : "Flag"}
              pressed={article.reviewStatus === "FLAGGED"}
              onClick={() => actions.onStatus?.(article.id, article.reviewStatus === "FLAGGED" ? "NEW" : "FLAGGED")}
            >
              <Flag className="h-3.5 w-3.5" aria-hidden />
            </QuickButton>
          </div>
        ) : actions.onStatus ? (
          // Two quick buttons' box (2 × 22 px and the 2 px gap between them, 22 px high): a phone, where they
          // sit on a line of their own, keeps that line.
          <div aria-hidden className="h-[1.375rem] w-[2.875rem]" />
        ) : null}
        {article.reviewStatus !== "NEW" ? <ReviewStatusBadge status={article.reviewStatus} /> : null}
        {article.explain ? <RankExplanationBadge explain={article.explain} rowFocused={focused} /> : null}
      </div>
    </li>
  );
});

function QuickButton({
  label,
  pressed,
  onClick,
  children,
}: {
  label: string;
  pressed: boolean;
  onClick: () => void;
  children: React.ReactNode;
}) {
  return (
    <button
      type="button"
      tabIndex={-1}
      onClick={onClick}
      aria-label={label}
      title={label}
      aria-pressed={pressed}
      className={cn(
        "rounded p-1 hover:bg-slate-200",
        pressed ? "text-accent-700" : "text-slate-500 hover:text-slate-900",
      )}
    >
      {children}
    </button>
  );
}
