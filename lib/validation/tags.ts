import { z } from "zod";
import { articleIdsSchema, optionalFormValue, recordId } from "@/lib/validation/article-actions";

// Tags: team-wide labels analysts put on articles. A name is trimmed, its inner spaces collapsed and
// compared case-insensitively ("Missile" and "missile" are one tag); colours come from a fixed palette
// whose every colour keeps white text at WCAG AA contrast (4.5:1 or more), so a badge is always legible.
//
// Schemas accept both a form's strings and typed values, so an action can take FormData or an object.

export const TAG_NAME_MAX = 60;

export const TAG_COLORS = [
  { value: "#475569", label: "Slate" },
  { value: "#b91c1c", label: "Red" },
  { value: "#c2410c", label: "Orange" },
  { value: "#b45309", label: "Amber" },
  { value: "#15803d", label: "Green" },
  { value: "#0f766e", label: "Teal" },
  { value: "#0369a1", label: "Sky" },
  { value: "#2563eb", label: "Blue" },
  { value: "#7c3aed", label: "Violet" },
  { value: "#be185d", label: "Pink" },
] as const;

export type TagColor = (typeof TAG_COLORS)[number]["value"];

const COLOR_VALUES = TAG_COLORS.map((color) => color.value) as [TagColor, ...TagColor[]];

/** NFC, trimmed, every run of whitespace one space: the form a tag name is stored and compared in. */
export function normalizeTagName(name: string): string {
  return name.normalize("NFC").replace(/\s+/g, " ").trim();
}

/** A stable palette colour for a new tag without one, so tags differ without anyone choosing. */
export function defaultTagColor(name: string): TagColor {
  let hash = 0;
  for (const char of normalizeTagName(name).toLowerCase()) hash = (hash * 31 + char.codePointAt(0)!) >>> 0;
  return COLOR_VALUES[hash % COLOR_VALUES.length];
}

export const tagNameSchema = z
  .string({ message: "Enter a tag name." })
  .transform(normalizeTagName)
  .pipe(
    z
      .string()
      .min(1, "Enter a tag name.")
      .max(TAG_NAME_MAX, `Tag names have at most ${TAG_NAME_MAX} characters.`)
      .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), "Tag names cannot hold control characters."),
  );

export const tagColorSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(COLOR_VALUES, { message: "Choose one of the palette's colours." }));

export const createTagSchema = z.object({
  name: tagNameSchema,
  color: optionalFormValue(tagColorSchema),
});

export const updateTagSchema = z
  .object({ tagId: recordId, name: optionalFormValue(tagNameSchema), color: optionalFormValue(tagColorSchema) })
  .refine((input) => input.name !== undefined || input.color !== undefined, {
    message: "Change the name or the colour.",
    path: ["name"],
  });

export const tagIdSchema = z.object({ tagId: recordId });

export const searchTagsSchema = z.object({
  prefix: z
    .string()
    .max(TAG_NAME_MAX * 2)
    .default("")
    .transform(normalizeTagName),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

/** Add a tag to articles: an existing tag by id, or by name (found case-insensitively, else created). */
export const addTagSchema = z
  .object({
    articleIds: articleIdsSchema,
    tagId: optionalFormValue(recordId),
    tagName: optionalFormValue(tagNameSchema),
  })
  .refine((input) => (input.tagId === undefined) !== (input.tagName === undefined), {
    message: "Choose a tag or type a new one.",
    path: ["tagName"],
  })
  .transform(({ articleIds, tagId, tagName }) => ({
    articleIds,
    tag: tagId !== undefined ? { id: tagId } : { name: tagName! },
  }));

export const removeTagSchema = z.object({ articleIds: articleIdsSchema, tagId: recordId });

export type TagRef = { id: number } | { name: string };
export type CreateTagInput = z.infer<typeof createTagSchema>;
export type UpdateTagInput = Omit<z.infer<typeof updateTagSchema>, "tagId">;
