import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { IngestKind, VersionSeenBy } from "@/lib/generated/prisma/enums";
import { startIngestRun } from "@/lib/ingest/runs";
import { storeArticles, type IngestItem } from "@/lib/ingest/store";
import { listArticles } from "@/lib/search/list-articles";
import { parseArticleFilter } from "@/lib/validation/article-filter";

// New versions through the store, against the run's shared database: this file's own outlets, a random tag in
// titles and URLs, and dates in 2093, where no other file's stories can be candidates.

type Story = { title: string; published: string; url: string; body: string };
const stories = readFileSync(new URL("../../../test/fixtures/kcna-stories.jsonl", import.meta.url), "utf8")
  .trim()
  .split("\n")
  .map((line) => JSON.parse(line) as Story);
const [hwasong, statement, fisheries, pressReview] = stories;

const TAG = randomBytes(4).toString("hex");
const OUTLET = `Versions Test KCNA ${TAG}`;
const OTHER_OUTLET = `Versions Test Reprint ${TAG}`;

function itemOf(story: Story, week: number, overrides: Partial<IngestItem> = {}): IngestItem {
  return {
    title: `${story.title} [${TAG}]`,
    body: story.body,
    publishedAt: new Date(Date.UTC(2093, 0, 1 + week * 7)),
    source: OUTLET,
    url: `https://versions-test.example/${TAG}/week-${week}`,
    ...overrides,
  };
}

/** The story with its second paragraph replaced: the kind of edit KCNA makes. */
function edited(body: string): string {
  const paragraphs = body.split("\n");
  paragraphs[1] = "He was accompanied by senior officials of the Central Committee of the Workers' Party of Korea.";
  return paragraphs.join("\n");
}

async function versionsOf(articleId: number) {
  return db.articleVersion.findMany({ where: { articleId }, orderBy: { version: "asc" } });
}

describe("versions in the store", () => {
  it("makes a changed text under the same URL a new version, and the same text again a duplicate", async () => {
    const first = itemOf(hwasong, 0);
    const [created] = await storeArticles([first], { seenBy: VersionSeenBy.PASTE });
    expect(created.status).toBe("created");
    const articleId = created.articleId!;

    const run = await startIngestRun({ kind: IngestKind.API });
    const change = { ...first, title: `ICBM Hwasong-15 test-fired [${TAG}]`, body: edited(first.body) };
    const [updated] = await storeArticles([change], { runId: run.id, seenBy: VersionSeenBy.API });
    expect(updated).toEqual({ index: 0, status: "updated", articleId, version: 2 });

    const article = await db.article.findUniqueOrThrow({ where: { id: articleId } });
    expect(article).toMatchObject({ title: change.title, bodyText: change.body, versionCount: 2 });
    expect(article.editedAt).not.toBeNull();
    expect(article.previousTitles).toBe(`${first.title}\n`);
    const versions = await versionsOf(articleId);
    expect(versions.map((v) => [v.version, v.title, v.seenBy, v.runId])).toEqual([
      [1, first.title, "PASTE", null],
      [2, change.title, "API", run.id],
    ]);
    expect(versions[0].bodyText).toBe(first.body);
    expect(versions[1].contentHash).toBe(article.fingerprint);
    expect(await db.ingestRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({
      updated: 1,
      created: 0,
      duplicates: 0,
    });

    // The same text again, or the first version seen again (a stale copy), is a duplicate: nothing moves.
    const again = await storeArticles([change, first]);
    expect(again.map((outcome) => outcome.status)).toEqual(["duplicate", "duplicate"]);
    expect(await db.article.findUniqueOrThrow({ where: { id: articleId } })).toMatchObject({
      title: change.title,
      versionCount: 2,
    });

    // The desk's "edited at source" filter finds it by when the change was seen, not by its publication date.
    const today = new Date().toISOString().slice(0, 10);
    const listed = async (query: string) =>
      (await listArticles(parseArticleFilter(`${query}&q=${TAG}`).filter, { take: 50, count: false })).items.map(
        (row) => row.id,
      );
    expect(await listed(`changed=edited&from=${today}&to=${today}`)).toContain(articleId);
    expect(await listed(`changed=edited&from=2093-01-01&to=2093-01-31`)).not.toContain(articleId);
    expect(await listed(`changed=gone&from=${today}&to=${today}`)).not.toContain(articleId);
    expect(await listed(`from=2093-01-01&to=2093-01-31`)).toContain(articleId);

    // The search finds the article by the title it had before.
    const [found] = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM articles
       WHERE id = ${articleId} AND search @@ plainto_tsquery('english', search_fold('Guides Test-fire'))`;
    expect(found.n).toBe(1);
  });

  it("finds an edit under a new address through the classifier; another outlet's copy stays 'also published by'", async () => {
    const original = itemOf(statement, 1);
    const [created] = await storeArticles([original]);
    const articleId = created.articleId!;

    const reissued = { ...original, body: edited(original.body), url: `${original.url}-revised` };
    const [updated] = await storeArticles([reissued], { seenBy: VersionSeenBy.FEED });
    expect(updated).toMatchObject({ status: "updated", articleId, version: 2 });
    const versions = await versionsOf(articleId);
    expect(versions[1]).toMatchObject({ seenBy: "FEED", url: reissued.url });

    const reprint = { ...reissued, body: `${reissued.body}\nReprinted.`, source: OTHER_OUTLET, url: null };
    const [copy] = await storeArticles([reprint]);
    expect(copy.status).toBe("near_duplicate");
    expect(await db.article.findUniqueOrThrow({ where: { id: articleId } })).toMatchObject({ versionCount: 2 });
  });

  it("without a URL, takes the same outlet, title and day with a changed text for a version", async () => {
    const original = itemOf(fisheries, 2, { url: null });
    const [created] = await storeArticles([original]);
    const [updated] = await storeArticles([{ ...original, body: `${original.body}\nThe work will go on.` }]);
    expect(updated).toMatchObject({ status: "updated", articleId: created.articleId, version: 2 });
  });

  it("gives a completed teaser its text as version 1, not as an edit", async () => {
    const full = itemOf(pressReview, 3, { url: `https://versions-test.example/${TAG}/teaser` });
    const [teaser] = await storeArticles([{ ...full, body: "A short teaser.", complete: false }]);
    const [completed] = await storeArticles([full]);
    expect(completed).toMatchObject({ status: "completed", articleId: teaser.articleId });
    const article = await db.article.findUniqueOrThrow({ where: { id: teaser.articleId } });
    expect(article).toMatchObject({ versionCount: 1, editedAt: null });
    const versions = await versionsOf(teaser.articleId!);
    expect(versions.map((v) => [v.version, v.bodyText, v.contentHash])).toEqual([[1, full.body, article.fingerprint]]);
  });
});
