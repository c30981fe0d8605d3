import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { articleThemes, clearThemeOnArticles, setThemeOnArticles } from "@/lib/data/article-themes";
import { storeArticles } from "@/lib/ingest/store";
import { createThemeRerun, runThemeRerun } from "@/lib/themes/rerun";
import { applyRulesToArticles } from "@/lib/themes/rules";
import {
  createTestSource,
  createTestTheme,
  createTestUser,
  deleteTestUsers,
  insertTestArticles,
  randomTag,
} from "@/test/factories";

// Against the run's shared database: this file's theme, sources and articles carry a random letter tag,
// and every call is limited to this file's theme, so other files' rules and rows never meet these.
// Whole at just over 300 lines: every case works on the one theme and article set made below.

const TAG = randomTag("qz", "letters");

const BODIES = {
  phrase: `${TAG} The ballistic missile flew 800 km over the sea.`,
  reversed: `${TAG} A missile that is not ballistic, said the ballistic experts of the cruise missile unit.`,
  orLeft: `${TAG} The artillery drill of the coastal units was a success.`,
  orRight: `${TAG} The firing contest among mortar crews took place.`,
  excluded: `${TAG} The ballistic missile test was reported in the weather forecast.`,
  prefix: `${TAG} Scientists in Pyongyang test-fired rockets designed by the academy.`,
  otherSource: `${TAG} Another outlet reprinted the ballistic missile story.`,
  unrelated: `${TAG} Farmers completed the rice transplanting in good time.`,
  // Scopes: a typhoon deep in the body only, in the opening, in the title.
  typhoonDeep: `${TAG} Workers repaired the river dam in time. ${"They worked day and night on the embankment. ".repeat(12)}The typhoon did little damage.`,
  typhoonLead: `${TAG} A typhoon hit the east coast on Monday.`,
  typhoonTitle: `${TAG} The storm passed quickly.`,
};
/** What the excerpt keeps of a long body: its opening (lib/ingest/fingerprint.ts makeExcerpt). */
const EXCERPTS: Partial<Record<keyof typeof BODIES, string>> = {
  typhoonDeep: `${TAG} Workers repaired the river dam in time.`,
};
const TITLES: Partial<Record<keyof typeof BODIES, string>> = { typhoonTitle: `Typhoon passes ${TAG}` };
type Key = keyof typeof BODIES;

let themeId: number;
let otherSourceId: number;
let analyst: { id: number; role: "ANALYST"; name: string };
const ids = {} as Record<Key, number>;

async function themedIds(): Promise<number[]> {
  const rows = await db.articleTheme.findMany({
    where: { themeId, excluded: false },
    select: { articleId: true },
    orderBy: { articleId: "asc" },
  });
  return rows.map((row) => row.articleId);
}

function idsOf(...keys: Key[]): number[] {
  return keys.map((key) => ids[key]).sort((a, b) => a - b);
}

async function setRules(
  rules: { query: string; sourceIds?: number[]; weight?: number; scope?: "ANYWHERE" | "LEAD" | "TITLE" }[],
) {
  await db.themeRule.deleteMany({ where: { themeId } });
  await db.themeRule.createMany({
    data: rules.map((rule) => ({
      themeId,
      query: rule.query,
      sourceIds: rule.sourceIds ?? [],
      weight: rule.weight ?? 1,
      scope: rule.scope ?? "ANYWHERE",
    })),
  });
}

beforeAll(async () => {
  const source = await createTestSource(TAG, "Rules wire");
  const other = await createTestSource(TAG, "Rules reprint");
  otherSourceId = other.id;
  themeId = (await createTestTheme(TAG, "Rules theme")).id;
  const user = await createTestUser(TAG, "alex", { role: "ANALYST", name: `Alex ${TAG}` });
  analyst = { id: user.id, role: "ANALYST", name: user.name };
  const keys = Object.keys(BODIES) as Key[];
  const created = await insertTestArticles(
    TAG,
    source.id,
    keys.map((key, i) => ({
      key,
      sourceId: key === "otherSource" ? other.id : source.id,
      title: TITLES[key] ?? `Rules ${key} ${TAG}`,
      body: BODIES[key],
      excerpt: EXCERPTS[key] ?? BODIES[key],
      publishedAt: new Date(Date.UTC(1961, 0, 1 + i)),
    })),
  );
  keys.forEach((key, i) => (ids[key] = created[i]!.id));
});

afterAll(async () => {
  await db.article.deleteMany({ where: { canonicalUrl: { startsWith: `test.example/${TAG}/` } } });
  await db.theme.deleteMany({ where: { id: themeId } });
  await db.source.deleteMany({ where: { name: { endsWith: TAG } } });
  await deleteTestUsers(TAG);
});

const all = () => Object.values(ids);

describe("rule matching", () => {
  it("matches a phrase only in its word order, and reports the words found", async () => {
    await setRules([{ query: `${TAG} "ballistic missile"` }]);
    await applyRulesToArticles(all(), { themeIds: [themeId] });
    expect(await themedIds()).toEqual(idsOf("phrase", "excluded", "otherSource"));
    const row = await db.articleTheme.findUniqueOrThrow({
      where: { articleId_themeId: { articleId: ids.phrase, themeId } },
    });
    expect(row).toMatchObject({ origin: "RULE", excluded: false, matchedTerms: [TAG, "ballistic missile"] });
  });

  it("matches either side of OR, and removes the rows of articles the new rules no longer match", async () => {
    await setRules([{ query: `${TAG} artillery OR "firing contest"` }]);
    const result = await applyRulesToArticles(all(), { themeIds: [themeId] });
    expect(await themedIds()).toEqual(idsOf("orLeft", "orRight"));
    expect(result).toMatchObject({ hits: 2, added: 2, removed: 3 });
  });

  it("leaves out articles with an excluded word", async () => {
    await setRules([{ query: `${TAG} "ballistic missile" -weather` }]);
    await applyRulesToArticles(all(), { themeIds: [themeId] });
    expect(await themedIds()).toEqual(idsOf("phrase", "otherSource"));
  });

  it("matches a prefix and reports it with its star", async () => {
    await setRules([{ query: `${TAG} scien*` }]);
    await applyRulesToArticles(all(), { themeIds: [themeId] });
    expect(await themedIds()).toEqual(idsOf("prefix"));
    const row = await db.articleTheme.findUniqueOrThrow({
      where: { articleId_themeId: { articleId: ids.prefix, themeId } },
    });
    expect(row.matchedTerms).toEqual([TAG, "scien*"]);
  });

  it("limits a rule to its sources, and keeps the heaviest matching rule as the reason", async () => {
    await setRules([
      { query: `${TAG} "ballistic missile"`, sourceIds: [otherSourceId], weight: 1 },
      { query: `${TAG} reprinted`, weight: 3 },
    ]);
    await applyRulesToArticles(all(), { themeIds: [themeId] });
    expect(await themedIds()).toEqual(idsOf("otherSource"));
    const heavy = await db.themeRule.findFirstOrThrow({ where: { themeId, weight: 3 } });
    const row = await db.articleTheme.findUniqueOrThrow({
      where: { articleId_themeId: { articleId: ids.otherSource, themeId } },
    });
    expect(row).toMatchObject({ ruleId: heavy.id, matchedTerms: [TAG, "reprinted"] });
  });

  it("changes nothing when applied twice", async () => {
    await setRules([{ query: `${TAG} missile` }]);
    const first = await applyRulesToArticles(all(), { themeIds: [themeId] });
    expect(first.added + first.updated).toBeGreaterThan(0);
    expect(await applyRulesToArticles(all(), { themeIds: [themeId] })).toMatchObject({
      added: 0,
      updated: 0,
      removed: 0,
    });
  });
});

describe("rule scopes", () => {
  it("matches a word deep in the body anywhere, but not in the title and opening or the title only", async () => {
    await setRules([{ query: `${TAG} typhoon` }]);
    await applyRulesToArticles(all(), { themeIds: [themeId] });
    expect(await themedIds()).toEqual(idsOf("typhoonDeep", "typhoonLead", "typhoonTitle"));

    await setRules([{ query: `${TAG} typhoon`, scope: "LEAD" }]);
    expect(await applyRulesToArticles(all(), { themeIds: [themeId] })).toMatchObject({ hits: 2, removed: 1 });
    expect(await themedIds()).toEqual(idsOf("typhoonLead", "typhoonTitle"));

    await setRules([{ query: `${TAG} typhoon`, scope: "TITLE" }]);
    await applyRulesToArticles(all(), { themeIds: [themeId] });
    expect(await themedIds()).toEqual(idsOf("typhoonTitle"));
    const row = await db.articleTheme.findUniqueOrThrow({
      where: { articleId_themeId: { articleId: ids.typhoonTitle, themeId } },
    });
    expect(row.matchedTerms).toEqual([TAG, "typhoon"]);
  });

  it("reports only the words found in the rule's scope, and applies exclusions there", async () => {
    await setRules([{ query: `${TAG} typhoon OR dam`, scope: "LEAD" }]);
    await applyRulesToArticles(all(), { themeIds: [themeId] });
    const deep = await db.articleTheme.findUniqueOrThrow({
      where: { articleId_themeId: { articleId: ids.typhoonDeep, themeId } },
    });
    expect(deep.matchedTerms).toEqual([TAG, "dam"]);

    // "damage" is deep in the body: a LEAD rule does not see it, so it does not exclude the article.
    await setRules([{ query: `${TAG} dam -damage`, scope: "LEAD" }]);
    await applyRulesToArticles(all(), { themeIds: [themeId] });
    expect(await themedIds()).toEqual(idsOf("typhoonDeep"));
  });

  it("re-runs a scoped rule over every article in batches", async () => {
    await setRules([{ query: `${TAG} typhoon`, scope: "LEAD" }]);
    const batchSize = Math.max(1, Math.ceil((await db.article.count()) / 4));
    const outcome = await runThemeRerun((await createThemeRerun(themeId)).id, { batchSize });
    expect(outcome).toMatchObject({ status: "finished", batches: expect.any(Number) });
    expect(outcome.batches).toBeGreaterThan(1);
    expect(await themedIds()).toEqual(idsOf("typhoonLead", "typhoonTitle"));
  });
});

describe("hand assignments against rules", () => {
  it("keeps a theme set or removed by hand through a re-run, and gives the panel who and why for each", async () => {
    await setRules([{ query: `${TAG} "ballistic missile"` }]);
    await applyRulesToArticles(all(), { themeIds: [themeId] });
    await setThemeOnArticles([ids.unrelated], themeId, analyst);
    await clearThemeOnArticles([ids.phrase], themeId, analyst);

    const rerun = await createThemeRerun(themeId);
    const outcome = await runThemeRerun(rerun.id, { batchSize: 2_000 });
    expect(outcome.status).toBe("finished");
    expect(await themedIds()).toEqual(idsOf("unrelated", "excluded", "otherSource"));
    const removed = await db.articleTheme.findUniqueOrThrow({
      where: { articleId_themeId: { articleId: ids.phrase, themeId } },
    });
    expect(removed).toMatchObject({ origin: "MANUAL", excluded: true });

    // What the article's theme panel is given to say why: who set it, the rule and its words, who removed it.
    const rowOf = async (articleId: number) => (await articleThemes(articleId)).find((row) => row.theme.id === themeId);
    expect(await rowOf(ids.unrelated)).toMatchObject({
      origin: "MANUAL",
      excluded: false,
      assignedBy: { id: analyst.id, name: `Alex ${TAG}` },
    });
    expect(await rowOf(ids.otherSource)).toMatchObject({
      origin: "RULE",
      excluded: false,
      rule: { query: `${TAG} "ballistic missile"` },
      matchedTerms: [TAG, "ballistic missile"],
    });
    expect(await rowOf(ids.phrase)).toMatchObject({ excluded: true, assignedBy: { name: `Alex ${TAG}` } });
  });
});

describe("the re-run", () => {
  it("resumes after a crash from the last finished batch, and a second run changes nothing", async () => {
    await setRules([{ query: `${TAG} artillery OR "rice transplanting"` }]);
    const total = await db.article.count();
    const batchSize = Math.max(1, Math.ceil(total / 3));
    const rerun = await createThemeRerun(themeId);
    await expect(
      runThemeRerun(rerun.id, {
        batchSize,
        onBatch: () => {
          throw new Error("worker crashed");
        },
      }),
    ).rejects.toThrow("worker crashed");
    const crashed = await db.themeRerun.findUniqueOrThrow({ where: { id: rerun.id } });
    expect(crashed).toMatchObject({ processed: batchSize, finishedAt: null });

    const resumed = await runThemeRerun(rerun.id, { batchSize });
    expect(resumed.status).toBe("finished");
    const done = await db.themeRerun.findUniqueOrThrow({ where: { id: rerun.id } });
    // Each article counted once: the batch finished before the crash was not worked again.
    expect(done.processed).toBe(await db.article.count({ where: { id: { lte: done.lastArticleId } } }));
    expect(await themedIds()).toEqual(idsOf("orLeft", "unrelated"));

    expect(await runThemeRerun(rerun.id)).toMatchObject({ status: "already_finished", batches: 0 });
    const again = await runThemeRerun((await createThemeRerun(themeId)).id);
    expect(again.progress).toMatchObject({ added: 0, removed: 0 });
  });

  it("stops a re-run that a newer one superseded", async () => {
    const older = await createThemeRerun(themeId);
    await createThemeRerun(themeId);
    expect((await runThemeRerun(older.id)).status).toBe("already_finished");
    expect(await db.themeRerun.findUniqueOrThrow({ where: { id: older.id } })).toMatchObject({
      error: "Superseded by a newer re-run.",
    });
  });
});

describe("ingest", () => {
  it("themes new articles from the rules as they are stored", async () => {
    await setRules([{ query: `${TAG} hydroelectric` }]);
    const [outcome] = await storeArticles([
      {
        title: `Hydroelectric station ${TAG} inaugurated`,
        body: `${TAG} A hydroelectric power station on the river was inaugurated in the presence of workers and officials.`,
        publishedAt: new Date(Date.UTC(1962, 5, 1)),
        source: `Rules wire ${TAG}`,
        url: `https://test.example/rules/${TAG}/ingested`,
      },
    ]);
    expect(outcome.status).toBe("created");
    const row = await db.articleTheme.findUnique({
      where: { articleId_themeId: { articleId: outcome.articleId!, themeId } },
    });
    expect(row).toMatchObject({ origin: "RULE", matchedTerms: [TAG, "hydroelectric"] });
    await db.article.delete({ where: { id: outcome.articleId! } });
  });
});
