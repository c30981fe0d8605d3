import { describe, expect, it } from "vitest";
import { applyNoteChange, type NoteLike } from "@/lib/desk/note-changes";

const at = new Date("2024-10-01T00:00:00Z");
const notes: NoteLike[] = [{ id: 1, note: "first", updatedAt: at }];

describe("applyNoteChange", () => {
  it("adds once", () => {
    const added = applyNoteChange(notes, { kind: "add", annotation: { id: 2, note: "second", updatedAt: at } });
    expect(added.map((note) => note.id)).toEqual([1, 2]);
    expect(applyNoteChange(added, { kind: "add", annotation: { id: 2, note: "second", updatedAt: at } })).toBe(added);
  });

  it("updates the text and time of one note", () => {
    const later = new Date("2024-10-02T00:00:00Z");
    expect(applyNoteChange(notes, { kind: "update", id: 1, note: "changed", at: later })).toEqual([
      { id: 1, note: "changed", updatedAt: later },
    ]);
    expect(applyNoteChange(notes, { kind: "update", id: 1, note: "first", at: later })[0]).toBe(notes[0]);
  });

  it("deletes, and deleting again changes nothing", () => {
    const deleted = applyNoteChange(notes, { kind: "delete", id: 1 });
    expect(deleted).toEqual([]);
    expect(applyNoteChange(deleted, { kind: "delete", id: 1 })).toBe(deleted);
  });
});
