import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/data/audit";
import { authorize, type Actor } from "@/lib/data/actor";
import { anchorAnnotation, describePassage, type Anchor, type DescribedPassage } from "@/lib/annotations/anchor";
import { ForbiddenError, InvalidError, NotFoundError } from "@/lib/errors";
import { can } from "@/lib/permissions";
import { NOTE_MAX, type PassageInput } from "@/lib/validation/annotations";

// Annotations on an article: a note on a passage of its plain text (bodyText) or on the whole article.
//
//   createAnnotation({ articleId, note, passage }, actor)  "articles:annotate"; the passage is re-anchored
//                                                          on the stored text, refused if it is not there
//   listAnnotations(articleId)                  with author, times, and where each passage is now (or orphaned)
//   updateAnnotation(annotationId, note, actor) the author ("articles:annotate"), or an admin ("annotations:moderate")
//   deleteAnnotation(annotationId, actor)       same rule
//   canChangeAnnotation(actor, authorId)        the same rule, for the UI to show Edit and Delete
// Every write is audited. lib/annotations/w3c.ts turns a listed annotation into a W3C Web Annotation.

export type AnnotationView = {
  id: number;
  articleId: number;
  note: string;
  /** TextQuoteSelector and TextPositionSelector as stored; all null for a whole-article note. */
  exact: string | null;
  prefix: string | null;
  suffix: string | null;
  startOffset: number | null;
  endOffset: number | null;
  author: { id: number; name: string };
  createdAt: Date;
  updatedAt: Date;
  /** The article version the note was made on (null: before versions were kept, i.e. version 1). */
  version: number | null;
  /** Where the passage is in the article's current text; null for a whole-article note or an orphan. */
  anchor: Anchor | null;
  /** A passage that can no longer be found: show the note with its quote, unhighlighted. */
  orphaned: boolean;
};

const SELECT = {
  id: true,
  articleId: true,
  note: true,
  exact: true,
  prefix: true,
  suffix: true,
  startOffset: true,
  endOffset: true,
  createdAt: true,
  updatedAt: true,
  version: true,
  author: { select: { id: true, name: true } },
} as const;

type StoredAnnotation = Omit<AnnotationView, "anchor" | "orphaned">;

function withAnchor(annotation: StoredAnnotation, bodyText: string): AnnotationView {
  if (annotation.exact === null) return { ...annotation, anchor: null, orphaned: false };
  const anchor = anchorAnnotation(bodyText, {
    exact: annotation.exact,
    prefix: annotation.prefix,
    suffix: annotation.suffix,
    start: annotation.startOffset,
    end: annotation.endOffset,
  });
  return { ...annotation, anchor, orphaned: anchor === null };
}

function checkNote(note: string): string {
  const text = note.replace(/\r\n?/g, "\n").trim();
  if (!text) throw new InvalidError("Write a note.", { note: ["Write a note."] });
  if (text.length > NOTE_MAX) {
    const message = `Notes have at most ${NOTE_MAX.toLocaleString("en-US")} characters.`;
    throw new InvalidError(message, { note: [message] });
  }
  return text;
}

export function canChangeAnnotation(actor: Actor, authorId: number): boolean {
  return authorId === actor.id ? can(actor.role, "articles:annotate") : can(actor.role, "annotations:moderate");
}

export async function createAnnotation(
  input: { articleId: number; note: string; passage: PassageInput | null },
  actor: Actor,
): Promise<AnnotationView> {
  authorize(actor, "articles:annotate");
  const note = checkNote(input.note);
  const article = await db.article.findUnique({
    where: { id: input.articleId },
    select: { bodyText: true, versionCount: true },
  });
  if (!article) throw new NotFoundError("That article no longer exists.");
  let selector: DescribedPassage | null = null;
  if (input.passage) {
    const anchor = anchorAnnotation(article.bodyText, input.passage);
    if (!anchor) {
      const message =
        "The selected passage is not in the article's text any more: reload the article and select it again.";
      throw new InvalidError(message, { exact: [message] });
    }
    // The stored quote and context are the server's text, whatever the browser sent.
    selector = describePassage(article.bodyText, anchor.start, anchor.end);
  }
  return db.$transaction(async (tx) => {
    const created = await tx.annotation.create({
      data: {
        articleId: input.articleId,
        authorId: actor.id,
        note,
        exact: selector?.exact ?? null,
        prefix: selector?.prefix ?? null,
        suffix: selector?.suffix ?? null,
        startOffset: selector?.start ?? null,
        endOffset: selector?.end ?? null,
        // The text it was made on: when the article changes at its source, the note is re-anchored on the
        // latest version by its quote and context, or shown as orphaned, and says which version it was made on.
        version: article.versionCount,
      },
      select: SELECT,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "annotation.create",
      targetType: "annotation",
      targetId: created.id,
      meta: { articleId: input.articleId, passage: selector !== null, length: note.length },
      ip: actor.ip,
    });
    return withAnchor(created, article.bodyText);
  });
}

/** The article's annotations: whole-article notes first, then passages in text order, oldest first within. */
export async function listAnnotations(articleId: number): Promise<AnnotationView[]> {
  const [article, annotations] = await Promise.all([
    db.article.findUnique({ where: { id: articleId }, select: { bodyText: true } }),
    db.annotation.findMany({
      where: { articleId },
      orderBy: [{ startOffset: { sort: "asc", nulls: "first" } }, { createdAt: "asc" }, { id: "asc" }],
      select: SELECT,
    }),
  ]);
  if (!article) return [];
  return annotations.map((annotation) => withAnchor(annotation, article.bodyText));
}

async function loadForChange(annotationId: number, actor: Actor) {
  const annotation = await db.annotation.findUnique({
    where: { id: annotationId },
    select: { id: true, articleId: true, authorId: true, note: true },
  });
  if (!annotation) throw new NotFoundError("That annotation no longer exists.");
  if (!canChangeAnnotation(actor, annotation.authorId)) {
    throw new ForbiddenError(
      annotation.authorId === actor.id ? undefined : "Only its author or an admin can change this annotation.",
    );
  }
  return annotation;
}

export async function updateAnnotation(annotationId: number, note: string, actor: Actor): Promise<AnnotationView> {
  const text = checkNote(note);
  const existing = await loadForChange(annotationId, actor);
  return db.$transaction(async (tx) => {
    const updated = await tx.annotation.update({ where: { id: annotationId }, data: { note: text }, select: SELECT });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "annotation.update",
      targetType: "annotation",
      targetId: annotationId,
      meta: {
        articleId: existing.articleId,
        authorId: existing.authorId,
        moderated: existing.authorId !== actor.id,
        length: text.length,
      },
      ip: actor.ip,
    });
    const article = await tx.article.findUniqueOrThrow({
      where: { id: existing.articleId },
      select: { bodyText: true },
    });
    return withAnchor(updated, article.bodyText);
  });
}

export async function deleteAnnotation(annotationId: number, actor: Actor): Promise<{ articleId: number }> {
  const existing = await loadForChange(annotationId, actor);
  await db.$transaction(async (tx) => {
    const { count } = await tx.annotation.deleteMany({ where: { id: annotationId } });
    if (count === 0) throw new NotFoundError("That annotation no longer exists.");
    await recordAudit(tx, {
      actorId: actor.id,
      action: "annotation.delete",
      targetType: "annotation",
      targetId: annotationId,
      // A moderator's deletion keeps the start of the note, so "what was removed?" has an answer.
      meta: {
        articleId: existing.articleId,
        authorId: existing.authorId,
        moderated: existing.authorId !== actor.id,
        ...(existing.authorId !== actor.id ? { notePreview: existing.note.slice(0, 200) } : {}),
      },
      ip: actor.ip,
    });
  });
  return { articleId: existing.articleId };
}
