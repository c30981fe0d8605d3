import { toJsonRecord } from "@/lib/export/json";
import { asBatch, PIECE_CHARS, type ExportRows } from "@/lib/export/types";

/** One JSON object per line (JSON Lines), each line complete: tools can read the file as it arrives. */
export async function* writeNdjson(records: ExportRows): AsyncGenerator<string> {
  for await (const item of records) {
    let text = "";
    for (const record of asBatch(item)) {
      text += `${JSON.stringify(toJsonRecord(record))}\n`;
      if (text.length >= PIECE_CHARS) {
        yield text;
        text = "";
      }
    }
    if (text) yield text;
  }
}
