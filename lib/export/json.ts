import { asBatch, PIECE_CHARS, type ExportRecord, type ExportRows } from "@/lib/export/types";

// The full record as plain JSON (dates as ISO strings), shared by the JSON and NDJSON exports.

export function toJsonRecord(record: ExportRecord) {
  return {
    id: record.id,
    title: record.title,
    url: record.url,
    byline: record.byline,
    publishedAt: record.publishedAt.toISOString(),
    source: record.source,
    language: record.language,
    reviewStatus: record.reviewStatus,
    excerpt: record.excerpt,
    ...(record.bodyText !== null ? { bodyText: record.bodyText } : {}),
    themes: record.themes,
    tags: record.tags,
    annotations: record.annotations.map((annotation) => ({
      ...annotation,
      createdAt: annotation.createdAt.toISOString(),
      updatedAt: annotation.updatedAt.toISOString(),
    })),
    versionCount: record.versionCount,
    editedAt: record.editedAt?.toISOString() ?? null,
    goneAt: record.goneAt?.toISOString() ?? null,
    ...(record.versions
      ? { versions: record.versions.map((version) => ({ ...version, seenAt: version.seenAt.toISOString() })) }
      : {}),
  };
}

/** One JSON array, written a batch of elements at a time. */
export async function* writeJson(records: ExportRows): AsyncGenerator<string> {
  let first = true;
  yield "[";
  for await (const item of records) {
    let text = "";
    for (const record of asBatch(item)) {
      text += `${first ? "\n" : ",\n"}${JSON.stringify(toJsonRecord(record))}`;
      first = false;
      if (text.length >= PIECE_CHARS) {
        yield text;
        text = "";
      }
    }
    if (text) yield text;
  }
  yield first ? "]\n" : "\n]\n";
}
