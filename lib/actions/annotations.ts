"use server";

import type { z } from "zod";
import { actionInput, requireDeskActor, revalidateArticles } from "@/lib/actions/desk-actor";
import { parseInput, runAction, type ActionResult, type ActionState } from "@/lib/actions/run-action";
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

export async function createAnnotationAction(
  _state: ActionState<{ annotation: AnnotationView }>,
  input: FormData | CreateAnnotationActionInput,
) {
  return runAction(async (): Promise<ActionResult<{ annotation: AnnotationView }>> => {
    const actor = await requireDeskActor("articles:annotate");
    const parsed = parseInput(createAnnotationSchema, actionInput(input));
    const annotation = await createAnnotation(parsed, actor);
    revalidateArticles([annotation.articleId]);
    const message =
      annotation.anchor && annotation.anchor.method !== "position"
        ? "Note saved; the passage had moved and was found again."
        : "Note saved.";
    return { ok: true, message, data: { annotation } };
  });
}

export async function updateAnnotationAction(
  _state: ActionState<{ annotation: AnnotationView }>,
  input: FormData | UpdateAnnotationActionInput,
) {
  return runAction(async (): Promise<ActionResult<{ annotation: AnnotationView }>> => {
    const actor = await requireDeskActor("articles:annotate");
    const { annotationId, note } = parseInput(updateAnnotationSchema, actionInput(input));
    const annotation = await updateAnnotation(annotationId, note, actor);
    revalidateArticles([annotation.articleId]);
    return { ok: true, message: "Note updated.", data: { annotation } };
  });
}

export async function deleteAnnotationAction(
  _state: ActionState<{ annotationId: number; articleId: number }>,
  input: FormData | AnnotationIdInput,
) {
  return runAction(async (): Promise<ActionResult<{ annotationId: number; articleId: number }>> => {
    const actor = await requireDeskActor("articles:annotate");
    const { annotationId } = parseInput(annotationIdSchema, actionInput(input));
    const { articleId } = await deleteAnnotation(annotationId, actor);
    revalidateArticles([articleId]);
    return { ok: true, message: "Note deleted.", data: { annotationId, articleId } };
  });
}
