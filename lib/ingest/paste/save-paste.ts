import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/data/audit";
import { InvalidError } from "@/lib/errors";
import { IngestKind } from "@/lib/generated/prisma/enums";
import { parseKcnaWatchPaste } from "@/lib/ingest/paste/parse-kcna-watch";
import {
  countPasteOutcomes,
  describePaste,
  describePasteSave,
  pasteToItems,
  type PastePreview,
  type PasteSaveCounts,
} from "@/lib/ingest/paste/paste-items";
import { finishIngestRun, startIngestRun } from "@/lib/ingest/runs";
import { storeArticles } from "@/lib/ingest/store";
import { authorize, type Actor } from "@/lib/data/actor";

export type PasteSaveResult = { runId: number; articleId: number | null; counts: PasteSaveCounts; message: string };

export function previewPaste(text: string): PastePreview {
  return describePaste(parseKcnaWatchPaste(text));
}

/**
 * Parses the paste again (the preview the browser showed proves nothing) and stores the main article and
 * its "More From" teasers as one PASTE run. A paste with errors is refused and stores nothing.
 */
export async function savePaste(text: string, actor: Actor): Promise<PasteSaveResult> {
  authorize(actor, "ingest:create");
  const parsed = parseKcnaWatchPaste(text);
  const items = pasteToItems(parsed);
  if (items.length === 0) {
    throw new InvalidError(
      `The paste cannot be saved: ${parsed.errors.join("; ") || "no article found"}. Fix it and preview again.`,
    );
  }
  const run = await startIngestRun({
    kind: IngestKind.PASTE,
    label: items[0].title,
    triggeredById: actor.id,
    total: items.length,
  });
  let outcomes;
  try {
    outcomes = await storeArticles(items, { runId: run.id });
  } catch (error) {
    // What was stored stays and is counted; a run cut off from the database is marked once it is back.
    await finishIngestRun(run.id, {
      fetched: items.length,
      ended: "interrupted",
      message: "The paste stopped part-way.",
    }).catch(() => undefined);
    throw error;
  }
  const counts = countPasteOutcomes(outcomes);
  await finishIngestRun(run.id, { fetched: items.length });
  await recordAudit(db, {
    actorId: actor.id,
    action: "ingest.paste",
    targetType: "IngestRun",
    targetId: run.id,
    meta: { title: items[0].title, ...counts },
    ip: actor.ip ?? null,
  });
  return { runId: run.id, articleId: outcomes[0]?.articleId ?? null, counts, message: describePasteSave(counts) };
}
