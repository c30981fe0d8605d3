import type { W3CAnnotationInput } from "@/lib/annotations/w3c";

// One exported article with what analysts added to it, as every writer in lib/export/ receives it.

/** A note as the W3C writer takes it; the passage fields are null for a note on the whole article. */
export type ExportAnnotation = W3CAnnotationInput;

export type ExportRecord = {
  id: number;
  title: string;
  url: string | null;
  byline: string | null;
  publishedAt: Date;
  source: { id: number; name: string };
  language: string;
  reviewStatus: string;
  excerpt: string;
  /** Null when the export did not ask for the full text. */
  bodyText: string | null;
  themes: { id: number; name: string }[];
  tags: { id: number; name: string }[];
  annotations: ExportAnnotation[];
  /** How many versions of the title and text were seen (1: never changed). */
  versionCount: number;
  /** When a changed version was last seen at the source, and when the source said the page was gone. */
  editedAt: Date | null;
  goneAt: Date | null;
  /** Every version, oldest first, when the export asked for them (JSON and NDJSON). */
  versions?: ExportVersion[];
};

export type ExportVersion = {
  version: number;
  title: string;
  bodyText: string;
  url: string | null;
  seenAt: Date;
  seenBy: string;
};

/**
 * How long a piece of text a writer hands on at most (plus one row): a longer string, flattened for
 * encoding (two bytes a character once it holds Hangul), would go to V8's large-object space, which only
 * a full garbage collection frees.
 */
export const PIECE_CHARS = 16_384;

/**
 * What the writers read: records one at a time, or in the batches the database returns them in. A
 * batch becomes one string, which keeps the per-row work (and garbage) of a 100,000-row export small.
 */
export type ExportRows = AsyncIterable<ExportRecord | readonly ExportRecord[]>;

export function asBatch(item: ExportRecord | readonly ExportRecord[]): readonly ExportRecord[] {
  return Array.isArray(item) ? item : [item as ExportRecord];
}

/** Every record of `rows`, one at a time (the briefs group stories and take them singly). */
export async function* eachRecord(rows: ExportRows): AsyncGenerator<ExportRecord> {
  for await (const item of rows) yield* asBatch(item);
}
