import { formatDay } from "@/lib/format";
import type { ItemOutcome, IngestItem } from "@/lib/ingest/store";
import type { PastedArticle, PasteParseResult } from "@/lib/ingest/paste/parse-kcna-watch";

// What a parsed paste becomes: a preview the analyst checks, the items stored (the main article complete,
// the "More From" entries as teasers), and the one-line report of what the save added.

export type PastePreview = {
  main: {
    title: string;
    outlet: string;
    source: string;
    /** YYYY-MM-DD, and the same day for display ("10 Jun 2021"). */
    publishedDate: string;
    day: string;
    firstParagraph: string;
    lastParagraph: string;
    paragraphCount: number;
  } | null;
  more: { title: string; outlet: string; teaser: string; publishedDate: string; day: string }[];
  warnings: string[];
  errors: string[];
};

export type PasteSaveCounts = {
  /** 1 when the main article was new. */
  articles: number;
  /** 1 when the main article gave a stored teaser its full text. */
  completed: number;
  teasers: number;
  /** Items already stored (exact copies, or near copies linked as "also published by"). */
  known: number;
  failed: number;
};

export function describePaste(result: PasteParseResult): PastePreview {
  const paragraphs = result.main ? result.main.body.split("\n").filter((line) => line.trim() !== "") : [];
  return {
    main: result.main
      ? {
          title: result.main.title,
          outlet: result.main.outlet,
          source: result.main.source,
          publishedDate: result.main.publishedDate,
          day: formatDay(dayOf(result.main.publishedDate)),
          firstParagraph: paragraphs[0] ?? "",
          lastParagraph: paragraphs.at(-1) ?? "",
          paragraphCount: paragraphs.length,
        }
      : null,
    more: result.more.map((entry) => ({
      title: entry.title,
      outlet: entry.outlet,
      teaser: entry.body,
      publishedDate: entry.publishedDate,
      day: formatDay(dayOf(entry.publishedDate)),
    })),
    warnings: result.warnings,
    errors: result.errors,
  };
}

/** The items to store, the main article first; a paste with errors has no main article and stores nothing. */
export function pasteToItems(result: PasteParseResult): IngestItem[] {
  if (!result.main || result.errors.length > 0) return [];
  return [
    toItem(result.main, "main article"),
    ...result.more.map((entry, index) => toItem(entry, `More From entry ${index + 1}`)),
  ];
}

/** `outcomes` in the order of pasteToItems: index 0 is the main article. */
export function countPasteOutcomes(outcomes: ItemOutcome[]): PasteSaveCounts {
  const counts: PasteSaveCounts = { articles: 0, completed: 0, teasers: 0, known: 0, failed: 0 };
  for (const outcome of outcomes) {
    if (outcome.status === "failed") counts.failed += 1;
    else if (outcome.status === "duplicate" || outcome.status === "near_duplicate") counts.known += 1;
    else if (outcome.index > 0) counts.teasers += 1;
    else if (outcome.status === "completed") counts.completed += 1;
    else counts.articles += 1;
  }
  return counts;
}

/** "Saved: 1 new article, 17 teasers (3 already known)." */
export function describePasteSave(counts: PasteSaveCounts): string {
  const added = [
    counts.articles ? "1 new article" : null,
    counts.completed ? "the full text of 1 stored teaser" : null,
    counts.teasers ? plural(counts.teasers, "teaser") : null,
  ].filter((part) => part !== null);
  const failed = counts.failed
    ? ` ${plural(counts.failed, "item")} could not be stored; see the run for the reasons.`
    : "";
  if (added.length === 0)
    return counts.known
      ? `Nothing new: ${plural(counts.known, "item")} already known.${failed}`
      : `Nothing saved.${failed}`;
  const known = counts.known ? ` (${counts.known} already known)` : "";
  return `Saved: ${added.join(", ")}${known}.${failed}`;
}

function toItem(article: PastedArticle, location: string): IngestItem {
  return {
    title: article.title,
    body: article.body,
    publishedAt: dayOf(article.publishedDate),
    source: article.outlet,
    language: languageOf(article.source),
    complete: article.complete,
    location,
  };
}

/** The aggregator gives a day: stored as 00:00 UTC, which the app shows as that day in every time zone. */
function dayOf(date: string): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

/** "KCNA.kp (En)" -> "en"; labels without a language tag are English on this aggregator. */
function languageOf(sourceLabel: string): string {
  return /\(([A-Za-z]{2})\)$/.exec(sourceLabel)?.[1].toLowerCase() ?? "en";
}

function plural(n: number, noun: string): string {
  return `${n.toLocaleString("en")} ${noun}${n === 1 ? "" : "s"}`;
}
