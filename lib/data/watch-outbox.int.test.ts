import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/data/actor";
import { addNameAlias, createNameEntry, removeNameAlias } from "@/lib/data/names";
import { addTagToArticles } from "@/lib/data/tags";
import { createView, setViewQuery } from "@/lib/data/views";
import { matchQueuedArticles, queueWatchMatching } from "@/lib/data/watch-outbox";
import { saveWatch } from "@/lib/data/watches";
import { storeArticles, type IngestItem } from "@/lib/ingest/store";
import { Prisma } from "@/lib/generated/prisma/client";
import { matchingArticleIds } from "@/lib/search/matching-ids";
import { resolveFilter } from "@/lib/search/resolve-filter";
import { parseArticleFilter } from "@/lib/validation/article-filter";
import { runWatchTick } from "@/lib/watches/tick";
import { createTestSource, createTestTheme, createTestUsers, deleteTestUsers, randomTag } from "@/test/factories";

// Over 300 lines: the queue's guarantees and the matcher's exactness share one set of watches, words and articles.
//
// The queue between the ingest store and the worker's matching: the store's transaction queues what it stores,
// the worker matches it once, with the outbox rows, in one transaction; a failed batch writes nothing and stays
// queued; two workers at once match each article once. And the matching itself: every watch gets exactly what
// its view lists on the desk (matchingArticleIds, the list's own SQL), for every kind of filter, with the names
// register's spellings as they are when the batch runs and the view's query as it is then.

const TAG = randomTag("outbox-");
const [WORD, OTHER, THIRD, THEMEWORD, NAME, SPELLING, LATER, TICK] = Array.from({ length: 8 }, () =>
  randomTag("", "letters"),
);

let users: Record<"analyst" | "admin", Actor>;
let source: { id: number; name: string };
let elsewhere: { id: number; name: string };
let theme: { id: number };
let seq = 0;
const entries: number[] = [];

function item(text: string, extra: Partial<IngestItem> = {}): IngestItem {
  seq += 1;
  return {
    title: `Report ${seq} ${TAG}`,
    body: `Pyongyang (KCNA) -- ${text}, said report ${seq} of ${TAG}.`,
    publishedAt: new Date(Date.UTC(2091, 5, 1 + (seq % 28), 9)),
    source: source.name,
    url: `https://outbox-test.example/${TAG}/${seq}`,
    language: "en",
    ...extra,
  };
}

async function store(items: IngestItem[]): Promise<number[]> {
  const outcomes = await storeArticles(items);
  return outcomes.map((outcome) => outcome.articleId!);
}

async function watchView(query: string, settings: { email?: boolean; webhookUrl?: string } = {}) {
  const view = await createView({ name: `View ${++seq} ${TAG}`, query }, users.analyst);
  const watch = await saveWatch(view.id, settings, users.analyst);
  return { view, watch };
}

async function matchesOf(watchId: number, within?: number[]): Promise<number[]> {
  const rows = await db.watchMatch.findMany({ where: { watchId }, select: { articleId: true } });
  const ids = rows.map((row) => row.articleId);
  return (within ? ids.filter((id) => within.includes(id)) : ids).sort((a, b) => a - b);
}

/** What the desk lists for the view's query, among these articles. */
async function deskIds(query: string, within: number[]): Promise<number[]> {
  const { filter } = parseArticleFilter(query);
  const { ids, capped } = await matchingArticleIds(
    db,
    { ...filter, sources: filter.sources ?? [source.id, elsewhere.id] },
    5_000,
  );
  expect(capped).toBe(false);
  return ids.filter((id) => within.includes(id)).sort((a, b) => a - b);
}

class RolledBack extends Error {
  constructor(readonly count: number) {
    super("rolled back");
  }
}

async function queued(articleIds: number[]): Promise<number> {
  return db.watchMatchQueue.count({ where: { articleId: { in: articleIds } } });
}

describe("watch matching through the queue", () => {
  beforeAll(async () => {
    const made = await createTestUsers(TAG, { analyst: "ANALYST", admin: "ADMIN" });
    users = { analyst: { id: made.analyst.id, role: "ANALYST" }, admin: { id: made.admin.id, role: "ADMIN" } };
    source = await createTestSource(TAG, "Outbox wire");
    elsewhere = await createTestSource(TAG, "Elsewhere wire");
    theme = await createTestTheme(TAG, "Outbox theme", { rule: THEMEWORD });
    // Whatever earlier files left queued is matched now, so each test below sees its own batches.
    await matchQueuedArticles();
  });
  afterAll(async () => {
    await db.article.deleteMany({ where: { sourceId: { in: [source.id, elsewhere.id] } } });
    await db.nameEntry.deleteMany({ where: { id: { in: entries } } });
    await db.tag.deleteMany({ where: { name: `outbox ${TAG}` } });
    await deleteTestUsers(TAG);
    await db.theme.delete({ where: { id: theme.id } });
    await db.source.deleteMany({ where: { id: { in: [source.id, elsewhere.id] } } });
  });

  it("is matched by the watches' tick, before it sends", async () => {
    const { watch } = await watchView(`q=${TICK}`);
    const ids = await store([item(TICK), item(WORD)]);
    const run = await runWatchTick({ owner: `tick-${TAG}` });
    expect(run.matched).toMatchObject({ articles: 2, matches: 1 });
    expect(await matchesOf(watch.id, ids)).toEqual([ids[0]]);
    expect(await queued(ids)).toBe(0);
  });

  it("queues what the store's transaction stores, and matches it once, with its outbox rows", async () => {
    const { view, watch } = await watchView(`q=${WORD}`, { email: true, webhookUrl: "https://hooks.example/o" });
    const ids = await store([item(WORD), item(OTHER), item(`${WORD} and ${OTHER}`)]);
    expect(await queued(ids)).toBe(3);
    expect(await matchesOf(watch.id)).toEqual([]);

    const run = await matchQueuedArticles();
    expect(run.articles).toBe(3);
    expect(await queued(ids)).toBe(0);
    const expected = await deskIds(view.query, ids);
    expect(expected).toEqual([ids[0], ids[2]].sort((a, b) => a - b));
    expect(await matchesOf(watch.id)).toEqual(expected);
    const deliveries = await db.watchDelivery.findMany({ where: { watchId: watch.id }, orderBy: { channel: "asc" } });
    expect(deliveries.map((d) => [d.channel, [...d.articleIds].sort((a, b) => a - b)])).toEqual([
      ["EMAIL", expected],
      ["WEBHOOK", expected],
    ]);

    // Nothing queued, nothing done; the same article queued again (a new version) makes no second match or message.
    expect(await matchQueuedArticles()).toEqual({ articles: 0, matches: 0, deliveries: 0, batches: 0 });
    await db.watchMatchQueue.create({ data: { articleId: ids[0] } });
    expect(await matchQueuedArticles()).toMatchObject({ articles: 1, matches: 0, deliveries: 0 });
    expect(await db.watchDelivery.count({ where: { watchId: watch.id } })).toBe(2);
  });

  it("queues nothing while no watch is live", async () => {
    const [id] = await store([item(WORD)]);
    // Every watch gone, in a transaction rolled back: other files' watches stay as they were.
    const counted = await db
      .$transaction(async (tx) => {
        await tx.watch.deleteMany({});
        await tx.watchMatchQueue.deleteMany({ where: { articleId: id } });
        await queueWatchMatching(tx, [id]);
        throw new RolledBack(await tx.watchMatchQueue.count({ where: { articleId: id } }));
      })
      .catch((error: unknown) => (error instanceof RolledBack ? error.count : Promise.reject(error)));
    expect(counted).toBe(0);
    expect(await queued([id])).toBe(1);
    await matchQueuedArticles();
  });

  it("leaves a failed batch's articles queued and writes nothing; the next batch writes them once", async () => {
    const { watch } = await watchView(`q=${OTHER}`, { webhookUrl: "https://hooks.example/f" });
    const name = `fail_${randomTag("", "letters")}`;
    // A fault inside the batch's transaction, after its matches are written: the outbox row cannot be.
    await db.$executeRawUnsafe(
      `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected fault'; END $$`,
    );
    await db.$executeRawUnsafe(
      `CREATE TRIGGER ${name} BEFORE INSERT ON watch_deliveries FOR EACH ROW WHEN (NEW.watch_id = ${watch.id}) EXECUTE FUNCTION ${name}()`,
    );
    const ids = await store([item(OTHER), item(`${OTHER} again`)]);
    try {
      await expect(matchQueuedArticles()).rejects.toThrow(/injected fault/);
      expect(await queued(ids)).toBe(2);
      expect(await db.watchMatch.count({ where: { articleId: { in: ids } } })).toBe(0);
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER ${name} ON watch_deliveries`);
      await db.$executeRawUnsafe(`DROP FUNCTION ${name}()`);
    }
    await matchQueuedArticles();
    expect(await queued(ids)).toBe(0);
    expect(await matchesOf(watch.id, ids)).toEqual([...ids].sort((a, b) => a - b));
    const deliveries = await db.watchDelivery.findMany({ where: { watchId: watch.id } });
    expect(deliveries.map((d) => [...d.articleIds].sort((a, b) => a - b))).toEqual([[...ids].sort((a, b) => a - b)]);
  });

  it("matches each article once when two workers take batches at once", async () => {
    const { watch } = await watchView(`q=${THIRD}`, { webhookUrl: "https://hooks.example/t" });
    const ids = await store(Array.from({ length: 8 }, (_, i) => item(`${THIRD} number ${i}`)));
    // The same articles queued twice more, as new versions of them would be.
    await db.watchMatchQueue.createMany({ data: [...ids, ...ids].map((articleId) => ({ articleId })) });
    const runs = await Promise.all([matchQueuedArticles({ batch: 3 }), matchQueuedArticles({ batch: 3 })]);
    expect(runs[0].articles + runs[1].articles).toBe(24);
    expect(runs[0].matches + runs[1].matches).toBe(8);
    expect(await matchesOf(watch.id, ids)).toEqual([...ids].sort((a, b) => a - b));
    const delivered = (await db.watchDelivery.findMany({ where: { watchId: watch.id } })).flatMap((d) => d.articleIds);
    expect(delivered.sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
  });

  it("finds an article that names the watched subject by another spelling in the register, as it is at each batch", async () => {
    const entry = await createNameEntry({ kind: "PERSON", canonical: `Ri ${NAME}` }, users.admin);
    entries.push(entry.id);
    const spelling = await addNameAlias(entry.id, { alias: `Ryi ${SPELLING}` }, users.admin);
    const { view, watch } = await watchView(`q=Ri ${NAME}`);
    const excluded = await watchView(`q=${WORD} -"Ri ${NAME}"`);

    const first = await store([item(`Ryi ${SPELLING} and ${WORD}`), item(`${LATER} and ${WORD}`), item(WORD)]);
    await matchQueuedArticles();
    expect(await matchesOf(watch.id, first)).toEqual([first[0]]);
    expect(await matchesOf(watch.id, first)).toEqual(await deskIds(view.query, first));
    // Excluding the name excludes each of its spellings.
    expect(await matchesOf(excluded.watch.id, first)).toEqual([first[1], first[2]].sort((a, b) => a - b));

    // A spelling added to the register counts from the next batch; a removed one no longer does.
    await addNameAlias(entry.id, { alias: LATER }, users.admin);
    await removeNameAlias(spelling.id, users.admin);
    const second = await store([item(`${LATER} again`), item(`Ryi ${SPELLING} again`)]);
    await matchQueuedArticles();
    expect(await matchesOf(watch.id, second)).toEqual([second[0]]);
    expect(await matchesOf(watch.id, second)).toEqual(await deskIds(view.query, second));
  });

  it("matches what the view's query is when the batch runs", async () => {
    const { view, watch } = await watchView(`q=${WORD}`);
    await setViewQuery(view.id, `q=${OTHER}`, users.analyst);
    const ids = await store([item(WORD), item(OTHER)]);
    await matchQueuedArticles();
    expect(await matchesOf(watch.id, ids)).toEqual([ids[1]]);
  });

  it("moves a relative date range with the day the batch runs", async () => {
    const { watch } = await watchView(`q=${THIRD}&range=today`);
    const [id] = await store([item(`${THIRD} on the day`, { publishedAt: new Date(Date.UTC(2092, 0, 2, 12)) })]);
    await matchQueuedArticles({ now: new Date(Date.UTC(2092, 0, 1, 23)) });
    expect(await matchesOf(watch.id, [id])).toEqual([]);
    await db.watchMatchQueue.create({ data: { articleId: id } });
    await matchQueuedArticles({ now: new Date(Date.UTC(2092, 0, 2, 1)) });
    expect(await matchesOf(watch.id, [id])).toEqual([id]);
  });

  it("keeps every search's tsquery exactly through its text", async () => {
    const searches = [
      `"Kim Jong Un" missil*`,
      `"the party of the people" -imperialists`,
      `Hwasong-17 OR 김정은 OR 金正恩`,
      `O'Brien back\\slash "it's"`,
      `Ri ${NAME} -"Ryi ${SPELLING}"`,
    ];
    for (const q of searches) {
      const { tsquery } = await resolveFilter(db, { tagMode: "any", sort: "newest", q });
      const [row] = await db.$queryRaw<{ same: boolean; text: string }[]>(
        Prisma.sql`SELECT (${tsquery})::text::tsquery = (${tsquery}) AS same, (${tsquery})::text AS text`,
      );
      expect({ q, same: row.same }).toEqual({ q, same: true });
      expect(row.text).not.toBe("");
    }
  });

  it("gives every watch exactly what its view lists, for every kind of filter", async () => {
    const queries = [
      `q=${WORD}`,
      `q=${WORD}&lang=en`,
      `q=${OTHER}&lang=ko`,
      `q="${WORD} ${THIRD}"`,
      `q=${WORD} OR ${OTHER}`,
      `q=${WORD} -${OTHER}`,
      `q=-${OTHER}`,
      `q=${WORD.slice(0, 4)}*`,
      `q=${WORD}&teasers=show`,
      `q=${WORD}&undated=hide&teasers=show`,
      `q=${WORD}&from=2090-01-01`,
      `q=${WORD}&to=2002-12-31`,
      `q=${WORD}&range=7d`,
      `theme=${theme.id}`,
      `q=${WORD}&theme=${theme.id}`,
      `q=${WORD}&status=new`,
      `status=flagged`,
      `q=${WORD}&annotated=yes`,
      `q=${WORD}&annotated=no`,
      `source=${elsewhere.id}`,
      `q=the`,
    ];
    const tag = await db.tag.create({ data: { name: `outbox ${TAG}` } });
    queries.push(`q=${WORD}&tag=${tag.id}`, `q=${WORD}&tag=${tag.id}&tagMode=none`);
    const watched = [];
    for (const query of queries) watched.push({ query, ...(await watchView(query)) });

    const ids = await store([
      item(WORD),
      item(`${WORD} and ${OTHER}`),
      item(OTHER, { language: "ko" }),
      item(`the ${WORD} ${THIRD} talks`),
      item(`${THIRD} before ${WORD}`),
      item(`${WORD} teaser`, { complete: false }),
      item(`${WORD} undated`, { undated: true }),
      item(`${WORD} of old`, { publishedAt: new Date(Date.UTC(2001, 3, 2)) }),
      item(`${WORD}zz prefixed`),
      item(`${THEMEWORD} and ${WORD}`),
      item(`${WORD} from elsewhere`, { source: elsewhere.name }),
      item(`${WORD} today`, { publishedAt: new Date() }),
      item("nothing at all"),
    ]);
    // Read when the batch runs, as the desk reads them: a tag, a review status, a note.
    await addTagToArticles([ids[0], ids[2]], { id: tag.id }, users.analyst);
    await db.article.update({ where: { id: ids[3] }, data: { reviewStatus: "FLAGGED" } });
    await db.annotation.create({ data: { articleId: ids[1], authorId: users.analyst.id, note: "noted" } });

    await matchQueuedArticles();
    for (const { query, watch } of watched) {
      const desk = await deskIds(query, ids);
      expect({ query, matches: await matchesOf(watch.id, ids) }).toEqual({ query, matches: desk });
    }
    // The cases are not vacuous: most views list something, and not everything.
    const counts = await Promise.all(watched.map(async ({ watch }) => (await matchesOf(watch.id, ids)).length));
    expect(counts.filter((count) => count > 0).length).toBeGreaterThan(queries.length / 2);
    expect(counts.every((count) => count < ids.length)).toBe(true);
  });
});
