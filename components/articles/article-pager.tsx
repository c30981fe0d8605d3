"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useEffectEvent, useTransition } from "react";
import { ArrowLeft, ChevronLeft, ChevronRight, MailWarning } from "lucide-react";
import { markUnreadAction } from "@/lib/actions/reads";
import { setReviewStatusAction } from "@/lib/actions/articles";
import { isTypingTarget } from "@/lib/desk/keyboard";
import { articleHref, listPath, overrideRead, rememberPlace } from "@/lib/desk/place";
import type { Neighbour } from "@/lib/search/article-neighbours";
import { buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

// The article page's way through the list it was opened from: back to the list (with its filter and page),
// previous and next in it, and the desk's keys (j/k, r, f, u). Stepping replaces the history entry, so the
// browser's Back returns to the list, which then focuses the article last read (lib/desk/place.ts).

export function ArticlePager({
  articleId,
  listQuery,
  searchQuery,
  previous,
  next,
  canReview,
}: {
  articleId: number;
  /** The list's canonical query (filter and page), "" for the unfiltered list. */
  listQuery: string;
  /** The search to mark in the next article too ("q=...&noalias=..."). */
  searchQuery: string;
  previous: Neighbour | null;
  next: Neighbour | null;
  canReview: boolean;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  useEffect(() => {
    rememberPlace(listQuery, articleId);
    overrideRead([articleId], true);
  }, [listQuery, articleId]);

  const go = (neighbour: Neighbour | null) => {
    if (neighbour) router.replace(articleHref(neighbour.id, listQuery, searchQuery), { scroll: true });
  };

  function markUnread() {
    startTransition(async () => {
      const result = await markUnreadAction(null, { articleIds: [articleId] });
      if (!result.ok) return;
      overrideRead([articleId], false);
      router.push(listPath(listQuery));
    });
  }

  function setStatus(status: "REVIEWED" | "FLAGGED") {
    startTransition(async () => {
      const result = await setReviewStatusAction(null, { articleIds: [articleId], status });
      if (result.ok) router.refresh();
    });
  }

  const onKey = useEffectEvent((event: KeyboardEvent) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (isTypingTarget(event.target as HTMLElement | null)) return;
    const actions: Record<string, (() => void) | undefined> = {
      j: next ? () => go(next) : undefined,
      k: previous ? () => go(previous) : undefined,
      u: markUnread,
      r: canReview ? () => setStatus("REVIEWED") : undefined,
      f: canReview ? () => setStatus("FLAGGED") : undefined,
    };
    const action = actions[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  });

  useEffect(() => {
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  return (
    <nav aria-label="Article list" aria-busy={pending} className="flex flex-wrap items-center gap-2">
      <Link
        href={listPath(listQuery)}
        className="inline-flex min-h-8 items-center gap-1 text-sm text-slate-600 hover:text-slate-900"
      >
        <ArrowLeft className="h-3.5 w-3.5" aria-hidden /> Articles
      </Link>
      <p className="hidden text-xs text-slate-500 md:block">
        <kbd className="font-mono">j</kbd>/<kbd className="font-mono">k</kbd> next/previous ·{" "}
        <kbd className="font-mono">u</kbd> unread
        {canReview ? (
          <>
            {" "}
            · <kbd className="font-mono">r</kbd> reviewed · <kbd className="font-mono">f</kbd> flag
          </>
        ) : null}
      </p>
      <div className="ml-auto flex items-center gap-1.5">
        <button type="button" onClick={markUnread} disabled={pending} className={buttonClasses("ghost", "sm")}>
          <MailWarning className="h-3.5 w-3.5" aria-hidden /> Mark unread
        </button>
        <PagerLink neighbour={previous} href={previous && articleHref(previous.id, listQuery, searchQuery)} rel="prev">
          <ChevronLeft className="h-3.5 w-3.5" aria-hidden /> Previous
        </PagerLink>
        <PagerLink neighbour={next} href={next && articleHref(next.id, listQuery, searchQuery)} rel="next">
          Next <ChevronRight className="h-3.5 w-3.5" aria-hidden />
        </PagerLink>
      </div>
    </nav>
  );
}

function PagerLink({
  neighbour,
  href,
  rel,
  children,
}: {
  neighbour: Neighbour | null;
  href: string | null;
  rel: "prev" | "next";
  children: React.ReactNode;
}) {
  if (!neighbour || !href)
    return (
      <span aria-disabled className={cn(buttonClasses("secondary", "sm"), "cursor-not-allowed opacity-50")}>
        {children}
      </span>
    );
  return (
    <Link href={href} replace rel={rel} title={neighbour.title} className={buttonClasses("secondary", "sm")}>
      {children}
    </Link>
  );
}
