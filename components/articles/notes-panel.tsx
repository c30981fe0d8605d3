"use client";

import { useState } from "react";
import type { AnnotationView } from "@/lib/data/annotations";
import { formatDateTime, formatUtc } from "@/lib/format";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/field";
import { cn } from "@/components/ui/cn";

// The article's notes beside the text: passages in text order, whole-article notes, and notes whose
// passage is no longer in the text (orphans), each with its author and time. Authors edit and delete
// their own notes; admins anyone's.

export type NoteItem = AnnotationView & { pending?: boolean };

export function NotesPanel({
  notes,
  latestVersion,
  activeId,
  timeZone,
  canAnnotate,
  canChange,
  onActivate,
  onAddWhole,
  onUpdate,
  onDelete,
}: {
  notes: NoteItem[];
  latestVersion: number;
  activeId: number | null;
  timeZone: string;
  canAnnotate: boolean;
  canChange: (note: NoteItem) => boolean;
  onActivate: (id: number) => void;
  onAddWhole: (note: string) => Promise<boolean>;
  onUpdate: (id: number, note: string) => Promise<boolean>;
  onDelete: (id: number) => void;
}) {
  const placed = notes.filter((note) => note.anchor).sort((a, b) => a.anchor!.start - b.anchor!.start || a.id - b.id);
  const whole = notes.filter((note) => note.exact === null);
  const orphans = notes.filter((note) => note.orphaned);
  const item = (note: NoteItem) => (
    <NoteCard
      key={note.id}
      note={note}
      active={note.id === activeId}
      timeZone={timeZone}
      earlierVersion={note.version !== null && note.version < latestVersion ? note.version : null}
      canChange={canChange(note)}
      onActivate={() => onActivate(note.id)}
      onUpdate={(text) => onUpdate(note.id, text)}
      onDelete={() => onDelete(note.id)}
    />
  );
  return (
    <section aria-labelledby="notes-heading" className="space-y-2">
      <h2 id="notes-heading" className="text-xs font-semibold text-slate-900">
        Notes <span className="font-normal text-slate-500">{notes.length ? notes.length : ""}</span>
      </h2>
      {canAnnotate ? <WholeNoteForm onAdd={onAddWhole} /> : null}
      {notes.length === 0 ? (
        <p className="text-xs text-slate-500">
          {canAnnotate ? "Select a passage in the text to annotate it." : "No notes on this article."}
        </p>
      ) : null}
      {whole.length ? (
        <ol className="space-y-2" aria-label="Notes on the whole article">
          {whole.map(item)}
        </ol>
      ) : null}
      {placed.length ? (
        <ol className="space-y-2" aria-label="Notes on passages">
          {placed.map(item)}
        </ol>
      ) : null}
      {orphans.length ? (
        <div className="space-y-2 border-t border-slate-200 pt-2">
          <h3 className="text-[11px] font-medium text-slate-600">Passages no longer in the text</h3>
          <ol className="space-y-2" aria-label="Notes whose passage is gone">
            {orphans.map(item)}
          </ol>
        </div>
      ) : null}
    </section>
  );
}

function WholeNoteForm({ onAdd }: { onAdd: (note: string) => Promise<boolean> }) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [saving, setSaving] = useState(false);
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} className="text-xs text-accent-700 hover:underline">
        Add a note on the whole article
      </button>
    );
  }
  return (
    <form
      className="space-y-1.5"
      onSubmit={async (event) => {
        event.preventDefault();
        setSaving(true);
        const saved = await onAdd(text);
        setSaving(false);
        if (saved) {
          setText("");
          setOpen(false);
        }
      }}
    >
      <Textarea
        aria-label="Note on the whole article"
        value={text}
        onChange={(event) => setText(event.target.value)}
        rows={3}
        autoFocus
        className="min-h-16 text-sm"
      />
      <div className="flex gap-1.5">
        <Button type="submit" size="sm" variant="primary" disabled={saving || !text.trim()}>
          {saving ? "Saving…" : "Add note"}
        </Button>
        <Button size="sm" variant="ghost" onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function NoteCard({
  note,
  active,
  timeZone,
  earlierVersion,
  canChange,
  onActivate,
  onUpdate,
  onDelete,
}: {
  note: NoteItem;
  active: boolean;
  timeZone: string;
  /** The version the note was made on, when the article has changed at its source since. */
  earlierVersion: number | null;
  canChange: boolean;
  onActivate: () => void;
  onUpdate: (text: string) => Promise<boolean>;
  onDelete: () => void;
}) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(note.note);
  const [confirming, setConfirming] = useState(false);
  const edited = note.updatedAt.getTime() - note.createdAt.getTime() > 1_000;
  return (
    <li
      id={`note-${note.id}`}
      className={cn(
        "rounded-md border bg-white p-2 text-sm",
        active ? "border-amber-400 ring-1 ring-amber-300" : "border-slate-200",
        note.pending && "opacity-70",
      )}
    >
      {note.exact !== null ? (
        <button
          type="button"
          onClick={onActivate}
          disabled={note.orphaned}
          className="mb-1 block w-full border-l-2 border-amber-300 pl-2 text-left font-serif text-xs text-slate-600 italic enabled:hover:text-slate-900"
          title={
            note.orphaned
              ? earlierVersion !== null
                ? `This passage is not in the latest version: it was in version ${earlierVersion} (see History)`
                : "This passage is no longer in the article's text"
              : "Show the passage"
          }
        >
          <span className="line-clamp-2">“{note.exact}”</span>
        </button>
      ) : (
        <p className="mb-1 text-[11px] font-medium tracking-wide text-slate-500 uppercase">Whole article</p>
      )}
      {editing ? (
        <form
          className="space-y-1.5"
          onSubmit={async (event) => {
            event.preventDefault();
            if (await onUpdate(text)) setEditing(false);
          }}
        >
          <Textarea
            aria-label="Edit the note"
            value={text}
            onChange={(event) => setText(event.target.value)}
            rows={3}
            autoFocus
            className="min-h-16 text-sm"
          />
          <div className="flex gap-1.5">
            <Button type="submit" size="sm" variant="primary" disabled={!text.trim()}>
              Save
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setEditing(false)}>
              Cancel
            </Button>
          </div>
        </form>
      ) : (
        <p className="text-[13px] leading-5 whitespace-pre-wrap text-slate-800">{note.note}</p>
      )}
      <div className="mt-1 flex flex-wrap items-center gap-x-1.5 text-[11px] text-slate-500">
        <span className="font-medium text-slate-600">{note.author.name}</span>
        <time dateTime={note.createdAt.toISOString()} title={formatUtc(note.createdAt)}>
          {formatDateTime(note.createdAt, timeZone)}
        </time>
        {edited ? <span title={`Edited ${formatUtc(note.updatedAt)}`}>(edited)</span> : null}
        {earlierVersion !== null ? (
          <span title="The article changed at its source after this note was made">
            (made on version {earlierVersion}
            {note.orphaned ? "; passage gone from the latest" : ""})
          </span>
        ) : null}
        {note.anchor && note.anchor.method !== "position" ? (
          <span title="The text changed since; the passage was found again">(moved)</span>
        ) : null}
        {canChange && !note.pending && !editing ? (
          <span className="ml-auto flex gap-1">
            {confirming ? (
              <>
                <button type="button" onClick={onDelete} className="font-medium text-red-700 hover:underline">
                  Delete
                </button>
                <button type="button" onClick={() => setConfirming(false)} className="hover:underline">
                  Keep
                </button>
              </>
            ) : (
              <>
                <button
                  type="button"
                  onClick={() => {
                    setText(note.note);
                    setEditing(true);
                  }}
                  className="hover:text-slate-900 hover:underline"
                  aria-label="Edit this note"
                >
                  Edit
                </button>
                <button
                  type="button"
                  onClick={() => setConfirming(true)}
                  className="hover:text-red-700 hover:underline"
                  aria-label="Delete this note"
                >
                  Delete
                </button>
              </>
            )}
          </span>
        ) : null}
      </div>
    </li>
  );
}
