import { describe, expect, it } from "vitest";
import { commandForKey, DESK_SHORTCUTS, isTypingTarget, offersShortcut } from "@/lib/desk/keyboard";

describe("commandForKey", () => {
  it("maps the documented keys", () => {
    const analyst = { canWrite: true, canSelect: true };
    expect(commandForKey({ key: "j" }, analyst)).toBe("next");
    expect(commandForKey({ key: "k" }, analyst)).toBe("previous");
    expect(commandForKey({ key: "o" }, analyst)).toBe("open");
    expect(commandForKey({ key: "Enter" }, analyst)).toBe("open");
    expect(commandForKey({ key: "x" }, analyst)).toBe("select");
    expect(commandForKey({ key: "t" }, analyst)).toBe("tag");
    expect(commandForKey({ key: "r" }, analyst)).toBe("reviewed");
    expect(commandForKey({ key: "f" }, analyst)).toBe("flagged");
    expect(commandForKey({ key: "/" }, analyst)).toBe("search");
    expect(commandForKey({ key: "?" }, analyst)).toBe("help");
    expect(commandForKey({ key: "q" }, analyst)).toBeNull();
  });

  it("leaves modified keys to the browser", () => {
    expect(commandForKey({ key: "r", ctrlKey: true }, { canWrite: true, canSelect: true })).toBeNull();
    expect(commandForKey({ key: "k", metaKey: true }, { canWrite: true, canSelect: true })).toBeNull();
    expect(commandForKey({ key: "j", altKey: true }, { canWrite: true, canSelect: true })).toBeNull();
  });

  it("offers a viewer the keys that change nothing, and x to select rows for an export", () => {
    const viewer = { canWrite: false, canSelect: true };
    for (const key of ["t", "r", "f"]) expect(commandForKey({ key }, viewer)).toBeNull();
    expect(commandForKey({ key: "x" }, viewer)).toBe("select");
    expect(commandForKey({ key: "j" }, viewer)).toBe("next");
    expect(DESK_SHORTCUTS.filter((entry) => offersShortcut(entry, viewer)).map((entry) => entry.command)).toEqual([
      "next",
      "previous",
      "open",
      "select",
      "unread",
      "search",
      "help",
    ]);
    expect(commandForKey({ key: "u" }, viewer)).toBe("unread");
  });

  it("offers no selection to someone who may neither write nor export", () => {
    expect(commandForKey({ key: "x" }, { canWrite: false, canSelect: false })).toBeNull();
  });
});

describe("isTypingTarget", () => {
  const element = (tagName: string, inside: string | null = null, isContentEditable = false, type?: string) => ({
    tagName,
    type,
    isContentEditable,
    closest: (selector: string) => (inside && selector.includes(inside) ? {} : null),
  });

  it("is true in form controls, editable text and dialogs", () => {
    expect(isTypingTarget(element("input"))).toBe(true);
    expect(isTypingTarget(element("INPUT", null, false, "search"))).toBe(true);
    expect(isTypingTarget(element("TEXTAREA"))).toBe(true);
    expect(isTypingTarget(element("SELECT"))).toBe(true);
    expect(isTypingTarget(element("DIV", null, true))).toBe(true);
    expect(isTypingTarget(element("BUTTON", '[role="dialog"]'))).toBe(true);
  });

  it("is false on the page itself", () => {
    expect(isTypingTarget(element("LI"))).toBe(false);
    expect(isTypingTarget(element("INPUT", null, false, "checkbox"))).toBe(false);
    expect(isTypingTarget(element("BODY"))).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});
