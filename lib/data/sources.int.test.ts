import type { Actor } from "@/lib/data/actor";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import {
  createFeedSource,
  deleteFeedSource,
  listDueFeedSourceIds,
  listFeedSources,
  listRecentFeedRuns,
  setFeedSourceActive,
  updateFeedSource,
} from "@/lib/data/sources";
import { addRunCounts, finishIngestRun, recordIngestErrors, startIngestRun } from "@/lib/ingest/runs";
import type { SourceFormInput } from "@/lib/validation/sources";
import { createTestUser, randomTag, storeTestArticle } from "@/test/factories";

// Against the run's shared database: every source here carries this file's random tag.

const TAG = randomTag();
let actor: Actor;

beforeAll(async () => {
  const user = await createTestUser(TAG, "sources", { role: "ADMIN", name: "Source Admin" });
  actor = { id: user.id, role: "ADMIN", ip: "127.0.0.1" };
});

const input = (name: string, overrides: Partial<SourceFormInput> = {}): SourceFormInput => ({
  name: `${name} ${TAG}`,
  url: `https://feeds.example.org/${TAG}/${encodeURIComponent(name)}.rss`,
  language: "en",
  pollIntervalMinutes: 30,
  fetchFullText: false,
  recheckHours: null,
  active: true,
  ...overrides,
});

const auditOf = (sourceId: number) =>
  db.auditEvent.findMany({
    where: { targetType: "source", targetId: String(sourceId) },
    orderBy: { id: "asc" },
    select: { action: true, actorId: true, meta: true },
  });

describe("feed sources", () => {
  it("registers a feed, refuses a second of the same name, and audits", async () => {
    const { id, earlierArticles } = await createFeedSource(actor, input("Alpha"));
    expect(earlierArticles).toBe(0);
    expect(await db.source.findUniqueOrThrow({ where: { id } })).toMatchObject({
      kind: "FEED",
      active: true,
      nextPollAt: null,
    });
    await expect(createFeedSource(actor, input("Alpha"))).rejects.toThrow(`A feed named Alpha ${TAG} already exists.`);
    expect(await auditOf(id)).toEqual([
      { action: "source.create", actorId: actor.id, meta: { name: `Alpha ${TAG}`, url: input("Alpha").url } },
    ]);
  });

  it("turns an outlet known from imports into the feed's source, keeping its articles", async () => {
    const outlet = `Outlet ${TAG}`;
    await storeTestArticle(TAG, {
      title: `Imported ${TAG}`,
      body: `An imported story ${TAG} with a body.`,
      publishedAt: new Date(Date.UTC(2092, 0, 1)),
      source: outlet,
    });
    const { id, earlierArticles } = await createFeedSource(actor, input("Outlet"));
    expect(earlierArticles).toBe(1);
    const source = await db.source.findUniqueOrThrow({
      where: { id },
      include: { _count: { select: { articles: true } } },
    });
    expect(source).toMatchObject({ name: outlet, kind: "FEED", url: input("Outlet").url });
    expect(source._count.articles).toBe(1);
    expect((await auditOf(id))[0].meta).toMatchObject({ convertedFrom: "MANUAL" });

    await expect(deleteFeedSource(actor, id)).rejects.toThrow(/has 1 article or sightings: pause it instead/);
    expect(await db.source.count({ where: { id } })).toBe(1);
  });

  it("resets a changed URL's validators and failures, and records what changed", async () => {
    const { id } = await createFeedSource(actor, input("Beta"));
    await db.source.update({
      where: { id },
      data: {
        etag: '"abc"',
        lastModified: "yesterday",
        consecutiveFailures: 3,
        lastError: "HTTP 500",
        nextPollAt: new Date(Date.now() + 86_400_000),
      },
    });
    await updateFeedSource(
      actor,
      id,
      input("Beta", { url: `https://feeds.example.org/${TAG}/beta-moved.rss`, language: "ko" }),
    );
    expect(await db.source.findUniqueOrThrow({ where: { id } })).toMatchObject({
      url: `https://feeds.example.org/${TAG}/beta-moved.rss`,
      language: "ko",
      etag: null,
      lastModified: null,
      consecutiveFailures: 0,
      lastError: null,
      nextPollAt: null,
    });
    const [, update] = await auditOf(id);
    expect(update).toMatchObject({
      action: "source.update",
      meta: {
        changes: {
          language: ["en", "ko"],
          url: [input("Beta").url, `https://feeds.example.org/${TAG}/beta-moved.rss`],
        },
      },
    });
  });

  it("lists only due, active, unleased feeds, and pauses and resumes", async () => {
    const due = await createFeedSource(actor, input("Due"));
    const later = await createFeedSource(actor, input("Later"));
    const leased = await createFeedSource(actor, input("Leased"));
    await db.source.update({ where: { id: later.id }, data: { nextPollAt: new Date(Date.now() + 60_000) } });
    await db.source.update({ where: { id: leased.id }, data: { pollingSince: new Date() } });
    const ids = await listDueFeedSourceIds();
    expect(ids).toContain(due.id);
    expect(ids).not.toContain(later.id);
    expect(ids).not.toContain(leased.id);

    await setFeedSourceActive(actor, due.id, false);
    expect(await listDueFeedSourceIds()).not.toContain(due.id);
    await db.source.update({ where: { id: due.id }, data: { nextPollAt: new Date(Date.now() + 60_000) } });
    await setFeedSourceActive(actor, due.id, true);
    expect(await listDueFeedSourceIds()).toContain(due.id);
    expect((await auditOf(due.id)).map((event) => event.action)).toEqual([
      "source.create",
      "source.pause",
      "source.resume",
    ]);
  });

  it("shows each source's latest run, and each recent run's first errors", async () => {
    const { id } = await createFeedSource(actor, input("Runs"));
    const old = await startIngestRun({ kind: "FEED", sourceId: id });
    await addRunCounts(db, old.id, { created: 3 });
    await finishIngestRun(old.id, { fetched: 3 });
    const latest = await startIngestRun({ kind: "FEED", sourceId: id });
    await recordIngestErrors(
      latest.id,
      Array.from({ length: 8 }, (_, i) => ({ location: `item ${i + 1}`, reason: `bad item ${i + 1}` })),
    );
    await addRunCounts(db, latest.id, { created: 2 });
    await finishIngestRun(latest.id, { fetched: 10 });

    const row = (await listFeedSources()).find((source) => source.id === id)!;
    expect(row.lastRun).toMatchObject({ id: latest.id, status: "PARTIAL", created: 2, failed: 8 });
    expect(row.polling).toBe(false);
    const run = (await listRecentFeedRuns()).find((candidate) => candidate.id === latest.id)!;
    expect(run._count.errors).toBe(8);
    expect(run.errors.map((error) => error.location)).toEqual(["item 1", "item 2", "item 3", "item 4", "item 5"]);
  });

  it("deletes a feed with no articles", async () => {
    const { id } = await createFeedSource(actor, input("Empty"));
    expect(await deleteFeedSource(actor, id)).toEqual({ name: `Empty ${TAG}` });
    expect(await db.source.count({ where: { id } })).toBe(0);
    expect((await auditOf(id)).map((event) => event.action)).toEqual(["source.create", "source.delete"]);
  });
});
