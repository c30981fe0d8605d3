import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { markArticleRead, markArticlesUnread, readArticleIds } from "@/lib/data/article-reads";
import { createDeskFixture, type DeskFixture } from "@/test/desk-fixture";

let f: DeskFixture;

describe("article reads", () => {
  beforeAll(async () => {
    f = await createDeskFixture(db, "reads", { year: 1953, articles: 4 });
  });
  afterAll(() => f.cleanup());

  it("keeps each person's read mark apart from the others' and from the review status", async () => {
    const [first, second] = f.articleIds;
    await markArticleRead(first, f.viewer);
    await markArticleRead(first, f.viewer);
    await markArticleRead(second, f.analyst);
    expect([...(await readArticleIds(f.viewer.id, f.articleIds))]).toEqual([first]);
    expect([...(await readArticleIds(f.analyst.id, f.articleIds))]).toEqual([second]);
    const article = await db.article.findUniqueOrThrow({ where: { id: first } });
    expect(article.reviewStatus).toBe("NEW");
  });

  it("marks unread for the caller only", async () => {
    const [first, second] = f.articleIds;
    await markArticleRead(second, f.viewer);
    expect(await markArticlesUnread([first, second], f.viewer)).toBe(2);
    expect((await readArticleIds(f.viewer.id, f.articleIds)).size).toBe(0);
    expect([...(await readArticleIds(f.analyst.id, f.articleIds))]).toEqual([second]);
    expect(await markArticlesUnread([first], f.viewer)).toBe(0);
  });
});
