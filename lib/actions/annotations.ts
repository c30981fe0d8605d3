"use server";

import type { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { revalidateArticles } from "@/lib/actions/revalidate";
import type { ActionResult } from "@/lib/actions/run-action";
import { createAnnotation, deleteAnnotation, updateAnnotation, type AnnotationView } from "@/lib/data/annotations";
import { annotationIdSchema, createAnnotationSchema, updateAnnotationSchema } from "@/lib/validation/annotations";

// Annotation actions for the reading view. Each takes (previousState, FormData | object) like the article
// actions, checks "articles:annotate" first (lib/data/annotations.ts then lets authors change their own
// notes and admins, "annotations:moderate", anyone's), and returns the annotation as now stored, with
// where its passage is, for the UI to replace its optimistic copy.
//
//   createAnnotationAction { articleId, note, exact?, prefix?, suffix?, start?, end? }  -> { annotation }
//       (no exact: a note on the whole article; offsets are into the article's bodyText)
//   updateAnnotationAction { annotationId, note }                                      -> { annotation }
//   deleteAnnotationAction { annotationId }                                            -> { annotationId, articleId }

export type CreateAnnotationActionInput = z.input<typeof createAnnotationSchema>;
export type UpdateAnnotationActionInput = z.input<typeof updateAnnotationSchema>;
export type AnnotationIdInput = z.input<typeof annotationIdSchema>;

export const createAnnotationAction = defineAction(
  { permission: "articles:annotate", schema: createAnnotationSchema },
  async ({ actor, input }): Promise<ActionResult<{ annotation: AnnotationView }>> => {
    const annotation = await createAnnotation(input, actor);
    revalidateArticles([annotation.articleId]);
    const message =
      annotation.anchor && annotation.anchor.method !== "position"
        ? "Note saved; the passage had moved and was found again."
        : "Note saved.";
    return { ok: true, message, data: { annotation } };
  },
);

export const updateAnnotationAction = defineAction(
  { permission: "articles:annotate", schema: updateAnnotationSchema },
  async ({ actor, input: { annotationId, note } }): Promise<ActionResult<{ annotation: AnnotationView }>> => {
    const annotation = await updateAnnotation(annotationId, note, actor);
    revalidateArticles([annotation.articleId]);
    return { ok: true, message: "Note updated.", data: { annotation } };
  },
);

export const deleteAnnotationAction = defineAction(
  { permission: "articles:annotate", schema: annotationIdSchema },
  async ({ actor, input: { annotationId } }): Promise<ActionResult<{ annotationId: number; articleId: number }>> => {
    const { articleId } = await deleteAnnotation(annotationId, actor);
    revalidateArticles([articleId]);
    return { ok: true, message: "Note deleted.", data: { annotationId, articleId } };
  },
);
