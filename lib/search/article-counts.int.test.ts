import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { applyBulkAction } from "@/lib/data/bulk";
import { clearThemeOnArticles, setThemeOnArticles } from "@/lib/data/article-themes";
import { addTagToArticles, removeTagFromArticles } from "@/lib/data/tags";
import type { Actor } from "@/lib/data/actor";
import { storeArticles } from "@/lib/ingest/store";
import { createThemeRerun, runThemeRerun } from "@/lib/themes/rerun";
import {
  createTestSource,
  createTestTheme,
  createTestUser,
  deleteTestUsers,
  insertTestArticles,
  randomTag,
} from "@/test/factories";

// The precomputed article counts (migration 20261203008000_article_counts) against a fresh count(*) of the articles
// after every kind of change that moves them: ingest (teasers left out), a teaser completed, a date or source
// changed, themes set, cleared and re-run, tags added and removed (alone and in bulk), articles and themes deleted;
// before and after the pending changes are folded in; and with two writers on one article at once. Dated in 1933, a
// year no other test uses, so the comparison covers this file's rows only.

const RUN = randomTag("", "letters");
const OUTLET = `Counts wire ${RUN}`;
const YEAR_START = "1933-01-01";
const YEAR_END = "1934-01-01";
const at = (month: number, day: number, hour = 9) => new Date(Date.UTC(1933, month - 1, day, hour));

/** Count rows (settled plus pending) that differ from a count(*) of the articles now, for 1933. */
async function countMismatches() {
  return db.$queryRaw<
    {
      kind: string;
      within_id: number;
      grain: string;
      start: Date;
      item_id: number;
      actual: number | null;
      expected: number | null;
    }[]
  >`
    WITH actual AS (
      SELECT kind::text, within_id, grain::text, start, item_id, sum(n)::int AS n
        FROM (SELECT kind, within_id, grain, start, item_id, n FROM article_counts
              UNION ALL SELECT kind, within_id, grain, start, item_id, n FROM article_count_changes) u
       WHERE start >= ${YEAR_START}::date AND start < ${YEAR_END}::date
       GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0
    ), a AS (
      SELECT id, source_id, (published_at AT TIME ZONE 'UTC')::date AS day FROM articles
       WHERE complete AND published_at >= ${YEAR_START}::timestamptz AND published_at < ${YEAR_END}::timestamptz
    ), th AS (
      SELECT a.*, l.theme_id FROM a JOIN article_themes l ON l.article_id = a.id WHERE NOT l.excluded
    ), tg AS (
      SELECT a.*, t.tag_id FROM a JOIN article_tags t ON t.article_id = a.id
    ), cells AS (
      SELECT 'ALL' AS kind, 0 AS within_id, 0 AS item_id, day FROM a
      UNION ALL SELECT 'SOURCE', 0, source_id, day FROM a
      UNION ALL SELECT 'THEME', 0, theme_id, day FROM th
      UNION ALL SELECT 'TAG', 0, tag_id, day FROM tg
      UNION ALL SELECT 'SOURCE_THEME', source_id, theme_id, day FROM th
      UNION ALL SELECT 'THEME_SOURCE', theme_id, source_id, day FROM th
      UNION ALL SELECT 'SOURCE_TAG', source_id, tag_id, day FROM tg
      UNION ALL SELECT 'TAG_SOURCE', tag_id, source_id, day FROM tg
      UNION ALL SELECT 'TAG_THEME', tg.tag_id, th.theme_id, th.day FROM tg JOIN th ON th.id = tg.id
      UNION ALL SELECT 'THEME_TAG', th.theme_id, tg.tag_id, th.day FROM tg JOIN th ON th.id = tg.id
    ), expected AS (
      SELECT kind, within_id, g.grain,
             CASE g.grain WHEN 'DAY' THEN day ELSE date_trunc(lower(g.grain), day::timestamp)::date END AS start,
             item_id, count(*)::int AS n
        FROM cells CROSS JOIN (VALUES ('DAY'), ('MONTH'), ('YEAR')) g(grain)
       GROUP BY 1, 2, 3, 4, 5
    )
    SELECT kind, within_id, grain, start, item_id, actual.n AS actual, expected.n AS expected
      FROM actual FULL JOIN expected USING (kind, within_id, grain, start, item_id)
     WHERE actual.n IS DISTINCT FROM expected.n`;
}

async function expectExact(step: string) {
  expect(await countMismatches(), step).toEqual([]);
}

async function countRowsOf(kind: string, withinId: number, itemId: number) {
  const [row] = await db.$queryRaw<{ n: number }[]>`
    SELECT coalesce(sum(n), 0)::int AS n
      FROM (SELECT n, kind, within_id, item_id, grain, start FROM article_counts
            UNION ALL SELECT n, kind, within_id, item_id, grain, start FROM article_count_changes) u
     WHERE kind = ${kind}::"ArticleCountKind" AND within_id = ${withinId} AND item_id = ${itemId}
       AND grain = 'YEAR' AND start = ${YEAR_START}::date`;
  return row.n;
}

let analyst: Actor;
let sourceA: { id: number };
let sourceB: { id: number };
let theme: { id: number };
let ruleTheme: { id: number };
let tagId: number;
let stored: number[];

describe("article counts", () => {
  beforeAll(async () => {
    const user = await createTestUser(RUN, "counter");
    analyst = { id: user.id, role: "ANALYST" };
    sourceA = await createTestSource(RUN, "Counts A");
    sourceB = await createTestSource(RUN, "Counts B");
    theme = await createTestTheme(RUN, "Counted theme");
    ruleTheme = await createTestTheme(RUN, "Counted rule theme", { rule: RUN });
    tagId = (await db.tag.create({ data: { name: `counted-${RUN}` } })).id;
  });

  afterAll(async () => {
    await db.article.deleteMany({ where: { publishedAt: { gte: new Date(YEAR_START), lt: new Date(YEAR_END) } } });
    await db.theme.deleteMany({ where: { id: { in: [theme.id, ruleTheme.id] } } });
    await db.tag.deleteMany({ where: { id: tagId } });
    await deleteTestUsers(RUN);
  });

  it("counts what the ingest stores, and leaves teasers out until their text arrives", async () => {
    const outcomes = await storeArticles([
      { title: `First ${RUN}`, body: `The ${RUN} story opens.`, publishedAt: at(3, 1), source: OUTLET, url: null },
      { title: `Second ${RUN}`, body: `Another ${RUN} story.`, publishedAt: at(3, 1, 22), source: OUTLET, url: null },
      { title: `Third`, body: "No rule word here.", publishedAt: at(3, 31, 23), source: OUTLET, url: null },
      {
        title: `Teaser ${RUN}`,
        body: "A line.",
        publishedAt: at(4, 2),
        source: OUTLET,
        url: `https://counts.example/${RUN}/teaser`,
        complete: false,
      },
    ]);
    stored = outcomes.map((outcome) => outcome.articleId!);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["created", "created", "created", "created"]);
    await expectExact("after the ingest");
    // The rule's theme came with the ingest: on the two that say the word.
    expect(await countRowsOf("THEME", 0, ruleTheme.id)).toBe(2);
    expect(await countRowsOf("ALL", 0, 0)).toBe(3);

    const [completed] = await storeArticles([
      {
        title: `Teaser ${RUN}`,
        body: `The full text of the ${RUN} teaser, long enough to be a story of its own.`,
        publishedAt: at(4, 2),
        source: OUTLET,
        url: `https://counts.example/${RUN}/teaser`,
      },
    ]);
    expect(completed).toMatchObject({ status: "completed", articleId: stored[3] });
    await expectExact("after a teaser completed");
    expect(await countRowsOf("THEME", 0, ruleTheme.id)).toBe(3);
  });

  it("follows themes set, cleared and re-run, and tags added and removed, one by one and in bulk", async () => {
    const rows = await insertTestArticles(
      RUN,
      sourceA.id,
      Array.from({ length: 12 }, (_, i) => ({
        key: i,
        publishedAt: at(1 + (i % 3), 10 + i),
        sourceId: i % 4 === 0 ? sourceB.id : sourceA.id,
        body: i % 2 ? `Mentions ${RUN} plainly.` : "Says nothing.",
      })),
    );
    const ids = rows.map((row) => row.id);
    await expectExact("after inserting rows directly");

    await setThemeOnArticles(ids.slice(0, 5), theme.id, analyst);
    await addTagToArticles([ids[0], ids[1], stored[0]], { id: tagId }, analyst);
    await expectExact("after a theme and a tag set");

    await clearThemeOnArticles([ids[1]], theme.id, analyst);
    await removeTagFromArticles([ids[0]], tagId, analyst);
    await expectExact("after a theme cleared (an exclusion) and a tag removed");

    await applyBulkAction({
      selection: { kind: "ids", ids: ids.slice(4) },
      action: { type: "add_tag", tag: { id: tagId } },
      actor: analyst,
    });
    await applyBulkAction({
      selection: { kind: "ids", ids: ids.slice(6, 10) },
      action: { type: "set_theme", themeId: theme.id },
      actor: analyst,
    });
    await expectExact("after bulk tagging and a bulk theme");

    // The rule now matches the odd rows; then a changed rule takes the theme off some.
    const rerun = await createThemeRerun(ruleTheme.id);
    await runThemeRerun(rerun.id, { batchSize: 500 });
    await expectExact("after a theme re-run");
    await db.themeRule.updateMany({ where: { themeId: ruleTheme.id }, data: { query: `${RUN} story` } });
    await runThemeRerun((await createThemeRerun(ruleTheme.id)).id, { batchSize: 500 });
    await expectExact("after a re-run that removed links");
    // A re-run that changes nothing rewrites nothing it counts.
    await db.$executeRaw`UPDATE article_themes SET matched_terms = '{refreshed}' WHERE theme_id = ${ruleTheme.id}`;
    await expectExact("after links rewritten as they were");
  });

  it("follows a changed date, source or completeness, deletions, and the fold of pending changes", async () => {
    const [moved, other, gone] = await db.article.findMany({
      where: { canonicalUrl: { startsWith: `test.example/${RUN}/` } },
      orderBy: { id: "asc" },
      select: { id: true },
      take: 3,
    });
    await db.article.update({ where: { id: moved.id }, data: { publishedAt: at(5, 20) } });
    await db.article.update({ where: { id: other.id }, data: { sourceId: sourceB.id } });
    await db.$executeRaw`UPDATE articles SET complete = false WHERE id = ${gone.id}`;
    await expectExact("after a date, a source and a completeness changed");
    await db.$executeRaw`UPDATE articles SET complete = true WHERE id = ${gone.id}`;
    await db.$executeRaw`UPDATE articles SET review_status = 'REVIEWED', title = title || '.' WHERE id = ${other.id}`;
    await expectExact("after completeness came back and other columns changed");

    await db.article.delete({ where: { id: gone.id } });
    await expectExact("after an article was deleted (its links by cascade)");
    const doomed = await createTestTheme(RUN, "Doomed theme");
    await setThemeOnArticles([moved.id, other.id], doomed.id, analyst);
    await db.theme.delete({ where: { id: doomed.id } });
    await expectExact("after a theme was deleted");

    const [{ pending }] = await db.$queryRaw<
      { pending: number }[]
    >`SELECT count(*)::int AS pending FROM article_count_changes`;
    expect(pending).toBeGreaterThan(0);
    await db.$queryRaw`SELECT article_counts_settle()`;
    await expectExact("after the changes were folded in");
    const [{ zeros }] = await db.$queryRaw<
      { zeros: number }[]
    >`SELECT count(*)::int AS zeros FROM article_counts WHERE n = 0`;
    expect(zeros).toBe(0);
  });

  describe("with two writers on one article at once", () => {
    let first: pg.Client;
    let second: pg.Client;
    let articleId: number;

    beforeAll(async () => {
      first = new pg.Client({ connectionString: process.env.DATABASE_URL });
      second = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await Promise.all([first.connect(), second.connect()]);
    });
    afterAll(async () => {
      await Promise.all([first.end(), second.end()]);
    });

    async function teaser(key: string) {
      const [row] = await insertTestArticles(RUN, sourceA.id, [{ key, publishedAt: at(6, 6) }]);
      await db.$executeRaw`UPDATE articles SET complete = false WHERE id = ${row.id}`;
      return row.id;
    }

    /** Runs `a` then `b` in two transactions, `b` while `a` is still open; then commits `a`, then `b`. */
    async function interleave(a: string, b: string, values: { a: unknown[]; b: unknown[] }) {
      await first.query("BEGIN");
      await second.query("BEGIN");
      await first.query(a, values.a);
      const waiting = second.query(b, values.b);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await first.query("COMMIT");
      await waiting;
      await second.query("COMMIT");
    }

    it("counts a tag added while the article's text completes, in either order", async () => {
      articleId = await teaser("race-1");
      await interleave(
        "UPDATE articles SET complete = true WHERE id = $1",
        "INSERT INTO article_tags (article_id, tag_id, published_at) SELECT id, $2, published_at FROM articles WHERE id = $1",
        { a: [articleId], b: [articleId, tagId] },
      );
      await expectExact("a completion, then a tag");

      articleId = await teaser("race-2");
      await interleave(
        "INSERT INTO article_tags (article_id, tag_id, published_at) SELECT id, $2, published_at FROM articles WHERE id = $1",
        "UPDATE articles SET complete = true WHERE id = $1",
        { a: [articleId, tagId], b: [articleId] },
      );
      await expectExact("a tag, then a completion");
    });

    it("counts a theme and a tag added to one article at once as a pair", async () => {
      [{ id: articleId }] = await insertTestArticles(RUN, sourceA.id, [{ key: "race-3", publishedAt: at(6, 7) }]);
      await interleave(
        "INSERT INTO article_themes (article_id, theme_id, origin, published_at) SELECT id, $2, 'MANUAL', published_at FROM articles WHERE id = $1",
        "INSERT INTO article_tags (article_id, tag_id, published_at) SELECT id, $2, published_at FROM articles WHERE id = $1",
        { a: [articleId, theme.id], b: [articleId, tagId] },
      );
      await expectExact("a theme and a tag at once");
      expect(await countRowsOf("TAG_THEME", tagId, theme.id)).toBeGreaterThan(0);
    });

    it("lets two ingests of the same day write without waiting for each other", async () => {
      const insert = (key: string) =>
        `INSERT INTO articles (source_id, title, body_text, excerpt, published_at, fingerprint)
         VALUES ($1, 'Same day ${key}', 'Text', 'Text', $2, '${RUN}-${key}')`;
      await first.query("BEGIN");
      await second.query("BEGIN");
      await second.query("SET LOCAL lock_timeout = '1s'");
      await first.query(insert("day-1"), [sourceA.id, at(6, 8)]);
      await second.query(insert("day-2"), [sourceA.id, at(6, 8, 10)]);
      await second.query("COMMIT");
      await first.query("COMMIT");
      await expectExact("two ingests of one day");
    });
  });
});
