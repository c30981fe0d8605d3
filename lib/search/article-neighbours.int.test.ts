import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { articleNeighbours } from "@/lib/search/article-neighbours";
import { parseArticleFilter } from "@/lib/validation/article-filter";
import { createDeskFixture, type DeskFixture } from "@/test/desk-fixture";

let f: DeskFixture;

describe("article neighbours", () => {
  beforeAll(async () => {
    f = await createDeskFixture(db, "neighbours", { year: 1954, articles: 7 });
    // Two articles at the same moment: the id breaks the tie, as in the list.
    await db.article.update({
      where: { id: f.articleIds[4] },
      data: { publishedAt: f.publishedAt.get(f.articleIds[3]) },
    });
  });
  afterAll(() => f.cleanup());

  it("gives the rows the list shows before and after, newest first and oldest first", async () => {
    for (const sort of ["newest", "oldest"] as const) {
      const { filter } = parseArticleFilter(`from=1954-01-01&to=1954-12-31&sort=${sort}`);
      const rows = await db.article.findMany({
        where: { id: { in: f.articleIds } },
        select: { id: true, publishedAt: true },
      });
      const order = rows
        .sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime() || a.id - b.id)
        .map((row) => row);
      if (sort === "newest") order.reverse();
      for (const [index, row] of order.entries()) {
        const { previous, next } = await articleNeighbours(filter, row);
        expect(previous?.id ?? null, `${sort} #${index} previous`).toBe(order[index - 1]?.id ?? null);
        expect(next?.id ?? null, `${sort} #${index} next`).toBe(order[index + 1]?.id ?? null);
      }
    }
  });

  it("stays inside the filter", async () => {
    const { filter } = parseArticleFilter("from=1954-01-02&to=1954-01-03");
    const second = f.articleIds[1];
    const { previous, next } = await articleNeighbours(filter, {
      id: second,
      publishedAt: f.publishedAt.get(second)!,
    });
    expect(previous?.id).toBe(f.articleIds[2]);
    expect(next).toBeNull();
  });
});
