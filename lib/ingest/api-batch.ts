import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/data/audit";
import { IngestKind, VersionSeenBy } from "@/lib/generated/prisma/enums";
import { finishIngestRun, recordIngestErrors, startIngestRun } from "@/lib/ingest/runs";
import { storeArticles, type IngestItem, type ItemStatus } from "@/lib/ingest/store";
import type { BatchEntry } from "@/lib/validation/article-batch";

// One POST /api/v1/articles: one IngestRun, the valid items stored in one call, every failure recorded
// with its index, one audit event. Posting the same batch again reports every item as a duplicate.

export type ApiItemResult = {
  index: number;
  status: ItemStatus;
  id?: number;
  similarity?: number;
  /** For `updated`: the version number the item became. */
  version?: number;
  error?: string;
};
export type ApiIngestResponse = {
  runId: number;
  results: ApiItemResult[];
  created: number;
  updated: number;
  duplicates: number;
  failed: number;
};
export type ApiIngestContext = {
  userId: number;
  label: string;
  via: "token" | "session";
  tokenId?: number;
  ip?: string | null;
};

const location = (index: number) => `articles[${index}]`;

function excerptOf(raw: unknown): string {
  const title = (raw as { title?: unknown } | null)?.title;
  return typeof title === "string" ? title : (JSON.stringify(raw) ?? String(raw)).slice(0, 200);
}

export async function ingestApiBatch(entries: BatchEntry[], context: ApiIngestContext): Promise<ApiIngestResponse> {
  const run = await startIngestRun({
    kind: IngestKind.API,
    label: context.label,
    triggeredById: context.userId,
    total: entries.length,
  });
  const results: ApiItemResult[] = [];
  const counts = { created: 0, updated: 0, duplicates: 0, failed: 0 };
  try {
    const invalid = entries.flatMap((entry) => ("error" in entry ? [entry] : []));
    await recordIngestErrors(
      run.id,
      invalid.map((entry) => ({ location: location(entry.index), reason: entry.error, excerpt: excerptOf(entry.raw) })),
    );
    for (const entry of invalid) results[entry.index] = { index: entry.index, status: "failed", error: entry.error };

    const valid = entries.flatMap((entry) => ("article" in entry ? [entry] : []));
    const items: IngestItem[] = valid.map(({ index, article }) => ({
      title: article.title,
      body: article.body,
      publishedAt: article.published,
      source: article.source,
      url: article.url ?? null,
      language: article.language,
      complete: !article.teaser,
      location: location(index),
    }));
    // storeArticles records its own failures (e.g. a database refusal) on the run.
    const outcomes = await storeArticles(items, { runId: run.id, seenBy: VersionSeenBy.API });
    for (const outcome of outcomes) {
      const index = valid[outcome.index].index;
      results[index] = {
        index,
        status: outcome.status,
        ...(outcome.articleId !== undefined ? { id: outcome.articleId } : {}),
        ...(outcome.similarity !== undefined ? { similarity: outcome.similarity } : {}),
        ...(outcome.version !== undefined ? { version: outcome.version } : {}),
        ...(outcome.error !== undefined ? { error: outcome.error } : {}),
      };
    }
    for (const result of results) {
      if (result.status === "created" || result.status === "completed") counts.created++;
      else if (result.status === "updated") counts.updated++;
      else if (result.status === "failed") counts.failed++;
      else counts.duplicates++;
    }
  } catch (error) {
    // The chunks stored before the failure stay, with their themes, and are counted on the run; a retry of
    // the whole batch finds them as duplicates and stores the rest.
    await finishIngestRun(run.id, {
      fetched: entries.length,
      ended: "interrupted",
      message: "The request stopped part-way; send it again to store the rest.",
    }).catch(() => undefined);
    throw error;
  }
  await finishIngestRun(run.id, { fetched: entries.length });
  await recordAudit(db, {
    actorId: context.userId,
    action: "api.ingest",
    targetType: "ingest_run",
    targetId: run.id,
    meta: {
      via: context.via,
      ...(context.tokenId !== undefined ? { tokenId: context.tokenId } : {}),
      total: entries.length,
      created: counts.created,
      updated: counts.updated,
      duplicates: counts.duplicates,
      failed: counts.failed,
    },
    ip: context.ip,
  });
  return { runId: run.id, results, ...counts };
}
