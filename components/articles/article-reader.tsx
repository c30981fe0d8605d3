"use client";

import { useOptimistic, useState, useTransition } from "react";
import { createAnnotationAction, deleteAnnotationAction, updateAnnotationAction } from "@/lib/actions/annotations";
import type { ActionResult } from "@/lib/actions/run-action";
import { describePassage } from "@/lib/annotations/anchor";
import type { AnnotationView } from "@/lib/data/annotations";
import { applyNoteChange, type NoteChange } from "@/lib/desk/note-changes";
import { Notice } from "@/components/ui/notice";
import { AnnotatedBody, type Passage } from "@/components/articles/annotated-body";
import { SearchMatches } from "@/components/articles/search-matches";
import { NotesPanel, type NoteItem } from "@/components/articles/notes-panel";

// The reading view's two columns: the article (header, then the annotated text) and beside it the
// article's controls and its notes. The text and the notes share one state: a saved note is marked in
// the text at once, and clicking a mark finds its note (and the other way round).

const UNREACHABLE = "The note could not be sent: check the connection and try again.";

export function ArticleReader({
  articleId,
  bodyText,
  language,
  header,
  side,
  annotations,
  search,
  user,
  can,
  latestVersion = 1,
}: {
  articleId: number;
  bodyText: string;
  language: string;
  header: React.ReactNode;
  side: React.ReactNode;
  annotations: AnnotationView[];
  /** The desk's search, when the article was opened from it: where it matches in bodyText. */
  search?: { query: string; spellings: number; ranges: { start: number; end: number }[] } | null;
  user: { id: number; name: string; timeZone: string };
  can: { annotate: boolean; moderate: boolean; propose: boolean };
  /** The article's version number now: notes made on an earlier one say so. */
  latestVersion?: number;
}) {
  const [base, setBase] = useState<NoteItem[]>(annotations);
  const [seen, setSeen] = useState(annotations);
  if (annotations !== seen) {
    setSeen(annotations);
    setBase(annotations);
  }
  const [notes, applyOptimistic] = useOptimistic(base, applyNoteChange<NoteItem>);
  const [, startTransition] = useTransition();
  const [activeId, setActiveId] = useState<number | null>(null);
  const [activeMatch, setActiveMatch] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  function write<T>(
    change: NoteChange<NoteItem>,
    call: () => Promise<ActionResult<T>>,
    confirm: (data: T) => NoteChange<NoteItem>,
  ): Promise<boolean> {
    setError(null);
    return new Promise((resolve) => {
      startTransition(async () => {
        applyOptimistic(change);
        let result: ActionResult<T>;
        try {
          result = await call();
        } catch {
          result = { ok: false, error: UNREACHABLE };
        }
        startTransition(() => {
          if (!result.ok) {
            setError(result.error);
            return resolve(false);
          }
          const confirmed = confirm(result.data as T);
          setBase((current) => applyNoteChange(current, confirmed));
          resolve(true);
        });
      });
    });
  }

  function draft(note: string, passage: Passage | null): NoteItem {
    const now = new Date();
    const selector = passage ? describePassage(bodyText, passage.start, passage.end) : null;
    return {
      id: -now.getTime(),
      articleId,
      note: note.trim(),
      exact: selector?.exact ?? null,
      prefix: selector?.prefix ?? null,
      suffix: selector?.suffix ?? null,
      startOffset: selector?.start ?? null,
      endOffset: selector?.end ?? null,
      author: { id: user.id, name: user.name },
      createdAt: now,
      updatedAt: now,
      version: latestVersion,
      anchor: selector ? { start: selector.start, end: selector.end, method: "position" } : null,
      orphaned: false,
      pending: true,
    };
  }

  function add(note: string, passage: Passage | null) {
    const item = draft(note, passage);
    const input = passage
      ? {
          articleId,
          note,
          exact: item.exact!,
          prefix: item.prefix!,
          suffix: item.suffix!,
          start: passage.start,
          end: passage.end,
        }
      : { articleId, note };
    return write(
      { kind: "add", annotation: item },
      () => createAnnotationAction(null, input),
      (data) => ({ kind: "add", annotation: data!.annotation }),
    );
  }

  function activate(id: number, from: "text" | "notes") {
    setActiveId(id);
    const target =
      from === "text"
        ? document.getElementById(`note-${id}`)
        : document.querySelector(`[data-annotation-ids~="${id}"]`);
    target?.scrollIntoView({ block: from === "text" ? "nearest" : "center", behavior: "smooth" });
  }

  return (
    <div className="grid grid-cols-1 gap-5 xl:grid-cols-[minmax(0,1fr)_19rem]">
      <article
        className="min-w-0 rounded-lg border border-slate-200 bg-white px-4 py-5 sm:px-8 sm:py-6"
        aria-labelledby="article-title"
      >
        {header}
        {search ? (
          <div className="mt-4">
            <SearchMatches
              query={search.query}
              spellings={search.spellings}
              count={search.ranges.length}
              active={activeMatch}
              onMove={setActiveMatch}
            />
          </div>
        ) : null}
        <div className="mt-5">
          <AnnotatedBody
            text={bodyText}
            language={language}
            matches={search?.ranges}
            activeMatch={activeMatch}
            proposeFor={can.propose ? { articleId } : null}
            ranges={notes.flatMap((note) =>
              note.anchor ? [{ id: note.id, start: note.anchor.start, end: note.anchor.end }] : [],
            )}
            activeId={activeId}
            canAnnotate={can.annotate}
            onActivate={(id) => activate(id, "text")}
            onAnnotate={(passage, note) => add(note, passage)}
          />
        </div>
      </article>
      <aside aria-label="About this article" className="space-y-4">
        {side}
        {error ? <Notice tone="error">{error}</Notice> : null}
        <NotesPanel
          latestVersion={latestVersion}
          notes={notes}
          activeId={activeId}
          timeZone={user.timeZone}
          canAnnotate={can.annotate}
          canChange={(note) => note.id > 0 && (note.author.id === user.id ? can.annotate : can.moderate)}
          onActivate={(id) => activate(id, "notes")}
          onAddWhole={(note) => add(note, null)}
          onUpdate={(id, note) =>
            write(
              { kind: "update", id, note: note.trim(), at: new Date() },
              () => updateAnnotationAction(null, { annotationId: id, note }),
              (data) => ({ kind: "update", id, note: data!.annotation.note, at: data!.annotation.updatedAt }),
            )
          }
          onDelete={(id) =>
            void write(
              { kind: "delete", id },
              () => deleteAnnotationAction(null, { annotationId: id }),
              () => ({ kind: "delete", id }),
            )
          }
        />
      </aside>
    </div>
  );
}
