import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { InvalidError } from "@/lib/errors";
import { savePaste } from "./save-paste";

// The real seed page, with a random tag after every title so this file's stories are its own in the
// run's shared database (the text itself is untouched: the parser and the mapping see the real thing).

const TAG = randomBytes(4).toString("hex");
const page = readFileSync(new URL("../../../test/fixtures/paste/kcna-watch-page.txt", import.meta.url), "utf8");
const MAIN_TITLE = "Conference of DPRK Red Cross Society Held";

function tagTitles(text: string): string {
  const lines = text.split("\n");
  const filled = (from: number, step: number) => {
    for (let i = from + step; i >= 0 && i < lines.length; i += step) if (lines[i].trim() !== "") return lines[i];
    return null;
  };
  // A More From title is the one line the aggregator prints twice in a row.
  return lines
    .map((line, i) =>
      line === MAIN_TITLE || (line.trim() !== "" && (filled(i, 1) === line || filled(i, -1) === line))
        ? `${line} [${TAG}]`
        : line,
    )
    .join("\n");
}

let actor: { id: number; role: "ANALYST" };

beforeAll(async () => {
  actor = (await db.user.create({
    data: { email: `paste-${TAG}@example.com`, name: `Paste ${TAG}`, role: "ANALYST", passwordHash: "x" },
    select: { id: true, role: true },
  })) as { id: number; role: "ANALYST" };
});

describe("savePaste", () => {
  const text = tagTitles(page);

  it("stores the main article complete and the 18 More From entries as teasers, as one PASTE run, and adds nothing the second time", async () => {
    const first = await savePaste(text, { ...actor, ip: "198.51.100.7" });
    expect(first.counts).toEqual({ articles: 1, completed: 0, teasers: 18, known: 0, failed: 0 });
    expect(first.message).toBe("Saved: 1 new article, 18 teasers.");

    const main = await db.article.findUniqueOrThrow({ where: { id: first.articleId! }, include: { source: true } });
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
    expect(second.articleId).toBe(first.articleId);
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
    expect(result.articleId).toBe(teaser.id);
    const completed = await db.article.findUniqueOrThrow({ where: { id: teaser.id } });
    expect(completed.complete).toBe(true);
    expect(completed.bodyText).toContain("Agricultural scientists visited cooperative farms");
  });

  it("refuses a paste with errors and starts no run", async () => {
    const runsBefore = await db.ingestRun.count({ where: { triggeredById: actor.id } });
    await expect(savePaste(`Some notes [${TAG}]\nwith no aggregator page in them`, actor)).rejects.toThrow(
      InvalidError,
    );
    await expect(savePaste(`Some notes [${TAG}]\nwith no aggregator page in them`, actor)).rejects.toThrow(
      /cannot be saved: .*Fix it and preview again/,
    );
    expect(await db.ingestRun.count({ where: { triggeredById: actor.id } })).toBe(runsBefore);
  });
});
