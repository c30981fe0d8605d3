import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/data/audit";
import { InvalidError } from "@/lib/errors";
import { IngestKind, VersionSeenBy } from "@/lib/generated/prisma/enums";
import { parseKcnaWatchPaste } from "@/lib/ingest/paste/parse-kcna-watch";
import {
  countPasteOutcomes,
  describePaste,
  describePasteRun,
  describePasteSave,
  pasteToItems,
  type PastePreview,
  type PasteSaveCounts,
} from "@/lib/ingest/paste/paste-items";
import { finishIngestRun, startIngestRun } from "@/lib/ingest/runs";
import { storeArticles } from "@/lib/ingest/store";
import { authorize, type Actor } from "@/lib/data/actor";

export type PasteSaveResult = {
  runId: number;
  /** The full articles of the paste as stored (new, completed or already known), in the paste's order. */
  articles: { id: number; title: string }[];
  counts: PasteSaveCounts;
  message: string;
};

const ERRORS_IN_MESSAGE = 3;

export function previewPaste(text: string): PastePreview {
  return describePaste(parseKcnaWatchPaste(text));
}

/**
 * Parses the paste again (the preview the browser showed proves nothing) and stores every article and
 * teaser in it as one PASTE run. A paste with errors is refused and stores nothing; a paste of teasers
 * alone is stored only when the analyst confirmed it (`confirmTeasers`).
 */
export async function savePaste(
  text: string,
  actor: Actor,
  options: { confirmTeasers?: boolean } = {},
): Promise<PasteSaveResult> {
  authorize(actor, "ingest:create");
  const parsed = parseKcnaWatchPaste(text);
  if (parsed.errors.length > 0) {
    const shown = parsed.errors.slice(0, ERRORS_IN_MESSAGE).join(" ");
    const more = parsed.errors.length - ERRORS_IN_MESSAGE;
    throw new InvalidError(
      `The paste cannot be saved: ${shown}${more > 0 ? ` (and ${more} more)` : ""} Fix it and preview again.`,
    );
  }
  const items = pasteToItems(parsed);
  if (items.every((item) => item.complete === false) && !options.confirmTeasers) {
    throw new InvalidError(
      `The paste holds only teasers (${items.length}) and no full article. Confirm that they should be stored as teasers.`,
    );
  }
  const label = describePasteRun(items);
  const run = await startIngestRun({ kind: IngestKind.PASTE, label, triggeredById: actor.id, total: items.length });
  let outcomes;
  try {
    outcomes = await storeArticles(items, { runId: run.id, seenBy: VersionSeenBy.PASTE });
  } catch (error) {
    // What was stored stays and is counted; a run cut off from the database is marked once it is back.
    await finishIngestRun(run.id, {
      fetched: items.length,
      ended: "interrupted",
      message: "The paste stopped part-way.",
    }).catch(() => undefined);
    throw error;
  }
  const counts = countPasteOutcomes(items, outcomes);
  await finishIngestRun(run.id, { fetched: items.length });
  await recordAudit(db, {
    actorId: actor.id,
    action: "ingest.paste",
    targetType: "IngestRun",
    targetId: run.id,
    meta: { title: label, ...counts },
    ip: actor.ip ?? null,
  });
  const articles = outcomes.flatMap((outcome) =>
    items[outcome.index].complete !== false && outcome.articleId !== undefined
      ? [{ id: outcome.articleId, title: items[outcome.index].title }]
      : [],
  );
  return { runId: run.id, articles, counts, message: describePasteSave(counts) };
}
