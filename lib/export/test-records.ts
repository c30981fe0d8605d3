import type { ExportAnnotation, ExportRecord } from "@/lib/export/types";

// Records for the writers' unit tests: awkward text on purpose (quotes, commas, line breaks, Hangul,
// markup, formula starts).

export function makeAnnotation(overrides: Partial<ExportAnnotation> = {}): ExportAnnotation {
  return {
    id: 1,
    note: "Check against the 2016 test.",
    exact: "ballistic missile",
    prefix: "launched a ",
    suffix: " from",
    startOffset: 20,
    endOffset: 37,
    createdAt: new Date("2017-07-05T08:00:00Z"),
    updatedAt: new Date("2017-07-05T09:00:00Z"),
    author: { id: 7, name: "Ana Lyst" },
    ...overrides,
  };
}

export function makeRecord(overrides: Partial<ExportRecord> = {}): ExportRecord {
  return {
    id: 1,
    title: "Kim Jong Un oversees launch",
    url: "https://kcnawatch.example/a/1",
    byline: null,
    publishedAt: new Date("2017-07-04T03:00:00Z"),
    source: { id: 1, name: "KCNA" },
    language: "en",
    reviewStatus: "FLAGGED",
    excerpt: "Pyongyang, July 4 (KCNA) -- ...",
    bodyText: null,
    themes: [{ id: 1, name: "Missiles" }],
    tags: [{ id: 1, name: "ICBM" }],
    annotations: [],
    versionCount: 1,
    editedAt: null,
    goneAt: null,
    ...overrides,
  };
}

export async function* fromArray(records: ExportRecord[]): AsyncGenerator<ExportRecord> {
  for (const record of records) yield record;
}

export async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let text = "";
  for await (const chunk of chunks) text += chunk;
  return text;
}
