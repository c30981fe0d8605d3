import { readAggregatorPage, type PageReadOptions } from "@/lib/ingest/files/read-page";
import {
  detectFileFormat,
  readCsv,
  readJsonl,
  type FileFormat,
  type RecordInput,
  type RecordResult,
} from "@/lib/ingest/files/read-records";

// An article file of any format we import, opened by looking at its name and its first bytes: the import
// stores its records, the dry run prints them, and neither reads the file twice.

const HEAD_BYTES = 4096;

export type OpenedArticleFile =
  | { format: FileFormat; records: AsyncIterable<RecordResult> }
  /** Not a format we read; `head` is its start, for the error message. */
  | { format: null; head: Uint8Array };

export async function openArticleFile(
  input: RecordInput,
  fileName: string,
  options: PageReadOptions = {},
): Promise<OpenedArticleFile> {
  const { head, stream } = await peek(toBytes(input), HEAD_BYTES);
  const format = detectFileFormat(fileName, head);
  if (!format) return { format: null, head };
  const records =
    format === "jsonl" ? readJsonl(stream) : format === "csv" ? readCsv(stream) : readAggregatorPage(stream, options);
  return { format, records };
}

export const UNKNOWN_FORMAT =
  "not an article file: expected JSON Lines (.jsonl, .ndjson), CSV with a header row naming title (.csv), or a saved aggregator page (.txt)";

async function* toBytes(input: RecordInput): AsyncGenerator<Uint8Array> {
  for await (const chunk of input) yield typeof chunk === "string" ? Buffer.from(chunk) : chunk;
}

/** The first `size` bytes (or the whole input, if shorter), and the input as if nothing had been read. */
async function peek(
  input: AsyncGenerator<Uint8Array>,
  size: number,
): Promise<{ head: Uint8Array; stream: AsyncIterable<Uint8Array> }> {
  const buffered: Uint8Array[] = [];
  let length = 0;
  while (length < size) {
    const next = await input.next();
    if (next.done) break;
    buffered.push(next.value);
    length += next.value.byteLength;
  }
  async function* replay(): AsyncGenerator<Uint8Array> {
    yield* buffered;
    yield* input;
  }
  return { head: Buffer.concat(buffered).subarray(0, size), stream: replay() };
}
