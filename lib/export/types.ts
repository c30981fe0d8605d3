// One exported article with what analysts added to it, as every writer in lib/export/ receives it.

export type ExportAnnotation = {
  id: number;
  note: string;
  /** The annotated passage; null for a note on the whole article. */
  exact: string | null;
  prefix: string | null;
  suffix: string | null;
  startOffset: number | null;
  endOffset: number | null;
  createdAt: Date;
  updatedAt: Date;
  author: { id: number; name: string };
};

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
};

export type ExportWriter = (records: AsyncIterable<ExportRecord>) => AsyncGenerator<string>;
