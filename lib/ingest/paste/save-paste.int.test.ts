import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { InvalidError } from "@/lib/errors";
import { createTestUser, randomTag, type TestUser } from "@/test/factories";
import { savePaste } from "./save-paste";

// The real seed page, with a random tag after every title so this file's stories are its own in the
// run's shared database (the text itself is untouched: the parser and the mapping see the real thing).

const TAG = randomTag();
const fixture = (name: string) =>
  readFileSync(new URL(`../../../test/fixtures/paste/${name}`, import.meta.url), "utf8");
const page = fixture("kcna-watch-page.txt");
const MAIN_TITLE = "Conference of DPRK Red Cross Society Held";
const FULL_TITLES = [
  "549th Triplets Born at Pyongyang Maternity Hospital in DPRK",
  "Farmers of Kumdae Farm in DPRK Move into New Houses",
];

function tagTitles(text: string, tag = TAG, fullTitles = [MAIN_TITLE]): string {
  const lines = text.split("\n");
  const filled = (from: number, step: number) => {
    for (let i = from + step; i >= 0 && i < lines.length; i += step) if (lines[i].trim() !== "") return lines[i];
    return null;
  };
  // A More From title is the one line the aggregator prints twice in a row.
  return lines
    .map((line, i) =>
      fullTitles.includes(line) || (line.trim() !== "" && (filled(i, 1) === line || filled(i, -1) === line))
        ? `${line} [${tag}]`
        : line,
    )
    .join("\n");
}

let actor: TestUser;

beforeAll(async () => {
  actor = await createTestUser(TAG, "paste", { role: "ANALYST", name: `Paste ${TAG}` });
});

describe("savePaste", () => {
  const text = tagTitles(page);

  it("stores the main article complete and the 18 More From entries as teasers, as one PASTE run, and adds nothing the second time", async () => {
    const first = await savePaste(text, { ...actor, ip: "198.51.100.7" });
    expect(first.counts).toEqual({ articles: 1, completed: 0, teasers: 18, known: 0, failed: 0 });
    expect(first.message).toBe("Saved: 1 new article, 18 teasers.");

    expect(first.articles).toEqual([{ id: expect.any(Number), title: `${MAIN_TITLE} [${TAG}]` }]);
    const main = await db.article.findUniqueOrThrow({ where: { id: first.articles[0].id }, include: { source: true } });
    expect(main).toMatchObject({ title: `${MAIN_TITLE} [${TAG}]`, complete: true, language: "en", url: null });
    expect(main.source.name).toBe("KCNA");
    expect(main.publishedAt.toISOString()).toBe("2021-06-10T00:00:00.000Z");
    expect(main.bodyText.split("\n")).toHaveLength(9);
    expect(main.bodyText.startsWith("Pyongyang, June 10 (KCNA) -- A video conference")).toBe(true);

    const teasers = await db.article.findMany({ where: { title: { endsWith: `[${TAG}]` }, complete: false } });
    expect(teasers).toHaveLength(18);
    const toffee = teasers.find(
      (teaser) => teaser.title === `Korean Toffee Making - Part of DPRK's Intangible Cultural Heritage [${TAG}]`,
    );
    expect(toffee).toMatchObject({
      sourceId: main.sourceId,
      bodyText: expect.stringMatching(/^Pyongyang, January 22 \(KCNA\) -- Korean toffee making/),
    });
    expect(toffee!.publishedAt.toISOString()).toBe("2026-01-22T00:00:00.000Z");

    const run = await db.ingestRun.findUniqueOrThrow({ where: { id: first.runId } });
    expect(run).toMatchObject({
      kind: "PASTE",
      status: "SUCCEEDED",
      label: `${MAIN_TITLE} [${TAG}]`,
      triggeredById: actor.id,
      fetched: 19,
      created: 19,
      duplicates: 0,
      failed: 0,
      total: 19,
    });
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "ingest.paste", targetId: String(first.runId) },
    });
    expect(audit).toMatchObject({ actorId: actor.id, targetType: "IngestRun", ip: "198.51.100.7" });

    const second = await savePaste(text, actor);
    expect(second.message).toBe("Nothing new: 19 items already known.");
    expect(second.articles).toEqual(first.articles);
    expect(await db.article.count({ where: { title: { endsWith: `[${TAG}]` } } })).toBe(19);
    expect(await db.ingestRun.findUniqueOrThrow({ where: { id: second.runId } })).toMatchObject({
      status: "SUCCEEDED",
      created: 0,
      duplicates: 19,
    });
  });

  it("gives a stored teaser its full text when that article is pasted later", async () => {
    const teaser = await db.article.findFirstOrThrow({ where: { title: `Scientific Farming in DPRK [${TAG}]` } });
    expect(teaser.complete).toBe(false);
    const full = [
      "January 22, 2026Jan 22, 2026",
      "KCNA KCNA.kp (En)",
      "",
      `Scientific Farming in DPRK [${TAG}]`,
      "",
      "Date: 21/01/2026 | Source: KCNA.kp (En) | Read original version at source",
      "",
      `${teaser.bodyText} farms across the country, the full story ${TAG}.`,
      "",
      "Agricultural scientists visited cooperative farms to pass on advanced methods. -0-",
    ].join("\n");
    const result = await savePaste(full, actor);
    expect(result.counts).toMatchObject({ articles: 0, completed: 1 });
    expect(result.message).toBe("Saved: the full text of 1 stored teaser.");
    expect(result.articles).toEqual([{ id: teaser.id, title: teaser.title }]);
    const completed = await db.article.findUniqueOrThrow({ where: { id: teaser.id } });
    expect(completed.complete).toBe(true);
    expect(completed.bodyText).toContain("Agricultural scientists visited cooperative farms");
  });

  it("stores each of two pasted articles and the More From list, as one run", async () => {
    const tag = `${TAG}-two`;
    const result = await savePaste(tagTitles(fixture("two-articles-and-more-from.txt"), tag, FULL_TITLES), actor);
    expect(result.counts).toEqual({ articles: 2, completed: 0, teasers: 4, known: 0, failed: 0 });
    expect(result.message).toBe("Saved: 2 new articles, 4 teasers.");
    expect(result.articles.map((article) => article.title)).toEqual(FULL_TITLES.map((title) => `${title} [${tag}]`));
    const stored = await db.article.findMany({
      where: { title: { endsWith: `[${tag}]` } },
      orderBy: { title: "asc" },
      select: { title: true, complete: true, publishedAt: true, bodyText: true },
    });
    expect(stored.map((article) => [article.title.replace(` [${tag}]`, ""), article.complete])).toEqual([
      [FULL_TITLES[0], true],
      [FULL_TITLES[1], true],
      ["Press Review", false],
      ["Reconstruction Project Propelled in Flood-hit Areas of DPRK", false],
      ["Respected Comrade Kim Jong Un Sends Floral Basket to Lao President", false],
      ["Schoolchildren's Rabbit Show Held in DPRK", false],
    ]);
    expect(stored[1].bodyText).toMatch(/^Pyongyang, November 9 \(KCNA\) -- Another praiseworthy entity/);
    expect(await db.ingestRun.findUniqueOrThrow({ where: { id: result.runId } })).toMatchObject({
      label: `${FULL_TITLES[0]} [${tag}] and 1 more article`,
      created: 6,
      total: 6,
    });
  });

  it("stores a More From list alone as teasers only when the analyst confirms", async () => {
    const tag = `${TAG}-list`;
    const list = tagTitles(fixture("more-from-only.txt"), tag, []);
    await expect(savePaste(list, actor)).rejects.toThrow(/only teasers \(18\).*Confirm/);
    expect(await db.article.count({ where: { title: { endsWith: `[${tag}]` } } })).toBe(0);

    const result = await savePaste(list, actor, { confirmTeasers: true });
    expect(result.counts).toEqual({ articles: 0, completed: 0, teasers: 18, known: 0, failed: 0 });
    expect(result.articles).toEqual([]);
    expect(await db.article.count({ where: { title: { endsWith: `[${tag}]` }, complete: false } })).toBe(18);
    expect(await db.ingestRun.findUniqueOrThrow({ where: { id: result.runId } })).toMatchObject({
      label: "18 teasers from KCNA",
    });
  });

  it("refuses a paste with errors and starts no run", async () => {
    const runsBefore = await db.ingestRun.count({ where: { triggeredById: actor.id } });
    await expect(savePaste(`Some notes [${TAG}]\nwith no aggregator page in them`, actor)).rejects.toThrow(
      InvalidError,
    );
    await expect(savePaste(`Some notes [${TAG}]\nwith no aggregator page in them`, actor)).rejects.toThrow(
      /cannot be saved: No article found: .*Fix it and preview again/,
    );
    expect(await db.ingestRun.count({ where: { triggeredById: actor.id } })).toBe(runsBefore);
  });
});
