import type { Db } from "@/lib/db";
import { createTestSource, createTestTheme, createTestUser, insertTestArticles, randomTag } from "@/test/factories";

// 700 articles with every kind of filter value, in 1961-1962 (no other test's rows are that old), made
// so each filter, alone or combined, can be checked against a brute-force answer computed in JS.
//   ties: even rows are published at midnight, five per day, for keyset paging to get right
//   undated: every 19th row came without a date (dated when first seen)
//   text: "zebracorn" in 6 of 7 rows (dense), "quasarfold" in three (sparse; in one title), "red banner"
//         and its reverse, "missilexes"/"missilexed" for prefixes, 평양축전 (Hangul), "glimmerwick" for OR,
//         "Kim Jae Ryong" in three rows (a sparse phrase) and its words apart in one more

export const FIXTURE_SIZE = 700;
export const FIXTURE_FROM = new Date("1961-01-01T00:00:00Z");
export const FIXTURE_TO = new Date("1962-12-31T00:00:00Z");

export type FixtureArticle = {
  i: number;
  id: number;
  publishedAt: Date;
  undated: boolean;
  sourceId: number;
  reviewStatus: "NEW" | "REVIEWED" | "FLAGGED";
  language: string;
  /** Live (not excluded) theme ids. */
  themes: number[];
  tags: number[];
  annotations: number;
  title: string;
};

export type ArticleFixture = {
  articles: FixtureArticle[];
  sources: [number, number];
  themes: [number, number, number];
  tags: [number, number, number];
  byId: Map<number, FixtureArticle>;
};

const WORDS = [
  "harvest",
  "delegation",
  "factory",
  "congress",
  "reservoir",
  "railway",
  "festival",
  "embassy",
  "tractor",
  "bridge",
];

function textOf(i: number): { title: string; body: string } {
  const title = `${WORDS[i % 10]} ${WORDS[(i * 7) % 10]} bulletin ${i}${i === 250 ? " quasarfold" : ""}`;
  const sentences = [`Pyongyang report number ${i} on the ${WORDS[(i * 3) % 10]} and the ${WORDS[(i * 5) % 10]}.`];
  if (i % 7 !== 0) sentences.push("A zebracorn was seen near the square.");
  if ([5, 250, 600].includes(i)) sentences.push("Observers noted the quasarfold pattern.");
  if (i % 10 === 3) sentences.push("The red banner was raised over the hall.");
  if (i % 10 === 4) sentences.push("A banner red with slogans hung there.");
  if (i % 13 === 0) sentences.push("Two missilexes stood ready.");
  if (i % 17 === 0) sentences.push("It was missilexed at dawn.");
  if (i % 50 === 0) sentences.push("평양축전 행사가 열렸다.");
  if (i % 31 === 0) sentences.push("A glimmerwick appeared.");
  if (i % 233 === 7) sentences.push("Delegate Kim Jae Ryong spoke.");
  if (i === 100) sentences.push("Kim met Jae by the Ryong bridge.");
  sentences.push("Long filler text follows to give the article a realistic length for ranking and excerpts.");
  return { title, body: sentences.join(" ") };
}

function publishedAt(i: number): Date {
  const day = Math.floor(i / 10);
  const date = new Date(Date.UTC(1961, 2, 1 + day * 9));
  if (i % 2 === 1) date.setUTCHours(i % 24, (i * 7) % 60);
  return date;
}

export async function createArticleFixture(db: Db): Promise<ArticleFixture> {
  const run = randomTag();
  const sourceA = await createTestSource(run, "List test wire A");
  const sourceB = await createTestSource(run, "List test wire B");
  const themes = await Promise.all([1, 2, 3].map((n) => createTestTheme(run, `List theme ${n}`, { color: "#123456" })));
  const tags = await Promise.all([1, 2, 3].map((n) => db.tag.create({ data: { name: `list-tag-${n}-${run}` } })));
  const author = await createTestUser(run, "list", { name: "List Tester" });

  const created = await insertTestArticles(
    run,
    sourceA.id,
    Array.from({ length: FIXTURE_SIZE }, (_, i) => {
      const { title, body } = textOf(i);
      return {
        key: i,
        sourceId: i % 3 === 0 ? sourceB.id : sourceA.id,
        url: `https://test.example/list/${run}/${i}`,
        title,
        body,
        language: i % 11 === 0 ? "ko" : "en",
        publishedAt: publishedAt(i),
        undated: i % 19 === 0,
        reviewStatus: i % 5 === 0 ? ("FLAGGED" as const) : i % 5 === 1 ? ("REVIEWED" as const) : ("NEW" as const),
      };
    }),
  );

  const themeLinks: {
    articleId: number;
    themeId: number;
    origin: "RULE" | "MANUAL";
    excluded: boolean;
    publishedAt: Date;
  }[] = [];
  const tagLinks: { articleId: number; tagId: number; publishedAt: Date }[] = [];
  const notes: { articleId: number; authorId: number; note: string }[] = [];
  const articles: FixtureArticle[] = [];
  for (let i = 0; i < FIXTURE_SIZE; i++) {
    const row = created[i]!;
    const live: number[] = [];
    const link = (themeId: number, excluded = false) => {
      themeLinks.push({
        articleId: row.id,
        themeId,
        origin: i % 4 === 0 ? "MANUAL" : "RULE",
        excluded,
        publishedAt: row.publishedAt,
      });
      if (!excluded) live.push(themeId);
    };
    if (i % 2 === 0) link(themes[0].id);
    if (i % 3 === 0) link(themes[1].id);
    // Rows 5, 15, 25...: the theme was removed by hand, and must not count.
    if (i % 5 === 0) link(themes[2].id, i % 10 === 5);
    const rowTags = [i % 4 === 0 && tags[0].id, i % 6 === 0 && tags[1].id, i % 9 === 0 && tags[2].id].filter(
      (id): id is number => Boolean(id),
    );
    for (const tagId of rowTags) tagLinks.push({ articleId: row.id, tagId, publishedAt: row.publishedAt });
    const annotationCount = i % 24 === 0 ? 2 : i % 8 === 0 ? 1 : 0;
    for (let n = 0; n < annotationCount; n++) notes.push({ articleId: row.id, authorId: author.id, note: `note ${n}` });
    articles.push({
      i,
      id: row.id,
      publishedAt: row.publishedAt,
      undated: i % 19 === 0,
      sourceId: i % 3 === 0 ? sourceB.id : sourceA.id,
      reviewStatus: i % 5 === 0 ? "FLAGGED" : i % 5 === 1 ? "REVIEWED" : "NEW",
      language: i % 11 === 0 ? "ko" : "en",
      themes: live,
      tags: rowTags,
      annotations: annotationCount,
      title: textOf(i).title,
    });
  }
  await db.articleTheme.createMany({ data: themeLinks });
  await db.articleTag.createMany({ data: tagLinks });
  await db.annotation.createMany({ data: notes });
  await db.$executeRawUnsafe("ANALYZE articles, article_themes, article_tags, annotations");

  return {
    articles,
    sources: [sourceA.id, sourceB.id],
    themes: [themes[0].id, themes[1].id, themes[2].id],
    tags: [tags[0].id, tags[1].id, tags[2].id],
    byId: new Map(articles.map((article) => [article.id, article])),
  };
}

/** Newest first, ties by id descending: the list's order. */
export function newestFirst(a: FixtureArticle, b: FixtureArticle): number {
  return b.publishedAt.getTime() - a.publishedAt.getTime() || b.id - a.id;
}
