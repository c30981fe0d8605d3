import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import {
  canChangeAnnotation,
  createAnnotation,
  deleteAnnotation,
  listAnnotations,
  updateAnnotation,
} from "@/lib/data/annotations";
import { toW3CAnnotation } from "@/lib/annotations/w3c";
import { ForbiddenError, InvalidError, NotFoundError } from "@/lib/errors";
import { createAnnotationSchema } from "@/lib/validation/annotations";
import { createDeskFixture, DESK_BODY, type DeskFixture } from "@/test/desk-fixture";

let f: DeskFixture;
const QUOTE = "9-axis self-propelled launching vehicle";

function passageOf(body: string, quote: string) {
  const start = body.indexOf(quote);
  return {
    exact: quote,
    prefix: body.slice(start - 10, start),
    suffix: body.slice(start + quote.length, start + quote.length + 10),
    start,
    end: start + quote.length,
  };
}

describe("annotations", () => {
  beforeAll(async () => {
    f = await createDeskFixture(db, "notes", { year: 1954, articles: 4 });
  });
  afterAll(() => f.cleanup());

  it("stores a passage with the server's own quote and 32 characters of context, audited", async () => {
    const articleId = f.articleIds[0];
    const body = `${DESK_BODY} Item 0.`;
    const passage = passageOf(body, QUOTE);
    const annotation = await createAnnotation(
      { articleId, note: "  Second vehicle of this type.\r\n", passage: { ...passage, prefix: "junk", suffix: null } },
      f.analyst,
    );
    expect(annotation).toMatchObject({
      note: "Second vehicle of this type.",
      exact: QUOTE,
      prefix: body.slice(passage.start - 32, passage.start),
      suffix: body.slice(passage.end, passage.end + 32),
      startOffset: passage.start,
      endOffset: passage.end,
      author: { id: f.analyst.id, name: `analyst ${f.run}` },
      anchor: { start: passage.start, end: passage.end, method: "position" },
      orphaned: false,
    });
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "annotation.create", targetId: String(annotation.id) },
    });
    expect(audit.meta).toEqual({ articleId, passage: true, length: 28 });
  });

  it("re-anchors stale offsets on the quote and refuses a quote that is not in the text", async () => {
    const articleId = f.articleIds[1];
    const body = `${DESK_BODY} Item 1.`;
    const stale = { ...passageOf(body, "personally supervised"), start: 3, end: 24 };
    const annotation = await createAnnotation({ articleId, note: "Who else attended?", passage: stale }, f.analyst);
    expect(annotation.startOffset).toBe(body.indexOf("personally supervised"));
    await expect(
      createAnnotation(
        {
          articleId,
          note: "x",
          passage: { exact: "a submarine launch", prefix: null, suffix: null, start: 0, end: 18 },
        },
        f.analyst,
      ),
    ).rejects.toBeInstanceOf(InvalidError);
    await expect(
      createAnnotation({ articleId: 2_000_000_000, note: "x", passage: null }, f.analyst),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("lists notes with authors, whole-article notes first, and marks orphans after the text changed", async () => {
    const articleId = f.articleIds[2];
    const body = `${DESK_BODY} Item 2.`;
    const late = await createAnnotation(
      { articleId, note: "On the vehicle", passage: passageOf(body, QUOTE) },
      f.analyst2,
    );
    const early = await createAnnotation(
      { articleId, note: "On the test-fire", passage: passageOf(body, "A test-fire of the new-type rocket") },
      f.analyst,
    );
    const whole = await createAnnotation(
      { articleId, note: "Compare with the 2017 report.", passage: null },
      f.analyst,
    );
    expect(whole).toMatchObject({ exact: null, prefix: null, startOffset: null, anchor: null, orphaned: false });

    let listed = await listAnnotations(articleId);
    expect(listed.map((annotation) => annotation.id)).toEqual([whole.id, early.id, late.id]);
    expect(listed[2].author).toEqual({ id: f.analyst2.id, name: `analyst2 ${f.run}` });

    await db.article.update({
      where: { id: articleId },
      data: { bodyText: `Correction. ${body.replace(QUOTE, "launcher")}` },
    });
    listed = await listAnnotations(articleId);
    expect(listed.find((annotation) => annotation.id === late.id)).toMatchObject({ anchor: null, orphaned: true });
    expect(listed.find((annotation) => annotation.id === early.id)).toMatchObject({
      orphaned: false,
      anchor: { method: "quote", start: body.indexOf("A test-fire") + 12 },
    });
    expect(await listAnnotations(2_000_000_000)).toEqual([]);
  });

  it("lets authors edit and delete their own notes, admins any, and no one else", async () => {
    const articleId = f.articleIds[3];
    const mine = await createAnnotation({ articleId, note: "first take", passage: null }, f.analyst);
    expect(canChangeAnnotation(f.analyst, f.analyst.id)).toBe(true);
    expect(canChangeAnnotation(f.analyst2, f.analyst.id)).toBe(false);
    expect(canChangeAnnotation(f.admin, f.analyst.id)).toBe(true);

    await expect(updateAnnotation(mine.id, "hijacked", f.analyst2)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(deleteAnnotation(mine.id, f.analyst2)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updateAnnotation(mine.id, "viewer", f.viewer)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updateAnnotation(mine.id, "   ", f.analyst)).rejects.toBeInstanceOf(InvalidError);
    await expect(updateAnnotation(mine.id, "x".repeat(10_001), f.analyst)).rejects.toThrow("at most 10,000");

    const edited = await updateAnnotation(mine.id, "second take", f.analyst);
    expect(edited.note).toBe("second take");
    expect(edited.updatedAt.getTime()).toBeGreaterThanOrEqual(mine.updatedAt.getTime());
    const moderated = await updateAnnotation(mine.id, "tidied by an admin", f.admin);
    expect(moderated.author.id).toBe(f.analyst.id);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "annotation.update", actorId: f.admin.id, targetId: String(mine.id) },
    });
    expect(audit.meta).toMatchObject({ moderated: true, authorId: f.analyst.id });

    expect(await deleteAnnotation(mine.id, f.admin)).toEqual({ articleId });
    const deleted = await db.auditEvent.findFirstOrThrow({
      where: { action: "annotation.delete", targetId: String(mine.id) },
    });
    expect(deleted.meta).toMatchObject({ moderated: true, notePreview: "tidied by an admin" });
    await expect(deleteAnnotation(mine.id, f.analyst)).rejects.toBeInstanceOf(NotFoundError);

    const own = await createAnnotation({ articleId, note: "mine to delete", passage: null }, f.analyst2);
    await deleteAnnotation(own.id, f.analyst2);
    expect(await db.annotation.count({ where: { id: own.id } })).toBe(0);
  });

  it("refuses a viewer's note and validates the form", async () => {
    await expect(
      createAnnotation({ articleId: f.articleIds[0], note: "viewer note", passage: null }, f.viewer),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db.annotation.count({ where: { note: "viewer note" } })).toBe(0);
    const parsed = createAnnotationSchema.parse({ articleId: "5", note: " hi ", exact: "", start: "", end: "" });
    expect(parsed).toEqual({ articleId: 5, note: "hi", passage: null });
    expect(
      createAnnotationSchema.safeParse({ articleId: "5", note: "hi", exact: "x", start: "9", end: "4" }).success,
    ).toBe(false);
    expect(createAnnotationSchema.safeParse({ articleId: "5", note: "" }).success).toBe(false);
  });

  it("exports a stored annotation as a W3C Web Annotation", async () => {
    const articleId = f.articleIds[0];
    const [stored] = (await listAnnotations(articleId)).filter((annotation) => annotation.exact === QUOTE);
    const w3c = toW3CAnnotation(stored, { id: articleId }, "https://desk.example");
    expect(w3c.target).toEqual({
      source: `https://desk.example/articles/${articleId}`,
      selector: [
        { type: "TextQuoteSelector", exact: QUOTE, prefix: stored.prefix, suffix: stored.suffix },
        { type: "TextPositionSelector", start: stored.startOffset, end: stored.endOffset },
      ],
    });
    expect(w3c.creator.name).toBe(`analyst ${f.run}`);
  });
});
