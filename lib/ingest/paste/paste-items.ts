import { formatDayLabel } from "@/lib/format";
import type { ItemOutcome, IngestItem } from "@/lib/ingest/store";
import type { PasteParseResult } from "@/lib/ingest/paste/parse-kcna-watch";
import { languageOf, type PastedArticle } from "@/lib/ingest/paste/pasted-article";

// What a parsed paste becomes: a preview listing every article the analyst checks before saving, the items
// stored (full articles complete, More From entries as teasers), and the one-line report of what the save added.

export type PastePreviewArticle = {
  title: string;
  outlet: string;
  source: string;
  /** YYYY-MM-DD, and the same day for display ("10 Jun 2021"). */
  publishedDate: string;
  day: string;
  /** The start of the text: enough to recognise the story. */
  firstWords: string;
  paragraphCount: number;
  complete: boolean;
  /** The line of the paste the title is on. */
  line: number;
};

export type PastePreview = {
  articles: PastePreviewArticle[];
  full: number;
  teasers: number;
  /** Only teasers and no full article: saving them needs the analyst's explicit confirmation. */
  teasersOnly: boolean;
  warnings: string[];
  errors: string[];
};

export type PasteSaveCounts = {
  /** Full articles that were new. */
  articles: number;
  /** Changed versions of stored articles. */
  updated?: number;
  /** Full articles that gave a stored teaser its full text. */
  completed: number;
  teasers: number;
  /** Items already stored (exact copies, or near copies linked as "also published by"). */
  known: number;
  failed: number;
};

const FIRST_WORDS = 30;
/** A paste of junk can hold thousands of problems; the first ones tell the analyst what is wrong. */
const MAX_MESSAGES = 50;

export function describePaste(result: PasteParseResult): PastePreview {
  const full = result.articles.filter((article) => article.complete).length;
  const teasers = result.articles.length - full;
  return {
    articles: result.articles.map((article) => {
      const paragraphs = article.body.split("\n").filter((line) => line.trim() !== "");
      return {
        title: article.title,
        outlet: article.outlet,
        source: article.source,
        publishedDate: article.publishedDate,
        day: formatDayLabel(dayOf(article.publishedDate)),
        firstWords: firstWords(article.body),
        paragraphCount: paragraphs.length,
        complete: article.complete,
        line: article.line,
      };
    }),
    full,
    teasers,
    teasersOnly: full === 0 && teasers > 0,
    warnings: capMessages(result.warnings),
    errors: capMessages(result.errors),
  };
}

function capMessages(messages: string[]): string[] {
  if (messages.length <= MAX_MESSAGES) return messages;
  return [...messages.slice(0, MAX_MESSAGES), `… and ${(messages.length - MAX_MESSAGES).toLocaleString("en")} more.`];
}

/** The items to store, in the paste's order; a paste with errors stores nothing. */
export function pasteToItems(result: PasteParseResult): IngestItem[] {
  if (result.errors.length > 0) return [];
  return result.articles.map(toItem);
}

/** `outcomes` of storing `items` (as pasteToItems gave them). */
export function countPasteOutcomes(items: IngestItem[], outcomes: ItemOutcome[]): PasteSaveCounts {
  const counts: PasteSaveCounts = { articles: 0, completed: 0, teasers: 0, known: 0, failed: 0 };
  for (const outcome of outcomes) {
    if (outcome.status === "failed") counts.failed += 1;
    else if (outcome.status === "duplicate" || outcome.status === "near_duplicate") counts.known += 1;
    else if (outcome.status === "updated") counts.updated = (counts.updated ?? 0) + 1;
    else if (items[outcome.index].complete === false) counts.teasers += 1;
    else if (outcome.status === "completed") counts.completed += 1;
    else counts.articles += 1;
  }
  return counts;
}

/** "Saved: 2 new articles, 17 teasers (3 already known)." */
export function describePasteSave(counts: PasteSaveCounts): string {
  const added = [
    counts.articles ? `${plural(counts.articles, "new article")}` : null,
    counts.completed ? `the full text of ${plural(counts.completed, "stored teaser")}` : null,
    counts.updated ? `a new version of ${plural(counts.updated, "stored article")}` : null,
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

/** What the run is called in the history: the article's title, or what the paste held. */
export function describePasteRun(items: IngestItem[]): string {
  const full = items.filter((item) => item.complete !== false);
  if (full.length === 1) return full[0].title;
  if (full.length > 1) return `${full[0].title} and ${plural(full.length - 1, "more article")}`;
  const outlets = [...new Set(items.map((item) => item.source))].join(", ");
  return `${plural(items.length, "teaser")} from ${outlets}`;
}

function toItem(article: PastedArticle): IngestItem {
  return {
    title: article.title,
    body: article.body,
    publishedAt: dayOf(article.publishedDate),
    source: article.outlet,
    url: article.url,
    language: languageOf(article.source),
    complete: article.complete,
    location: `line ${article.line}`,
  };
}

function firstWords(body: string): string {
  const words = body.replace(/\s+/g, " ").trim().split(" ");
  return words.length > FIRST_WORDS ? `${words.slice(0, FIRST_WORDS).join(" ")}…` : words.join(" ");
}

/** The aggregator gives a day: stored as 00:00 UTC, which the app shows as that day in every time zone. */
function dayOf(date: string): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

function plural(n: number, noun: string): string {
  return `${n.toLocaleString("en")} ${noun}${n === 1 ? "" : "s"}`;
}
