import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { markArticleRead, markArticlesUnread, readArticleIds } from "@/lib/data/article-reads";
import { listArticles } from "@/lib/search/list-articles";
import { parseArticleFilter } from "@/lib/validation/article-filter";
import { createDeskFixture, type DeskFixture } from "@/test/desk-fixture";

let f: DeskFixture;

describe("article reads", () => {
  beforeAll(async () => {
    f = await createDeskFixture(db, "reads", { year: 1957, articles: 4 });
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

  it("filters the list by the reader's own marks, and ignores the filter without a reader", async () => {
    const [first, second, third] = f.articleIds;
    await markArticleRead(first, f.analyst2);
    await markArticleRead(third, f.analyst2);
    const ids = async (query: string, readerId?: number) => {
      const { filter } = parseArticleFilter(`from=1957-01-01&to=1957-12-31&${query}`);
      const page = await listArticles({ ...filter, readerId }, { take: 50 });
      return page.items.map((item) => item.id).sort((a, b) => a - b);
    };
    expect(await ids("read=read", f.analyst2.id)).toEqual([first, third]);
    expect(await ids("read=unread", f.analyst2.id)).toEqual(f.articleIds.filter((id) => id !== first && id !== third));
    expect(await ids("read=unread", f.analyst2.id)).toContain(second);
    expect(await ids("read=unread")).toEqual([...f.articleIds].sort((a, b) => a - b));
  });
});
