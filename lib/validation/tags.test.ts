import { describe, expect, it } from "vitest";
import {
  addTagSchema,
  defaultTagColor,
  normalizeTagName,
  searchTagsSchema,
  TAG_COLORS,
  updateTagSchema,
} from "@/lib/validation/tags";

function luminance(hex: string): number {
  const channel = (offset: number) => {
    const value = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

describe("tag validation", () => {
  it("keeps white text on every palette colour at WCAG AA contrast, with distinct colours", () => {
    for (const { value } of TAG_COLORS)
      expect((1.05 / (luminance(value) + 0.05)).toFixed(2), value).toMatch(/^([5-9]|4\.[5-9])/);
    expect(new Set(TAG_COLORS.map((color) => color.value)).size).toBe(TAG_COLORS.length);
    expect(TAG_COLORS.length).toBeGreaterThanOrEqual(8);
  });

  it("normalises names and picks a stable default colour whatever the case", () => {
    expect(normalizeTagName("  Missile \n\t tests ")).toBe("Missile tests");
    expect(normalizeTagName("Cafe\u0301")).toBe("Café");
    expect(defaultTagColor("Missile tests")).toBe(defaultTagColor(" missile  TESTS"));
    const spread = new Set(["a", "b", "c", "d", "e", "f", "g", "h"].map(defaultTagColor));
    expect(spread.size).toBeGreaterThan(3);
  });

  it("parses add-tag input from a form or a direct call", () => {
    expect(addTagSchema.parse({ articleIds: "4, 2,4", tagId: "9", tagName: "" })).toEqual({
      articleIds: [4, 2],
      tag: { id: 9 },
    });
    expect(addTagSchema.parse({ articleIds: [1], tagName: " New  one " })).toEqual({
      articleIds: [1],
      tag: { name: "New one" },
    });
    expect(addTagSchema.safeParse({ articleIds: [1] }).success).toBe(false);
    expect(addTagSchema.safeParse({ articleIds: [], tagId: 1 }).success).toBe(false);
    expect(addTagSchema.safeParse({ articleIds: "1,x", tagId: 1 }).success).toBe(false);
    expect(
      addTagSchema.safeParse({ articleIds: Array.from({ length: 5_001 }, (_, i) => i + 1), tagId: 1 }).success,
    ).toBe(false);
  });

  it("needs a change to update a tag and bounds the search", () => {
    expect(updateTagSchema.safeParse({ tagId: "3" }).success).toBe(false);
    expect(updateTagSchema.parse({ tagId: "3", color: "#2563EB", name: "" })).toEqual({ tagId: 3, color: "#2563eb" });
    expect(searchTagsSchema.parse({})).toEqual({ prefix: "", limit: 10 });
    expect(searchTagsSchema.safeParse({ prefix: "m", limit: "500" }).success).toBe(false);
  });
});
