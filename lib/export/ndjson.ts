import { toJsonRecord } from "@/lib/export/json";
import type { ExportRecord } from "@/lib/export/types";

/** One JSON object per line (JSON Lines), each line complete: tools can read the file as it arrives. */
export async function* writeNdjson(records: AsyncIterable<ExportRecord>): AsyncGenerator<string> {
  for await (const record of records) yield `${JSON.stringify(toJsonRecord(record))}\n`;
}
