import { z } from "zod";
import { ANNOTATION_CONTEXT_CHARS } from "@/lib/constants";
import { optionalFormValue, recordId } from "@/lib/validation/article-actions";

// Annotations: a note on a passage of an article's plain text (bodyText), or on the whole article.
// A passage arrives as the browser saw it: the exact quote, some context before and after, and its
// offsets in bodyText. The server re-anchors it against the stored text (lib/annotations/anchor.ts) and
// stores its own prefix and suffix, so the client's context is a hint, not the record.

export const NOTE_MAX = 10_000;
export const EXACT_MAX = 20_000;

const note = z
  .string({ message: "Write a note." })
  .transform((text) => text.replace(/\r\n?/g, "\n").trim())
  .pipe(
    z
      .string()
      .min(1, "Write a note.")
      .max(NOTE_MAX, `Notes have at most ${NOTE_MAX.toLocaleString("en-US")} characters.`),
  );

const offset = z.coerce.number().int().min(0).max(100_000_000);
const context = z.string().max(ANNOTATION_CONTEXT_CHARS * 8);

export const createAnnotationSchema = z
  .object({
    articleId: recordId,
    note,
    exact: optionalFormValue(z.string().min(1).max(EXACT_MAX, "Select a shorter passage.")),
    prefix: optionalFormValue(context),
    suffix: optionalFormValue(context),
    start: optionalFormValue(offset),
    end: optionalFormValue(offset),
  })
  .refine((input) => input.start === undefined || input.end === undefined || input.end > input.start, {
    message: "The selection's end must come after its start.",
    path: ["end"],
  })
  .transform(({ articleId, note, exact, prefix, suffix, start, end }) => ({
    articleId,
    note,
    passage:
      exact === undefined
        ? null
        : { exact, prefix: prefix ?? null, suffix: suffix ?? null, start: start ?? null, end: end ?? null },
  }));

export const updateAnnotationSchema = z.object({ annotationId: recordId, note });
export const annotationIdSchema = z.object({ annotationId: recordId });

export type CreateAnnotationInput = z.infer<typeof createAnnotationSchema>;
export type PassageInput = NonNullable<CreateAnnotationInput["passage"]>;
