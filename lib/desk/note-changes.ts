// The reading view's notes as the analyst edits them: applied at once (optimistically) and again when
// the server confirms, so each change is idempotent.

export type NoteLike = { id: number; note: string; updatedAt: Date };

export type NoteChange<T extends NoteLike> =
  | { kind: "add"; annotation: T }
  | { kind: "update"; id: number; note: string; at: Date }
  | { kind: "delete"; id: number };

export function applyNoteChange<T extends NoteLike>(notes: T[], change: NoteChange<T>): T[] {
  switch (change.kind) {
    case "add":
      return notes.some((note) => note.id === change.annotation.id) ? notes : [...notes, change.annotation];
    case "update":
      return notes.map((note) =>
        note.id === change.id && note.note !== change.note
          ? { ...note, note: change.note, updatedAt: change.at }
          : note,
      );
    case "delete":
      return notes.some((note) => note.id === change.id) ? notes.filter((note) => note.id !== change.id) : notes;
  }
}
