"use client";

import { BookA, MessageSquarePlus } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { segmentBody, trimPassage, type AnnotationRange, type MatchRange } from "@/lib/desk/body-segments";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/field";
import { cn } from "@/components/ui/cn";
import { ProposeNameForm } from "@/components/names/propose-name-form";

// The article's plain text with its annotated passages marked. Each paragraph carries where it starts in
// bodyText (data-start) and holds exactly that slice of text, marks included, so a selection in the page
// maps to bodyText offsets by counting characters: what is saved is what the reader selected. Selecting
// text offers "Annotate" (the note form opens in place) and, to analysts, "Propose spelling" (the selection
// as a spelling of an entry of the names register). The search's matches are marked too, each numbered so
// the reader can step through them.

export type Passage = { start: number; end: number };
type Popup = Passage & { top: number; left: number; writing: boolean; proposing?: boolean };

/** Where (node, offset) falls in bodyText, given the body element; null when outside the paragraphs. */
function bodyOffset(body: HTMLElement, node: Node, offset: number): number | null {
  if (node === body) {
    const child = body.children[offset] as HTMLElement | undefined;
    const last = body.lastElementChild as HTMLElement | null;
    return child ? Number(child.dataset.start) : last ? Number(last.dataset.end) : null;
  }
  const element = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  const paragraph = element?.closest<HTMLElement>("[data-start]");
  if (!paragraph || !body.contains(paragraph)) return null;
  const before = document.createRange();
  before.setStart(paragraph, 0);
  before.setEnd(node, offset);
  return Number(paragraph.dataset.start) + before.toString().length;
}

export function AnnotatedBody({
  text,
  language,
  ranges,
  matches = [],
  activeMatch = null,
  activeId,
  canAnnotate,
  proposeFor,
  onActivate,
  onAnnotate,
}: {
  text: string;
  language: string;
  ranges: AnnotationRange[];
  /** Where the search matched (lib/search/article-highlight.ts). */
  matches?: MatchRange[];
  activeMatch?: number | null;
  activeId: number | null;
  canAnnotate: boolean;
  /** Set for those who may propose a spelling: the article it is seen in. */
  proposeFor?: { articleId: number } | null;
  onActivate: (id: number) => void;
  onAnnotate: (passage: Passage, note: string) => Promise<boolean>;
}) {
  const bodyRef = useRef<HTMLDivElement>(null);
  const frameRef = useRef<HTMLDivElement>(null);
  const [popup, setPopup] = useState<Popup | null>(null);
  const [note, setNote] = useState("");
  const [saving, setSaving] = useState(false);
  const draft = popup?.writing ? [{ id: 0, start: popup.start, end: popup.end }] : [];
  const paragraphs = segmentBody(text, [...ranges, ...draft], matches);
  const canSelect = canAnnotate || Boolean(proposeFor);

  function readSelection() {
    const body = bodyRef.current;
    const frame = frameRef.current;
    const selection = window.getSelection();
    if (!canSelect || !body || !frame || !selection || selection.isCollapsed || !selection.rangeCount) return;
    const range = selection.getRangeAt(0);
    if (!range.intersectsNode(body)) return;
    const start = body.contains(range.startContainer) ? bodyOffset(body, range.startContainer, range.startOffset) : 0;
    const end = body.contains(range.endContainer) ? bodyOffset(body, range.endContainer, range.endOffset) : text.length;
    const passage = start === null || end === null ? null : trimPassage(text, start, end);
    if (!passage) return;
    const rects = range.getClientRects();
    const last = rects[rects.length - 1] ?? range.getBoundingClientRect();
    const box = frame.getBoundingClientRect();
    setPopup({
      ...passage,
      top: last.bottom - box.top + 6,
      left: Math.max(0, Math.min(last.right - box.left - 48, box.width - 300)),
      writing: false,
    });
  }

  useEffect(() => {
    // A click elsewhere collapses the selection: the offer goes with it (an open note form stays).
    const onChange = () => {
      if (window.getSelection()?.isCollapsed)
        setPopup((current) => (current && !current.writing && !current.proposing ? null : current));
    };
    document.addEventListener("selectionchange", onChange);
    return () => document.removeEventListener("selectionchange", onChange);
  }, []);

  async function save() {
    if (!popup || !note.trim()) return;
    setSaving(true);
    const saved = await onAnnotate({ start: popup.start, end: popup.end }, note);
    setSaving(false);
    if (saved) {
      setPopup(null);
      setNote("");
    }
  }

  return (
    <div ref={frameRef} className="relative">
      <div
        ref={bodyRef}
        lang={language}
        onMouseUp={readSelection}
        onKeyUp={(event) => event.shiftKey && readSelection()}
        className="space-y-3 font-serif text-[15px] leading-7 text-slate-800"
      >
        {paragraphs.map((paragraph) => (
          <p key={paragraph.start} data-start={paragraph.start} data-end={paragraph.end}>
            {paragraph.segments.map((segment) => {
              const slice = text.slice(segment.start, segment.end);
              let content: React.ReactNode = slice;
              if (segment.annotationIds.length) {
                const ids = segment.annotationIds.filter((id) => id !== 0);
                const isDraft = segment.annotationIds.includes(0);
                content = (
                  <mark
                    data-annotation-ids={ids.join(" ")}
                    onClick={() => ids.length && onActivate(ids[0])}
                    className={cn(
                      "cursor-pointer px-0",
                      isDraft && "bg-accent-100",
                      ids.length > 1 && "bg-amber-200",
                      activeId !== null && ids.includes(activeId) && "bg-amber-300 ring-1 ring-amber-500",
                    )}
                  >
                    {slice}
                  </mark>
                );
              }
              if (segment.matchIndex === undefined)
                return segment.annotationIds.length ? <span key={segment.start}>{content}</span> : slice;
              return (
                <mark
                  key={segment.start}
                  data-match-index={segment.matchIndex}
                  className={cn(
                    "rounded-sm bg-sky-100 px-0 text-inherit underline decoration-sky-500 decoration-2 underline-offset-2",
                    activeMatch === segment.matchIndex && "bg-sky-300 ring-2 ring-sky-600",
                  )}
                >
                  {content}
                </mark>
              );
            })}
          </p>
        ))}
      </div>
      {popup ? (
        <div
          role={popup.writing || popup.proposing ? "dialog" : undefined}
          aria-label={
            popup.proposing
              ? "Propose a spelling for the names register"
              : popup.writing
                ? "Note on the selected passage"
                : undefined
          }
          className="absolute z-30 rounded-md border border-slate-200 bg-white shadow-lg"
          style={{ top: popup.top, left: popup.left }}
        >
          {popup.proposing && proposeFor ? (
            <ProposeNameForm
              spelling={text.slice(popup.start, popup.end)}
              articleId={proposeFor.articleId}
              onClose={() => setPopup(null)}
            />
          ) : popup.writing ? (
            <form
              className="w-72 space-y-2 p-2"
              onSubmit={(event) => {
                event.preventDefault();
                void save();
              }}
            >
              <p className="line-clamp-2 border-l-2 border-amber-300 pl-2 font-serif text-xs text-slate-600 italic">
                “{text.slice(popup.start, popup.end)}”
              </p>
              <Textarea
                aria-label="Note"
                value={note}
                onChange={(event) => setNote(event.target.value)}
                onKeyDown={(event) => {
                  if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) void save();
                  if (event.key === "Escape") setPopup(null);
                }}
                autoFocus
                rows={3}
                className="min-h-16 text-sm"
                placeholder="Your note"
              />
              <div className="flex items-center gap-1.5">
                <Button type="submit" size="sm" variant="primary" disabled={saving || !note.trim()}>
                  {saving ? "Saving…" : "Save note"}
                </Button>
                <Button size="sm" variant="ghost" onClick={() => setPopup(null)}>
                  Cancel
                </Button>
                <span className="ml-auto text-[11px] text-slate-400">Ctrl+Enter saves</span>
              </div>
            </form>
          ) : (
            <div className="flex">
              {canAnnotate ? (
                <button
                  type="button"
                  onMouseDown={(event) => event.preventDefault()}
                  onClick={() => setPopup({ ...popup, writing: true })}
                  className="inline-flex items-center gap-1 rounded-md px-2 py-1 text-xs font-medium text-slate-800 hover:bg-slate-50"
                >
                  <MessageSquarePlus className="h-3.5 w-3.5" aria-hidden /> Annotate
                </button>
              ) : null}
              {proposeFor && text.slice(popup.start, popup.end).length <= 120 ? (
                <button
                  type="button"
                  onMouseDown={(event) => event.preventDefault()}
                  onClick={() => setPopup({ ...popup, proposing: true })}
                  className="inline-flex items-center gap-1 rounded-md px-2 py-1 text-xs font-medium text-slate-800 hover:bg-slate-50"
                >
                  <BookA className="h-3.5 w-3.5" aria-hidden /> Propose spelling
                </button>
              ) : null}
            </div>
          )}
        </div>
      ) : null}
    </div>
  );
}
