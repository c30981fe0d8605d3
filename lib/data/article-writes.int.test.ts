import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { setReviewStatus } from "@/lib/data/article-status";
import {
  articleThemes,
  clearThemeOnArticles,
  liveThemesForArticles,
  setThemeOnArticles,
} from "@/lib/data/article-themes";
import { ForbiddenError, InvalidError, NotFoundError } from "@/lib/errors";
import { createDeskFixture, type DeskFixture } from "@/test/desk-fixture";

let f: DeskFixture;

async function statuses(ids: number[]) {
  const rows = await db.article.findMany({
    where: { id: { in: ids } },
    select: { id: true, reviewStatus: true },
    orderBy: { id: "asc" },
  });
  return rows.map((row) => row.reviewStatus);
}

describe("review status and themes by hand", () => {
  beforeAll(async () => {
    f = await createDeskFixture(db, "writes", { year: 1952, articles: 8 });
  });
  afterAll(() => f.cleanup());

  it("sets the review status where it differs, audited, and refuses viewers", async () => {
    const ids = f.articleIds.slice(0, 3);
    await db.article.update({ where: { id: ids[0] }, data: { reviewStatus: "FLAGGED" } });
    const result = await setReviewStatus(ids, "FLAGGED", f.analyst);
    expect(result).toMatchObject({ affected: 2, requested: 3 });
    expect(await statuses(ids)).toEqual(["FLAGGED", "FLAGGED", "FLAGGED"]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "articles.review", actorId: f.analyst.id } });
    expect(audit.meta).toMatchObject({ status: "FLAGGED", count: 2, requested: 3 });

    await expect(setReviewStatus(ids, "REVIEWED", f.viewer)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await statuses(ids)).toEqual(["FLAGGED", "FLAGGED", "FLAGGED"]);
    await expect(
      setReviewStatus(
        Array.from({ length: 5_001 }, (_, i) => i + 1),
        "REVIEWED",
        f.analyst,
      ),
    ).rejects.toBeInstanceOf(InvalidError);
  });

  it("sets a theme by hand: a new MANUAL row with the article's date, a rule's row kept as confirmed", async () => {
    const [plain, ruled, manual] = f.articleIds.slice(0, 3);
    const ruleAt = new Date("2020-01-02T03:04:05.678Z");
    await db.articleTheme.create({
      data: {
        articleId: ruled,
        themeId: f.themeId,
        origin: "RULE",
        ruleId: f.ruleId,
        matchedTerms: ["rocket"],
        assignedAt: ruleAt,
        publishedAt: f.publishedAt.get(ruled)!,
      },
    });
    await db.articleTheme.create({
      data: {
        articleId: manual,
        themeId: f.themeId,
        origin: "MANUAL",
        assignedById: f.analyst2.id,
        publishedAt: f.publishedAt.get(manual)!,
      },
    });
    const result = await setThemeOnArticles([plain, ruled, manual], f.themeId, f.analyst);
    expect(result).toMatchObject({ affected: 2, requested: 3, theme: { id: f.themeId } });

    const rows = await db.articleTheme.findMany({
      where: { themeId: f.themeId, articleId: { in: [plain, ruled, manual] } },
      orderBy: { articleId: "asc" },
    });
    expect(rows.map((row) => [row.origin, row.excluded, row.assignedById])).toEqual([
      ["MANUAL", false, f.analyst.id],
      ["MANUAL", false, f.analyst.id],
      ["MANUAL", false, f.analyst2.id],
    ]);
    expect(rows[0].publishedAt.getTime()).toBe(f.publishedAt.get(plain)!.getTime());
    expect(rows[1]).toMatchObject({ ruleId: f.ruleId, matchedTerms: ["rocket"] });
    expect(rows[1].assignedAt.getTime()).not.toBe(ruleAt.getTime());

    const why = await articleThemes(ruled);
    expect(why).toEqual([
      expect.objectContaining({
        theme: expect.objectContaining({ id: f.themeId }),
        origin: "MANUAL",
        excluded: false,
        rule: { id: f.ruleId, query: "rocket", scope: "ANYWHERE" },
        matchedTerms: ["rocket"],
        assignedBy: { id: f.analyst.id, name: `analyst ${f.run}` },
      }),
    ]);
    expect((await liveThemesForArticles([plain]))[plain]).toEqual([
      expect.objectContaining({ id: f.themeId, origin: "MANUAL" }),
    ]);
  });

  it("clears a theme by keeping a MANUAL exclusion, only where the article had it", async () => {
    const [withRule, without] = f.articleIds.slice(4, 6);
    await db.articleTheme.create({
      data: {
        articleId: withRule,
        themeId: f.themeId,
        origin: "RULE",
        ruleId: f.ruleId,
        matchedTerms: ["rocket"],
        publishedAt: f.publishedAt.get(withRule)!,
      },
    });
    const result = await clearThemeOnArticles([withRule, without], f.themeId, f.analyst2);
    expect(result).toMatchObject({ affected: 1, requested: 2 });
    const row = await db.articleTheme.findUniqueOrThrow({
      where: { articleId_themeId: { articleId: withRule, themeId: f.themeId } },
    });
    expect(row).toMatchObject({ origin: "MANUAL", excluded: true, assignedById: f.analyst2.id });
    expect(await db.articleTheme.count({ where: { articleId: without, themeId: f.themeId } })).toBe(0);
    expect((await liveThemesForArticles([withRule]))[withRule]).toEqual([]);
    expect((await articleThemes(withRule))[0]).toMatchObject({ excluded: true, origin: "MANUAL" });
    expect(await db.auditEvent.count({ where: { action: "articles.theme_clear", actorId: f.analyst2.id } })).toBe(1);

    // Setting it again by hand lifts the exclusion.
    await setThemeOnArticles([withRule], f.themeId, f.analyst);
    expect(
      await db.articleTheme.findUniqueOrThrow({
        where: { articleId_themeId: { articleId: withRule, themeId: f.themeId } },
      }),
    ).toMatchObject({ excluded: false, origin: "MANUAL" });
  });

  it("refuses viewers and unknown themes", async () => {
    const id = f.articleIds[7];
    await expect(setThemeOnArticles([id], f.themeId, f.viewer)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(clearThemeOnArticles([id], f.themeId, f.viewer)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(setThemeOnArticles([id], 2_000_000_000, f.analyst)).rejects.toBeInstanceOf(NotFoundError);
    expect(await db.articleTheme.count({ where: { articleId: id } })).toBe(0);
  });
});
