import type { Dateline } from "@/lib/ingest/paste/paste-dates";

// One article read from a paste: a full article, or a More From teaser whose text the aggregator cut short.

export type PastedArticle = {
  title: string;
  /** The aggregator's source label, e.g. "KCNA.kp (En)". */
  source: string;
  /** The outlet the article is filed under: "KCNA", "Rodong Sinmun", or the label without its language tag. */
  outlet: string;
  /** YYYY-MM-DD. */
  publishedDate: string;
  /** Paragraphs joined by "\n"; the dateline stays in, the end mark does not. */
  body: string;
  /** False for More-From teasers, whose text the aggregator cuts short. */
  complete: boolean;
  dateline: Dateline | null;
  /** The line of the paste the article's title is on (1-based). */
  line: number;
  /** The original's address, when the copy carried the link's address rather than its text. */
  url: string | null;
};

// Known outlets by the start of the aggregator's label; anything else keeps its label minus the "(En)" tag.
const OUTLETS: [RegExp, string][] = [
  [/^kcna\b/i, "KCNA"],
  [/^rodong\b/i, "Rodong Sinmun"],
];

/** "KCNA.kp (En)" -> "KCNA", "Rodong Sinmun (En)" -> "Rodong Sinmun", "Uriminzokkiri (En)" -> "Uriminzokkiri". */
export function mapOutlet(source: string): string {
  const known = OUTLETS.find(([pattern]) => pattern.test(source));
  return known ? known[1] : source.replace(/\s*\([A-Za-z]{2}\)$/, "").trim();
}

/** "KCNA.kp (En)" -> "en"; labels without a language tag are English on this aggregator. */
export function languageOf(sourceLabel: string): string {
  return /\(([A-Za-z]{2})\)$/.exec(sourceLabel)?.[1].toLowerCase() ?? "en";
}
