import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { checkRows, sqlCount, sqlId } from "@/lib/db/rows";
import { recordAudit } from "@/lib/data/audit";
import { authorize, type Actor } from "@/lib/data/actor";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { IngestKind, IngestStatus, SourceKind } from "@/lib/generated/prisma/enums";
import { POLL_LEASE_MS } from "@/lib/constants";
import type { SourceFormInput } from "@/lib/validation/sources";

// Feed sources: what the admin registers, and what the sources page shows of their polling.

const lastRunRow = z.object({
  id: sqlId,
  sourceId: sqlId,
  status: z.enum(IngestStatus),
  startedAt: z.date(),
  finishedAt: z.date().nullable(),
  fetched: sqlCount,
  created: sqlCount,
  updated: sqlCount,
  duplicates: sqlCount,
  failed: sqlCount,
  message: z.string().nullable(),
});
export type LastRun = z.infer<typeof lastRunRow>;

const SOURCE_SELECT = {
  id: true,
  name: true,
  url: true,
  language: true,
  active: true,
  pollIntervalMinutes: true,
  fetchFullText: true,
  recheckHours: true,
  lastPolledAt: true,
  nextPollAt: true,
  pollingSince: true,
  consecutiveFailures: true,
  lastError: true,
  _count: { select: { articles: true } },
} satisfies Prisma.SourceSelect;

export type FeedSourceRow = Prisma.SourceGetPayload<{ select: typeof SOURCE_SELECT }> & {
  lastRun: LastRun | null;
  polling: boolean;
};

/** Every feed source with its article count and latest run, in one query for the sources and one for the runs. */
export async function listFeedSources(): Promise<FeedSourceRow[]> {
  const sources = await db.source.findMany({
    where: { kind: SourceKind.FEED },
    orderBy: { name: "asc" },
    select: SOURCE_SELECT,
  });
  const ids = sources.map((source) => source.id);
  // One index probe per source (ingest_runs_source_id_started_at_idx), however many runs a source has piled up.
  const runs = ids.length
    ? await db.$queryRaw`
        SELECT r.id, r.source_id AS "sourceId", r.status, r.started_at AS "startedAt", r.finished_at AS "finishedAt",
               r.fetched, r.created, r.updated, r.duplicates, r.failed, r.message
          FROM unnest(${ids}::int[]) AS s(id)
          CROSS JOIN LATERAL (
            SELECT * FROM ingest_runs WHERE source_id = s.id ORDER BY started_at DESC, id DESC LIMIT 1
          ) r`
    : [];
  const bySource = new Map(checkRows("the feeds' last runs", lastRunRow, runs).map((run) => [run.sourceId, run]));
  const leaseStart = Date.now() - POLL_LEASE_MS;
  return sources.map((source) => ({
    ...source,
    lastRun: bySource.get(source.id) ?? null,
    polling: source.pollingSince !== null && source.pollingSince.getTime() > leaseStart,
  }));
}

export function getFeedSource(id: number) {
  return db.source.findFirst({ where: { id, kind: SourceKind.FEED }, select: SOURCE_SELECT });
}

const RUN_ERRORS_SHOWN = 5;

/** The latest feed runs, each with its first few item errors. */
export async function listRecentFeedRuns(limit = 15) {
  const runs = await db.ingestRun.findMany({
    where: { kind: IngestKind.FEED },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: limit,
    include: {
      source: { select: { name: true } },
      triggeredBy: { select: { name: true } },
      _count: { select: { errors: true } },
    },
  });
  const withErrors = runs.filter((run) => run._count.errors > 0).map((run) => run.id);
  // The first few of each run: a broken feed can leave thousands, which must not crowd out the other runs'.
  const errors = withErrors.length
    ? await db.$queryRaw<{ id: number; runId: number; location: string | null; reason: string }[]>`
        SELECT e.id, e.run_id AS "runId", e.location, e.reason
          FROM unnest(${withErrors}::int[]) AS r(id)
          CROSS JOIN LATERAL (
            SELECT * FROM ingest_errors WHERE run_id = r.id ORDER BY id LIMIT ${RUN_ERRORS_SHOWN}
          ) e`
    : [];
  return runs.map((run) => ({ ...run, errors: errors.filter((error) => error.runId === run.id) }));
}

/** Active feed sources whose poll is due and not already running, oldest due first. */
export async function listDueFeedSourceIds(limit = 500): Promise<number[]> {
  const now = new Date();
  const rows = await db.source.findMany({
    where: {
      kind: SourceKind.FEED,
      active: true,
      url: { not: null },
      OR: [{ nextPollAt: null }, { nextPollAt: { lte: now } }],
      AND: [{ OR: [{ pollingSince: null }, { pollingSince: { lt: new Date(now.getTime() - POLL_LEASE_MS) } }] }],
    },
    orderBy: { nextPollAt: { sort: "asc", nulls: "first" } },
    take: limit,
    select: { id: true },
  });
  return rows.map((row) => row.id);
}

/**
 * Registers a feed. An outlet already known by that name (from imports or pastes) becomes the feed's
 * source, so its earlier articles and the feed's new ones stay one outlet.
 */
export async function createFeedSource(
  actor: Actor,
  input: SourceFormInput,
): Promise<{ id: number; earlierArticles: number }> {
  authorize(actor, "sources:manage");
  const fields = {
    kind: SourceKind.FEED,
    url: input.url,
    language: input.language,
    pollIntervalMinutes: input.pollIntervalMinutes,
    fetchFullText: input.fetchFullText,
    recheckHours: input.recheckHours,
    active: input.active,
    nextPollAt: null,
  };
  try {
    return await db.$transaction(async (tx) => {
      const existing = await tx.source.findUnique({
        where: { name: input.name },
        select: { id: true, kind: true, _count: { select: { articles: true } } },
      });
      if (existing?.kind === SourceKind.FEED) throw new ConflictError(`A feed named ${input.name} already exists.`);
      const source = existing
        ? await tx.source.update({ where: { id: existing.id }, data: fields, select: { id: true } })
        : await tx.source.create({ data: { name: input.name, ...fields }, select: { id: true } });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "source.create",
        targetType: "source",
        targetId: source.id,
        meta: { name: input.name, url: input.url, ...(existing ? { convertedFrom: existing.kind } : {}) },
        ip: actor.ip,
      });
      return { id: source.id, earlierArticles: existing?._count.articles ?? 0 };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(`A source named ${input.name} already exists.`);
    throw error;
  }
}

export async function updateFeedSource(actor: Actor, id: number, input: SourceFormInput): Promise<void> {
  authorize(actor, "sources:manage");
  try {
    await db.$transaction(async (tx) => {
      const before = await tx.source.findFirst({ where: { id, kind: SourceKind.FEED } });
      if (!before) throw new NotFoundError("That feed source does not exist.");
      const changes: Record<string, [Prisma.InputJsonValue | null, Prisma.InputJsonValue | null]> = {};
      const keys = [
        "name",
        "url",
        "language",
        "pollIntervalMinutes",
        "fetchFullText",
        "recheckHours",
        "active",
      ] as const;
      for (const key of keys) {
        if (before[key] !== input[key]) changes[key] = [before[key], input[key]];
      }
      if (Object.keys(changes).length === 0) return;
      const urlChanged = "url" in changes;
      await tx.source.update({
        where: { id },
        data: {
          ...input,
          // Another address is another feed: its validators and failures say nothing about it. It is polled soon.
          ...(urlChanged
            ? { etag: null, lastModified: null, consecutiveFailures: 0, lastError: null, nextPollAt: null }
            : {}),
          ...(!urlChanged && "pollIntervalMinutes" in changes && before.lastPolledAt && before.consecutiveFailures === 0
            ? { nextPollAt: new Date(before.lastPolledAt.getTime() + input.pollIntervalMinutes * 60_000) }
            : {}),
          ...(!urlChanged && changes.active && input.active ? { nextPollAt: null } : {}),
        },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "source.update",
        targetType: "source",
        targetId: id,
        meta: { name: input.name, changes },
        ip: actor.ip,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(`A source named ${input.name} already exists.`);
    throw error;
  }
}

/** Pauses or resumes polling; a resumed source is polled at the next tick. */
export async function setFeedSourceActive(actor: Actor, id: number, active: boolean): Promise<{ name: string }> {
  authorize(actor, "sources:manage");
  return db.$transaction(async (tx) => {
    const source = await tx.source.findFirst({
      where: { id, kind: SourceKind.FEED },
      select: { name: true, active: true },
    });
    if (!source) throw new NotFoundError("That feed source does not exist.");
    if (source.active === active) return { name: source.name };
    await tx.source.update({ where: { id }, data: { active, ...(active ? { nextPollAt: null } : {}) } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: active ? "source.resume" : "source.pause",
      targetType: "source",
      targetId: id,
      meta: { name: source.name },
      ip: actor.ip,
    });
    return { name: source.name };
  });
}

/** Deletes a feed that never brought anything in; one with articles is paused instead, so nothing is orphaned. */
export async function deleteFeedSource(actor: Actor, id: number): Promise<{ name: string }> {
  authorize(actor, "sources:manage");
  return db.$transaction(async (tx) => {
    const source = await tx.source.findFirst({
      where: { id, kind: SourceKind.FEED },
      select: { name: true, url: true, _count: { select: { articles: true, duplicates: true } } },
    });
    if (!source) throw new NotFoundError("That feed source does not exist.");
    const held = source._count.articles + source._count.duplicates;
    if (held > 0) {
      throw new ConflictError(
        `${source.name} has ${held} article${held === 1 ? "" : "s"} or sightings: pause it instead of deleting it.`,
      );
    }
    await tx.source.delete({ where: { id } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "source.delete",
      targetType: "source",
      targetId: id,
      meta: { name: source.name, url: source.url },
      ip: actor.ip,
    });
    return { name: source.name };
  });
}

export async function recordPollRequest(
  actor: Actor,
  id: number,
  source: { name: string },
  queued: boolean,
): Promise<void> {
  authorize(actor, "sources:manage");
  await recordAudit(db, {
    actorId: actor.id,
    action: "source.poll_now",
    targetType: "source",
    targetId: id,
    meta: { name: source.name, queued },
    ip: actor.ip,
  });
}
