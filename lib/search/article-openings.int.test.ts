import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { listArticles } from "@/lib/search/list-articles";
import { parseArticleFilter } from "@/lib/validation/article-filter";
import { createTestSource, insertTestArticles, randomTag } from "@/test/factories";

// article_openings: each article's excerpt as the search parses it, kept by triggers (migration
// 20261204000000_article_openings), read by "best match" for the opening's share and by the list's snippets.
// Dated in 2073, a year no other test uses.

const TAG = randomTag("open", "letters");
/** A word only these articles hold. */
const WORD = `zq${TAG}`;
const FILLER =
  "The meeting heard reports on the year's work in agriculture, industry and construction, and on the tasks ahead. ".repeat(
    4,
  );

type OpeningRow = { opening: string; expected: string; xmin: string };

async function openingOf(id: number): Promise<OpeningRow | undefined> {
  const rows = await db.$queryRaw<OpeningRow[]>`
    SELECT o.opening::text AS opening, to_tsvector('english', search_fold(a.excerpt))::text AS expected,
           o.xmin::text AS xmin
    FROM articles a JOIN article_openings o ON o.article_id = a.id WHERE a.id = ${id}`;
  return rows[0];
}

describe("article openings", () => {
  let sourceId = 0;
  beforeAll(async () => {
    sourceId = (await createTestSource(TAG, "Openings")).id;
  });
  afterAll(async () => {
    await db.article.deleteMany({ where: { sourceId } });
    await db.source.delete({ where: { id: sourceId } });
  });

  it("follows every write of an article's excerpt, and only of its excerpt", async () => {
    const [article] = await insertTestArticles(TAG, sourceId, [
      {
        key: "written",
        publishedAt: new Date(Date.UTC(2073, 1, 1)),
        body: `Kim Jong-un visited P'yŏngyang's new hospital. ${FILLER}`,
      },
    ]);
    const inserted = await openingOf(article.id);
    expect(inserted?.opening).toBe(inserted?.expected);
    // Folded as the search folds: the hyphen splits, the marks and the apostrophe go.
    expect(inserted?.opening).toContain("'pyongyang':");
    expect(inserted?.opening).toContain("'jong':");

    // Another column changes: the opening row is not written again.
    await db.article.update({ where: { id: article.id }, data: { reviewStatus: "REVIEWED" } });
    expect((await openingOf(article.id))?.xmin).toBe(inserted?.xmin);

    // The excerpt changes, by whatever means: the opening follows.
    await db.$executeRaw`UPDATE articles SET excerpt = 'Choe Son Hui met the delegation.' WHERE id = ${article.id}`;
    const updated = await openingOf(article.id);
    expect(updated?.opening).toBe(updated?.expected);
    expect(updated?.opening).toContain("'choe':");
    expect(updated?.opening).not.toContain("'hospit'");

    await db.article.delete({ where: { id: article.id } });
    const left = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM article_openings WHERE article_id = ${article.id}`;
    expect(left[0].n).toBe(0);
  });

  it("gives best match the opening's share from the stored opening", async () => {
    const publishedAt = new Date(Date.UTC(2073, 5, 1));
    const [leading, buried] = await insertTestArticles(TAG, sourceId, [
      { key: "leading", publishedAt, body: `The ${WORD} plant resumed work. ${FILLER}` },
      { key: "buried", publishedAt, body: `${FILLER} The ${WORD} plant resumed work.` },
    ]);
    const { filter } = parseArticleFilter(`q=${WORD}&sort=relevance&from=2073-01-01&to=2073-12-31`);
    const page = await listArticles(filter, { take: 10 });
    const byId = new Map(page.items.map((item) => [item.id, item]));
    expect(byId.get(leading.id)?.explain?.lead).toBe(1);
    expect(byId.get(buried.id)?.explain?.lead).toBe(0);
    expect(page.items[0].id).toBe(leading.id);

    // The opening is what the article says now: rewritten, the buried one leads.
    await db.$executeRaw`UPDATE articles SET excerpt = ${`The ${WORD} plant resumed work.`} WHERE id = ${buried.id}`;
    const after = await listArticles(filter, { take: 10 });
    expect(after.items.find((item) => item.id === buried.id)?.explain?.lead).toBe(1);
  });
});
