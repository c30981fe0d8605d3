import "server-only";
import { db } from "@/lib/db";
import { addRunCounts, recordIngestErrors, writeIngestErrors, type IngestDb, type IngestTx } from "@/lib/ingest/runs";
import { applyRulesToArticles } from "@/lib/themes/rules";
import {
  checkItem,
  countOutcomes,
  derive,
  storyKey,
  type Derived,
  type IngestItem,
  type ItemOutcome,
  type Prepared,
} from "./item";
import { queueWatchMatching } from "@/lib/data/watch-outbox";
import { sqlState } from "@/lib/db/errors";
import { findRevisionCandidates } from "@/lib/ingest/revision/candidates";
import { VersionSeenBy } from "@/lib/generated/prisma/enums";
import { assembleOutcomes, chooseNearDuplicates, decideExact, nearEligible, rowsToInsert } from "./plan";
import {
  completeTeaser,
  findKnownArticles,
  findNearCandidates,
  insertLinks,
  insertPending,
  markSighting,
  resolveSources,
  storeVersion,
  type Sighting,
} from "./sql";
import { chooseRevisions, revisionLookups } from "./versions";

export type { IngestItem, ItemOutcome, ItemStatus } from "./item";
export { countOutcomes } from "./item";

// Every way in (feeds, pages, pastes, files, the API) stores articles here, so one story is one article
// however often and from wherever it arrives. Identity is the canonical URL or the text's fingerprint,
// both unique in the database: two workers storing the same story at once create it once. A lightly
// edited copy from another outlet (near duplicate) adds no article but is linked to the first as "also
// published by". A changed title or text of a stored article (under its URL, or an edit the classifier
// recognises from the same outlet) is its new version: the article shows it, every version is kept
// (article_versions), and the item's status is `updated`.
//
// A chunk of up to 500 items is one transaction: its articles, what derives from them (themes from the
// rules, "also published by" links, completed teasers) and the run's counts and errors commit together or
// not at all, and so do the queue rows that have the worker match them against the watches. A crash or a lost
// database in the middle leaves no article without its themes, and a retry stores the rest.
// The decisions are in plan.ts (pure), the statements in sql.ts.

const CHUNK_SIZE = 500;
const CHUNK_TIMEOUT = { maxWait: 20_000, timeout: 120_000 };
/** Deadlock and serialization failures: another writer's chunk got in the way; the whole chunk is tried again. */
const RETRYABLE = new Set(["40P01", "40001"]);
const ATTEMPTS = 3;

export type StoreOptions = {
  runId?: number;
  db?: IngestDb;
  /** Outlet ids by name, kept by a caller that stores many batches (an import) to skip looking them up again. */
  sourceIds?: Map<string, number>;
  /** What saw the items, recorded on the versions they add; an import when not said. */
  seenBy?: VersionSeenBy;
};

/**
 * Stores the items, a chunk per transaction; never throws for a bad item (it fails alone, with its reason
 * on the run), only when the database cannot be used. Chunks committed before such a failure stay stored,
 * with their counts on the run.
 */
export async function storeArticles(items: IngestItem[], options: StoreOptions = {}): Promise<ItemOutcome[]> {
  const client = options.db ?? db;
  const outcomes: ItemOutcome[] = [];
  const valid: IngestItem[] = [];
  const indexes: number[] = [];
  items.forEach((item, index) => {
    const error = checkItem(item);
    if (error) outcomes[index] = { index, status: "failed", error };
    else {
      valid.push(item);
      indexes.push(index);
    }
  });
  if (options.runId !== undefined)
    await recordIngestErrors(options.runId, failuresOf(items, outcomes.filter(Boolean)), client);

  const sourceIds = await resolveSources(client, valid, options.sourceIds);
  const prepared = valid.map((item, i): Prepared => {
    const sourceId = sourceIds.get(item.source.trim())!;
    return {
      ...(derivedItems.get(item) ?? derive(item)),
      index: indexes[i],
      sourceId,
      sourceName: item.source.trim(),
      title: item.title,
      body: item.body,
      publishedAt: item.publishedAt,
      undated: item.undated === true,
      storyKey: storyKey(sourceId, item.title, item.publishedAt),
    };
  });
  for (let start = 0; start < prepared.length; start += CHUNK_SIZE) {
    const chunk = prepared.slice(start, start + CHUNK_SIZE);
    const sighting = { seenBy: options.seenBy ?? VersionSeenBy.IMPORT, runId: options.runId };
    for (const outcome of await storeChunkAtomically(client, chunk, items, sighting)) outcomes[outcome.index] = outcome;
  }
  return outcomes;
}

async function storeChunkAtomically(
  client: IngestDb,
  chunk: Prepared[],
  items: IngestItem[],
  sighting: Sighting,
): Promise<ItemOutcome[]> {
  const { runId } = sighting;
  for (let attempt = 1; ; attempt++) {
    try {
      return await client.$transaction(async (tx) => {
        await markSighting(tx, sighting);
        const outcomes = await storeChunk(tx, chunk, sighting);
        // A new version's text may match other rules (or no longer match): its themes are worked out again.
        const changed = outcomes.flatMap((outcome) =>
          (outcome.status === "created" || outcome.status === "completed" || outcome.status === "updated") &&
          outcome.articleId !== undefined
            ? [outcome.articleId]
            : [],
        );
        const touched = [...new Set(changed)];
        await applyRulesToArticles(touched, { db: tx });
        // Matched against the watches by the worker, after this commits (lib/data/watch-outbox.ts). An edit that
        // now matches is news too.
        await queueWatchMatching(tx, touched);
        if (runId !== undefined) {
          const { created: made, updated, duplicates } = countOutcomes(outcomes);
          await addRunCounts(tx, runId, { created: made, updated, duplicates });
          await writeIngestErrors(tx, runId, failuresOf(items, outcomes));
        }
        return outcomes;
      }, CHUNK_TIMEOUT);
    } catch (error) {
      if (attempt >= ATTEMPTS || !RETRYABLE.has(sqlState(error) ?? "")) throw error;
    }
  }
}

async function storeChunk(tx: IngestTx, chunk: Prepared[], sighting: Sighting): Promise<ItemOutcome[]> {
  const decisions = decideExact(chunk, await findKnownArticles(tx, chunk));
  const fresh = nearEligible(decisions);
  chooseRevisions(decisions, fresh, await findRevisionCandidates(tx, revisionLookups(fresh)));
  const eligible = nearEligible(decisions);
  chooseNearDuplicates(decisions, eligible, await findNearCandidates(tx, eligible));
  await insertPending(tx, rowsToInsert(decisions));

  // Completions and new versions one by one, in the chunk's order: two versions of one article get 2 and 3.
  const settled = new Map<Prepared, ItemOutcome>();
  for (const item of chunk) {
    const decision = decisions.get(item)!;
    if (decision.kind === "complete")
      settled.set(item, { index: item.index, ...(await completeTeaser(tx, item, decision.article)) });
    else if (decision.kind === "update")
      settled.set(item, { index: item.index, ...(await storeVersion(tx, item, decision.articleId, sighting)) });
  }
  const { outcomes, links, retry } = assembleOutcomes(chunk, decisions, settled);
  await insertLinks(tx, links);
  if (retry.length) outcomes.push(...(await storeChunk(tx, retry, sighting)));
  return outcomes;
}

function failuresOf(items: IngestItem[], outcomes: ItemOutcome[]) {
  return outcomes
    .filter((outcome) => outcome.status === "failed")
    .map((outcome) => {
      const item = items[outcome.index];
      return {
        location: item.location ?? `item ${outcome.index + 1}`,
        reason: outcome.error!,
        excerpt: typeof item.title === "string" ? item.title.replaceAll("\u0000", "") : null,
      };
    });
}

const derivedItems = new WeakMap<IngestItem, Derived>();

/**
 * Computes ahead what storeArticles derives from each item's text (fingerprint, SimHash, excerpt, HTML), the
 * CPU half of storing. A caller that reads its next batch while the previous one is written calls this as it
 * goes, so that work overlaps the database's. The items must not change afterwards.
 */
export function prepareArticles(items: IngestItem[]): void {
  for (const item of items) if (!derivedItems.has(item) && !checkItem(item)) derivedItems.set(item, derive(item));
}
