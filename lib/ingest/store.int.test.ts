import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { startIngestRun } from "@/lib/ingest/runs";
import { storeArticles, type IngestItem } from "@/lib/ingest/store";

// Against the run's shared database: every row here carries this file's outlets, a random tag in its title
// and URL, and a date in 2091, where no other test file's stories (corpus dates) can be near duplicates.

type Story = { title: string; published: string; url: string; body: string };
const stories = readFileSync(new URL("../../test/fixtures/kcna-stories.jsonl", import.meta.url), "utf8")
  .trim()
  .split("\n")
  .map((line) => JSON.parse(line) as Story);
const [hwasong, statement, fisheries, pressReviewAug2, pressReviewAug3] = stories;

const TAG = randomBytes(4).toString("hex");
const OUTLET = `Store Test KCNA ${TAG}`;
const OTHER_OUTLET = `Store Test Reprint ${TAG}`;

/** A story as this file stores it: its own title tag, URL and day (each test its own week of 2091). */
function itemOf(story: Story, week: number, overrides: Partial<IngestItem> = {}): IngestItem {
  const slug = story.url.replace(/^https?:\/\/[^/]+/, "");
  return {
    title: `${story.title} [${TAG}]`,
    body: story.body,
    publishedAt: new Date(Date.UTC(2091, 0, 1 + week * 7)),
    source: OUTLET,
    url: `https://store-test.example/${TAG}/week-${week}${slug}`,
    ...overrides,
  };
}

function lightlyEdit(body: string): string {
  return body
    .replace(/\s*-0-\s*$/, "")
    .replace("Rodong Sinmun", "Rodong Sinmun daily")
    .replace("article", "commentary")
    .replace("says", "said");
}

async function articleCount(where: { title?: { startsWith: string }; sourceName?: string }) {
  return db.article.count({
    where: { title: where.title, source: where.sourceName ? { name: where.sourceName } : undefined },
  });
}

describe("storeArticles", () => {
  it("stores the same story once, whether it comes twice in a batch or again later", async () => {
    const item = itemOf(hwasong, 0);
    const [first, again] = await storeArticles([item, { ...item }]);
    expect(first).toMatchObject({ index: 0, status: "created" });
    expect(again).toMatchObject({ index: 1, status: "duplicate", articleId: first.articleId });

    // Re-typed: other quotes, doubled line breaks and the end mark do not make a new story.
    const [later] = await storeArticles([
      { ...item, body: `${item.body.replace(/"/g, "“").replace(/\n/g, "\n\n")} -0-`, url: `${item.url}?utm_source=x` },
    ]);
    expect(later).toMatchObject({ status: "duplicate", articleId: first.articleId });
    expect(await articleCount({ title: { startsWith: item.title } })).toBe(1);
    expect(await db.articleDuplicate.count({ where: { articleId: first.articleId } })).toBe(0);

    const stored = await db.article.findUniqueOrThrow({ where: { id: first.articleId }, include: { source: true } });
    expect(stored).toMatchObject({ canonicalUrl: item.url, complete: true, language: "en" });
    expect(stored.source).toMatchObject({ name: OUTLET, kind: "MANUAL" });
    expect(stored.bodyHtml).toMatch(/^<p>Pyongyang, November 29 \(KCNA\) -- A test-fire/);
    expect(stored.excerpt).toMatch(/^A test-fire of the inter-continental ballistic rocket/);
    expect(stored.simhash).not.toBeNull();
  });

  it("links the same text from another outlet and address to the first as an exact duplicate", async () => {
    const original = itemOf(statement, 1);
    const [created] = await storeArticles([original]);
    const reprint = { ...original, source: OTHER_OUTLET, url: `https://reprint.example/${TAG}/statement` };
    const [duplicate] = await storeArticles([reprint]);
    expect(duplicate).toMatchObject({ status: "duplicate", articleId: created.articleId });
    expect(await articleCount({ title: { startsWith: original.title } })).toBe(1);

    const links = await db.articleDuplicate.findMany({
      where: { articleId: created.articleId },
      include: { source: true },
    });
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({
      kind: "EXACT",
      similarity: 1,
      url: reprint.url,
      canonicalUrl: "https://reprint.example/" + TAG + "/statement",
    });
    expect(links[0].source).toMatchObject({ name: OTHER_OUTLET, kind: "MANUAL" });

    // Seeing the reprint again adds no second link.
    expect((await storeArticles([reprint]))[0]).toMatchObject({ status: "duplicate", articleId: created.articleId });
    expect(await db.articleDuplicate.count({ where: { articleId: created.articleId } })).toBe(1);
  });

  it("recognises a lightly edited re-run as a near duplicate of the first, in a later batch or the same one", async () => {
    const original = itemOf(pressReviewAug2, 2);
    const [created] = await storeArticles([original]);
    const rerun = {
      ...original,
      title: `Papers Review [${TAG}]`,
      body: lightlyEdit(original.body),
      source: OTHER_OUTLET,
      url: `https://reprint.example/${TAG}/press-review`,
      publishedAt: new Date(original.publishedAt.getTime() + 86_400_000),
    };
    expect(rerun.body).not.toBe(original.body.replace(/\s*-0-\s*$/, ""));
    const [near] = await storeArticles([rerun]);
    expect(near).toMatchObject({ status: "near_duplicate", articleId: created.articleId });
    expect(near.similarity).toBeGreaterThanOrEqual(0.8);
    expect(near.similarity).toBeLessThan(1);
    expect(await db.article.count({ where: { url: rerun.url } })).toBe(0);
    const link = await db.articleDuplicate.findFirstOrThrow({ where: { articleId: created.articleId } });
    expect(link).toMatchObject({ kind: "NEAR", url: rerun.url, title: rerun.title });
    expect(link.similarity).toBeCloseTo(near.similarity!, 6);

    const other = itemOf(fisheries, 3, { body: `${fisheries.body}\nThe system was praised by fishermen.` });
    const edited = { ...other, body: other.body.replace("developed", "made"), url: `${other.url}-edited` };
    const [first, second] = await storeArticles([other, edited]);
    expect(first.status).toBe("created");
    expect(second).toMatchObject({ status: "near_duplicate", articleId: first.articleId });
  });

  it("keeps two Press Reviews of different days apart: a repeated title is not the same story", async () => {
    const outcomes = await storeArticles([
      itemOf(pressReviewAug2, 4, { title: "Press Review", url: `https://store-test.example/${TAG}/pr-1` }),
      itemOf(pressReviewAug3, 4, {
        title: "Press Review",
        url: `https://store-test.example/${TAG}/pr-2`,
        publishedAt: new Date(Date.UTC(2091, 0, 30)),
      }),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["created", "created"]);
    expect(outcomes[0].articleId).not.toBe(outcomes[1].articleId);
  });

  it("completes a stored teaser when its full text arrives, and takes a late teaser as a duplicate", async () => {
    const full = itemOf(fisheries, 5, { title: `Fisheries detection system [${TAG}]` });
    const teaserText = full.body.split("\n")[0];
    const [teaser] = await storeArticles([{ ...full, body: teaserText, complete: false }]);
    expect(teaser.status).toBe("created");
    expect(await db.article.findUniqueOrThrow({ where: { id: teaser.articleId } })).toMatchObject({
      complete: false,
      bodyText: teaserText,
    });

    const [completed] = await storeArticles([full]);
    expect(completed).toMatchObject({ status: "completed", articleId: teaser.articleId });
    const article = await db.article.findUniqueOrThrow({ where: { id: teaser.articleId } });
    expect(article).toMatchObject({ complete: true, bodyText: full.body });
    expect(article.excerpt.length).toBeGreaterThan(teaserText.length > 280 ? 0 : teaserText.length - 40);
    expect(await articleCount({ title: { startsWith: full.title } })).toBe(1);

    // The teaser list seen again (this time without a link) is a duplicate, and the full text stays.
    const [late] = await storeArticles([{ ...full, url: null, body: teaserText, complete: false }]);
    expect(late).toMatchObject({ status: "duplicate", articleId: teaser.articleId });
    expect(await db.article.findUniqueOrThrow({ where: { id: teaser.articleId } })).toMatchObject({
      complete: true,
      bodyText: full.body,
    });
  });

  it("completes a teaser without a link by outlet, title and day, and merges a teaser with its full text in one batch", async () => {
    const full = itemOf(statement, 6, { title: `Government statement [${TAG}]`, url: null });
    const [teaser] = await storeArticles([
      { ...full, body: "The DPRK government issued a statement.", complete: false },
    ]);
    const [completed] = await storeArticles([{ ...full, url: `https://store-test.example/${TAG}/statement-full` }]);
    expect(completed).toMatchObject({ status: "completed", articleId: teaser.articleId });
    expect(await db.article.findUniqueOrThrow({ where: { id: teaser.articleId } })).toMatchObject({
      complete: true,
      canonicalUrl: `https://store-test.example/${TAG}/statement-full`,
    });

    const together = itemOf(hwasong, 7, { title: `Hwasong-15 launch [${TAG}]` });
    const [teaserFirst, fullSecond] = await storeArticles([
      { ...together, body: "A test-fire was conducted.", complete: false },
      together,
    ]);
    expect(fullSecond.status).toBe("created");
    expect(teaserFirst).toMatchObject({ status: "duplicate", articleId: fullSecond.articleId });
    expect(await db.article.findUniqueOrThrow({ where: { id: fullSecond.articleId } })).toMatchObject({
      complete: true,
    });
  });

  it("fails a bad item alone, records it on the run, and stores the rest of the batch", async () => {
    const run = await startIngestRun({ kind: "API", label: `store test ${TAG}` });
    const good = itemOf(hwasong, 8, { title: `Good one [${TAG}]`, url: `https://store-test.example/${TAG}/good-1` });
    // 110,000 distinct words: under the store's own length limit, but over PostgreSQL's 1 MB per tsvector, so
    // the database refuses the row: the chunk's INSERT fails and each row is tried alone under a savepoint.
    // Letters only: the search fold splits letters from digits, so "w1x" would index as three common lexemes.
    const letters = (n: number) =>
      n.toString(26).replace(/[0-9a-p]/g, (c) => "abcdefghijklmnopqrstuvwxyz"[parseInt(c, 26)]);
    const unindexable = Array.from({ length: 110_000 }, (_, i) => `zq${letters(i + 26 ** 4)}`).join(" ");
    const outcomes = await storeArticles(
      [
        good,
        itemOf(statement, 8, { title: `Has a NUL [${TAG}]`, body: `${statement.body}\u0000`, location: "line 2" }),
        itemOf(fisheries, 8, { title: `Good two [${TAG}]` }),
        itemOf(fisheries, 8, { title: `Bad date [${TAG}]`, publishedAt: new Date("not a date") }),
        { ...good, url: `https://store-test.example/${TAG}/good-1-copy` },
        itemOf(statement, 8, { title: `NUL source [${TAG}]`, source: `${OUTLET}\u0000` }),
        itemOf(pressReviewAug2, 8, { title: `Unindexable [${TAG}]`, body: unindexable }),
      ],
      { runId: run.id },
    );
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      "created",
      "failed",
      "created",
      "failed",
      "duplicate",
      "failed",
      "failed",
    ]);
    expect(outcomes[1].error).toMatch(/^body: contains a NUL character/);
    expect(outcomes[3].error).toMatch(/publishedAt/);
    expect(outcomes[4].articleId).toBe(outcomes[0].articleId);
    expect(outcomes[5].error).toMatch(/^source: contains a NUL character/);
    expect(outcomes[6].error).toMatch(/the database refused the article: .*too long for tsvector/);
    const errors = await db.ingestError.findMany({ where: { runId: run.id }, orderBy: { id: "asc" } });
    expect(errors.map((error) => [error.location, error.excerpt])).toEqual([
      ["line 2", `Has a NUL [${TAG}]`],
      ["item 4", `Bad date [${TAG}]`],
      ["item 6", `NUL source [${TAG}]`],
      ["item 7", `Unindexable [${TAG}]`],
    ]);
    // The counts were written with the articles: true whatever happens to the caller afterwards.
    expect(await db.ingestRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({
      created: 2,
      duplicates: 1,
      failed: 4,
    });
  });

  it("creates each story exactly once when two writers store the same 50 at the same time", async () => {
    const outlet = `Store Test Race ${TAG}`;
    const words =
      "party people army state nation plan work farm sea rice steel coal power city road school song film youth peace".split(
        " ",
      );
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const items: IngestItem[] = Array.from({ length: 50 }, (_, i) => ({
      title: `Race story ${i} [${TAG}]`,
      // Short bodies skip the near-duplicate query, so their race is settled by ON CONFLICT alone.
      body: Array.from({ length: i % 2 ? 80 : 30 }, () => words[Math.floor(random() * words.length)]).join(" "),
      publishedAt: new Date(Date.UTC(2091, 5, 1 + (i % 5))),
      source: outlet,
      url: `https://race.example/${TAG}/${i}`,
    }));
    const [a, b] = await Promise.all([storeArticles(items), storeArticles(items.map((item) => ({ ...item })))]);
    for (let i = 0; i < items.length; i++) {
      const statuses = [a[i].status, b[i].status].sort();
      expect(statuses).toEqual(["created", "duplicate"]);
      expect(a[i].articleId).toBe(b[i].articleId);
    }
    expect(await articleCount({ sourceName: outlet })).toBe(50);
    expect(await db.source.count({ where: { name: outlet } })).toBe(1);
  });
});
