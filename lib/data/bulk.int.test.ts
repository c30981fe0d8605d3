import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { applyBulkAction, undoBulkAction } from "@/lib/data/bulk";
import { createTag } from "@/lib/data/tag-catalogue";
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from "@/lib/errors";
import { matchingArticleIds } from "@/lib/search/matching-ids";
import type { ArticleFilter } from "@/lib/validation/article-filter";
import { bulkActionSchema } from "@/lib/validation/bulk";
import { createDeskFixture, type DeskFixture } from "@/test/desk-fixture";

let f: DeskFixture;

const ids = (n: number[]) => ({ kind: "ids" as const, ids: n });

function daysFilter(first: number, last: number): ArticleFilter {
  return {
    tagMode: "any",
    sort: "newest",
    sources: [f.sourceId],
    from: new Date(Date.UTC(f.year, 0, 1 + first)),
    to: new Date(Date.UTC(f.year, 0, 1 + last)),
  };
}

async function tagLinks(tagId: number) {
  const rows = await db.articleTag.findMany({ where: { tagId }, orderBy: { articleId: "asc" } });
  return rows.map((row) => ({
    articleId: row.articleId,
    createdById: row.createdById,
    createdAt: row.createdAt.getTime(),
    publishedAt: row.publishedAt.getTime(),
  }));
}

async function themeRows(articleIds: number[]) {
  const rows = await db.articleTheme.findMany({
    where: { themeId: f.themeId, articleId: { in: articleIds } },
    orderBy: { articleId: "asc" },
  });
  return rows.map(({ assignedAt, publishedAt, ...row }) => ({
    ...row,
    assignedAt: assignedAt.getTime(),
    publishedAt: publishedAt.getTime(),
  }));
}

async function statuses(articleIds: number[]) {
  const rows = await db.article.findMany({
    where: { id: { in: articleIds } },
    select: { id: true, reviewStatus: true },
    orderBy: { id: "asc" },
  });
  return rows.map((row) => row.reviewStatus);
}

describe("bulk actions and undo", () => {
  beforeAll(async () => {
    f = await createDeskFixture(db, "bulk", { year: 1953, articles: 16 });
  });
  afterAll(() => f.cleanup());

  it("tags explicit ids in one transaction with one audit event, and undo removes exactly the new links", async () => {
    const { tag } = await createTag({ name: `missile tests ${f.run}` }, f.analyst);
    const earlier = new Date("2001-02-03T04:05:06.789Z");
    await db.articleTag.create({
      data: {
        articleId: f.articleIds[0],
        tagId: tag.id,
        createdById: f.analyst2.id,
        createdAt: earlier,
        publishedAt: f.publishedAt.get(f.articleIds[0])!,
      },
    });
    const before = await tagLinks(tag.id);
    const auditsBefore = await db.auditEvent.count({ where: { actorId: f.analyst.id } });

    const result = await applyBulkAction({
      selection: ids(f.articleIds.slice(0, 6)),
      action: { type: "add_tag", tag: { id: tag.id } },
      actor: f.analyst,
    });
    expect(result).toMatchObject({
      affected: 5,
      requested: 6,
      summary: `Tagged 5 articles with “missile tests ${f.run}” (1 already had it)`,
    });
    expect(await tagLinks(tag.id)).toHaveLength(6);
    expect(await db.auditEvent.count({ where: { actorId: f.analyst.id } })).toBe(auditsBefore + 1);
    const event = await db.auditEvent.findUniqueOrThrow({ where: { id: BigInt(result.undoToken) } });
    expect(event).toMatchObject({ action: "articles.bulk", actorId: f.analyst.id, ip: "10.0.0.2" });
    expect(event.meta).toEqual({
      action: "add_tag",
      count: 5,
      requested: 6,
      selection: "ids",
      ids: 6,
      tagId: tag.id,
      tag: tag.name,
      summary: result.summary,
    });

    const undone = await undoBulkAction(result.undoToken, f.analyst);
    expect(undone).toEqual({ restored: 5, summary: `Undid: ${result.summary}` });
    expect(await tagLinks(tag.id)).toEqual(before);
    await expect(undoBulkAction(result.undoToken, f.analyst)).rejects.toThrow("already been undone");
    await expect(undoBulkAction(result.undoToken, f.admin)).rejects.toBeInstanceOf(ConflictError);
    expect(await db.auditEvent.count({ where: { action: "articles.bulk_undo", targetId: result.undoToken } })).toBe(1);
    const record = await db.bulkActionUndo.findUniqueOrThrow({ where: { auditEventId: BigInt(result.undoToken) } });
    expect(record.undoneAt).not.toBeNull();
  });

  it("an undo takes back only its own action: a colleague's overlapping tags stay, and both undos leave the start", async () => {
    const { tag } = await createTag({ name: `colleagues ${f.run}` }, f.analyst);
    const a = await applyBulkAction({
      selection: ids(f.articleIds.slice(0, 6)),
      action: { type: "add_tag", tag: { id: tag.id } },
      actor: f.analyst,
    });
    const b = await applyBulkAction({
      selection: ids(f.articleIds.slice(3, 9)),
      action: { type: "add_tag", tag: { id: tag.id } },
      actor: f.analyst2,
    });
    expect(b.summary).toBe(`Tagged 3 articles with “${tag.name}” (3 already had it)`);

    const undoneA = await undoBulkAction(a.undoToken, f.analyst);
    expect(undoneA).toEqual({
      restored: 3,
      summary: `Undid: ${a.summary} (3 kept: a later action asked for them too)`,
    });
    expect((await tagLinks(tag.id)).map((link) => link.articleId)).toEqual(f.articleIds.slice(3, 9));

    // B withdraws too: nobody asks for the tag any more, so B's undo finishes A's for the three it spared.
    expect(await undoBulkAction(b.undoToken, f.analyst2)).toMatchObject({ restored: 6 });
    expect(await tagLinks(tag.id)).toEqual([]);
  });

  it("two analysts tagging overlapping filters at the same moment: the first one's undo leaves the second's tags", async () => {
    const { tag } = await createTag({ name: `same moment ${f.run}` }, f.analyst);
    const [a, b] = await Promise.all([
      applyBulkAction({
        selection: { kind: "filter", filter: daysFilter(0, 9) },
        action: { type: "add_tag", tag: { id: tag.id } },
        actor: f.analyst,
      }),
      applyBulkAction({
        selection: { kind: "filter", filter: daysFilter(5, 15) },
        action: { type: "add_tag", tag: { id: tag.id } },
        actor: f.analyst2,
      }),
    ]);
    // Whichever ran second saw the overlap (days 5-9) as already tagged.
    expect(a.affected + b.affected).toBe(16);
    const [first, second] = Number(a.undoToken) < Number(b.undoToken) ? [a, b] : [b, a];
    const firstActor = first === a ? f.analyst : f.analyst2;
    await undoBulkAction(first.undoToken, firstActor);
    const left = (await tagLinks(tag.id)).map((link) => link.articleId);
    expect(left).toEqual(second.articleIds);
  });

  it("a status undo leaves the articles a colleague later marked the same way", async () => {
    const target = f.articleIds.slice(12, 16);
    await db.article.updateMany({ where: { id: { in: target } }, data: { reviewStatus: "NEW" } });
    const a = await applyBulkAction({
      selection: ids(target.slice(0, 3)),
      action: { type: "set_status", status: "FLAGGED" },
      actor: f.analyst,
    });
    await applyBulkAction({
      selection: ids(target.slice(2)),
      action: { type: "set_status", status: "FLAGGED" },
      actor: f.analyst2,
    });
    expect(await undoBulkAction(a.undoToken, f.analyst)).toMatchObject({ restored: 2 });
    expect(await statuses(target)).toEqual(["NEW", "NEW", "FLAGGED", "FLAGGED"]);
    await db.article.updateMany({ where: { id: { in: target } }, data: { reviewStatus: "NEW" } });
  });

  it("refuses a second undo racing the first", async () => {
    const { tag } = await createTag({ name: `race ${f.run}` }, f.analyst);
    const result = await applyBulkAction({
      selection: ids(f.articleIds.slice(0, 4)),
      action: { type: "add_tag", tag: { id: tag.id } },
      actor: f.analyst,
    });
    const outcomes = await Promise.allSettled([
      undoBulkAction(result.undoToken, f.analyst),
      undoBulkAction(result.undoToken, f.analyst),
    ]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await tagLinks(tag.id)).toEqual([]);
  });

  it("marks every article a filter matches, and undo restores each previous status but not later changes by others", async () => {
    const target = f.articleIds.slice(8, 12);
    await db.article.update({ where: { id: target[1] }, data: { reviewStatus: "FLAGGED" } });
    await db.article.update({ where: { id: target[2] }, data: { reviewStatus: "REVIEWED" } });
    expect(await statuses(target)).toEqual(["NEW", "FLAGGED", "REVIEWED", "NEW"]);

    const result = await applyBulkAction({
      selection: { kind: "filter", filter: daysFilter(8, 11) },
      action: { type: "set_status", status: "REVIEWED" },
      actor: f.analyst,
    });
    expect(result).toMatchObject({
      affected: 3,
      requested: 4,
      summary: "Marked 3 articles reviewed (1 already reviewed)",
    });
    expect(result.articleIds).toEqual(target);
    expect(await statuses(target)).toEqual(["REVIEWED", "REVIEWED", "REVIEWED", "REVIEWED"]);
    const event = await db.auditEvent.findUniqueOrThrow({ where: { id: BigInt(result.undoToken) } });
    expect(event.meta).toMatchObject({
      action: "set_status",
      count: 3,
      requested: 4,
      selection: "filter",
      filter: `from=1953-01-09&to=1953-01-12&source=${f.sourceId}`,
    });

    // Someone else flags one meanwhile: the undo leaves their decision alone.
    await db.article.update({ where: { id: target[3] }, data: { reviewStatus: "FLAGGED" } });
    expect(await undoBulkAction(result.undoToken, f.analyst)).toMatchObject({ restored: 2 });
    expect(await statuses(target)).toEqual(["NEW", "FLAGGED", "REVIEWED", "FLAGGED"]);
  });

  it("sets a theme in bulk and undo puts back the rule's row, the exclusion and the absence exactly", async () => {
    const [ruled, excluded, none] = f.articleIds.slice(0, 3);
    const at = new Date("2010-05-06T07:08:09.123Z");
    await db.articleTheme.createMany({
      data: [
        {
          articleId: ruled,
          themeId: f.themeId,
          origin: "RULE",
          ruleId: f.ruleId,
          matchedTerms: ["rocket", "test-fire"],
          assignedAt: at,
          publishedAt: f.publishedAt.get(ruled)!,
        },
        {
          articleId: excluded,
          themeId: f.themeId,
          origin: "MANUAL",
          excluded: true,
          assignedById: f.analyst2.id,
          assignedAt: at,
          publishedAt: f.publishedAt.get(excluded)!,
        },
      ],
    });
    const before = await themeRows([ruled, excluded, none]);
    const result = await applyBulkAction({
      selection: ids([ruled, excluded, none]),
      action: { type: "set_theme", themeId: f.themeId },
      actor: f.analyst,
    });
    expect(result.summary).toBe(`Set theme “Desk theme ${f.run}” on 3 articles`);
    expect(
      (await themeRows([ruled, excluded, none])).map((row) => [row.origin, row.excluded, row.assignedById]),
    ).toEqual([
      ["MANUAL", false, f.analyst.id],
      ["MANUAL", false, f.analyst.id],
      ["MANUAL", false, f.analyst.id],
    ]);
    expect(await undoBulkAction(result.undoToken, f.analyst)).toMatchObject({ restored: 3 });
    expect(await themeRows([ruled, excluded, none])).toEqual(before);

    const cleared = await applyBulkAction({
      selection: ids([ruled, excluded, none]),
      action: { type: "clear_theme", themeId: f.themeId },
      actor: f.analyst2,
    });
    expect(cleared).toMatchObject({
      affected: 1,
      summary: `Cleared theme “Desk theme ${f.run}” from 1 article (2 already lacked it)`,
    });
    expect((await themeRows([ruled]))[0]).toMatchObject({
      origin: "MANUAL",
      excluded: true,
      assignedById: f.analyst2.id,
    });
    expect(await undoBulkAction(cleared.undoToken, f.analyst2)).toMatchObject({ restored: 1 });
    expect(await themeRows([ruled, excluded, none])).toEqual(before);
  });

  it("removes a tag in bulk and undo restores the links with their author and time", async () => {
    const { tag } = await createTag({ name: `to remove ${f.run}` }, f.analyst2);
    const at = new Date("2015-01-01T00:00:00.500Z");
    await db.articleTag.createMany({
      data: f.articleIds.slice(4, 7).map((articleId) => ({
        articleId,
        tagId: tag.id,
        createdById: f.analyst2.id,
        createdAt: at,
        publishedAt: f.publishedAt.get(articleId)!,
      })),
    });
    const before = await tagLinks(tag.id);
    const result = await applyBulkAction({
      selection: ids(f.articleIds.slice(3, 8)),
      action: { type: "remove_tag", tagId: tag.id },
      actor: f.analyst,
    });
    expect(result).toMatchObject({
      affected: 3,
      requested: 5,
      summary: `Removed “to remove ${f.run}” from 3 articles (2 already lacked it)`,
    });
    expect(await tagLinks(tag.id)).toEqual([]);
    expect(await undoBulkAction(result.undoToken, f.analyst)).toMatchObject({ restored: 3 });
    expect(await tagLinks(tag.id)).toEqual(before);
  });

  it("creates the tag of a bulk add by name", async () => {
    const result = await applyBulkAction({
      selection: ids(f.articleIds.slice(12, 14)),
      action: { type: "add_tag", tag: { name: `Brand New ${f.run}` } },
      actor: f.analyst,
    });
    expect(result.summary).toBe(`Tagged 2 articles with “Brand New ${f.run}”`);
    const tag = await db.tag.findFirstOrThrow({ where: { name: `Brand New ${f.run}` } });
    expect(await tagLinks(tag.id)).toHaveLength(2);
  });

  it("lets analysts undo only their own last bulk action, and admins any", async () => {
    const first = await applyBulkAction({
      selection: ids([f.articleIds[14]]),
      action: { type: "set_status", status: "FLAGGED" },
      actor: f.analyst,
    });
    const second = await applyBulkAction({
      selection: ids([f.articleIds[15]]),
      action: { type: "set_status", status: "FLAGGED" },
      actor: f.analyst,
    });
    await expect(undoBulkAction(second.undoToken, f.analyst2)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(undoBulkAction(second.undoToken, f.viewer)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(undoBulkAction(first.undoToken, f.analyst)).rejects.toThrow("Only your last bulk action");
    expect(await undoBulkAction(first.undoToken, f.admin)).toMatchObject({ restored: 1 });
    expect(await undoBulkAction(second.undoToken, f.analyst)).toMatchObject({ restored: 1 });
    expect(await statuses([f.articleIds[14], f.articleIds[15]])).toEqual(["NEW", "NEW"]);
    const adminUndo = await db.auditEvent.findFirstOrThrow({
      where: { action: "articles.bulk_undo", targetId: first.undoToken },
    });
    expect(adminUndo.actorId).toBe(f.admin.id);
    await expect(undoBulkAction("999999999999", f.admin)).rejects.toBeInstanceOf(NotFoundError);
    await expect(undoBulkAction("not-a-token", f.admin)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("refuses a viewer's bulk action, too many ids, and leaves no event behind", async () => {
    const before = await db.auditEvent.count({ where: { action: "articles.bulk" } });
    await expect(
      applyBulkAction({
        selection: ids(f.articleIds),
        action: { type: "set_status", status: "REVIEWED" },
        actor: f.viewer,
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      applyBulkAction({
        selection: ids(f.articleIds),
        action: { type: "add_tag", tag: { name: `nope ${f.run}` } },
        actor: f.viewer,
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const tooMany = Array.from({ length: 5_001 }, (_, i) => i + 1);
    await expect(
      applyBulkAction({
        selection: ids(tooMany),
        action: { type: "set_status", status: "REVIEWED" },
        actor: f.analyst,
      }),
    ).rejects.toBeInstanceOf(InvalidError);
    expect(await db.auditEvent.count({ where: { action: "articles.bulk" } })).toBe(before);
    expect(await db.tag.count({ where: { name: `nope ${f.run}` } })).toBe(0);
  });

  it("resolves a filter's ids with the list's SQL, newest first, and says when a cap cut them off", async () => {
    const all = await matchingArticleIds(db, daysFilter(0, 15), 100);
    expect(all).toEqual({ ids: [...f.articleIds].reverse(), capped: false });
    const capped = await matchingArticleIds(db, daysFilter(0, 15), 5);
    expect(capped).toEqual({ ids: [...f.articleIds].reverse().slice(0, 5), capped: true });
    const text = await matchingArticleIds(db, { ...daysFilter(0, 15), q: '"self-propelled launching"' }, 100);
    expect(text.ids).toHaveLength(16);
    const none = await matchingArticleIds(db, { ...daysFilter(0, 15), q: "zebracorn" }, 100);
    expect(none).toEqual({ ids: [], capped: false });
  });

  it("parses the bulk form: ids or the list's query string, and each action's fields", () => {
    const byIds = bulkActionSchema.parse({
      selection: "ids",
      articleIds: "3,1,3",
      action: "add_tag",
      tagName: "  New   tag ",
      tagId: "",
    });
    expect(byIds).toEqual({
      selection: { kind: "ids", ids: [3, 1] },
      action: { type: "add_tag", tag: { name: "New tag" } },
    });
    const byFilter = bulkActionSchema.parse({
      selection: "filter",
      query: "?q=missile&theme=3&cursor=na.x.y&sort=oldest",
      action: "set_status",
      status: "flagged",
    });
    expect(byFilter.selection).toEqual({
      kind: "filter",
      filter: { q: "missile", themes: [3], tagMode: "any", sort: "newest" },
    });
    expect(byFilter.action).toEqual({ type: "set_status", status: "FLAGGED" });
    expect(bulkActionSchema.safeParse({ selection: "ids", action: "set_theme", articleIds: "1" }).success).toBe(false);
    expect(
      bulkActionSchema.safeParse({ selection: "ids", action: "add_tag", articleIds: "1", tagId: "2", tagName: "x" })
        .success,
    ).toBe(false);
    expect(bulkActionSchema.safeParse({ selection: "ids", action: "remove_tag", tagId: "2" }).success).toBe(false);
  });
});
