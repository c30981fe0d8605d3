import { PIECE_CHARS } from "@/lib/export/types";
import { logger } from "@/lib/log";

// An async iterable of strings as a byte stream with backpressure: the next chunk is produced only when
// the consumer pulls, so a slow client slows the database reads instead of filling memory. Small strings
// are joined into chunks of ~16,000 characters (one enqueue per row would cost more than the rows); a
// longer chunk, flattened for encoding, would land in V8's large-object space (see PIECE_CHARS). `onEnd` runs once,
// before the stream closes after the last byte, after a failure, or when the client goes away.

const CHUNK_CHARS = PIECE_CHARS;

export type StreamEnd = "complete" | "aborted" | "failed";

export function streamChunks(
  chunks: AsyncIterable<string>,
  onEnd: (outcome: StreamEnd, error?: unknown) => Promise<void> | void,
): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  let ended = false;
  const end = async (outcome: StreamEnd, error?: unknown) => {
    if (ended) return;
    ended = true;
    try {
      await onEnd(outcome, error);
    } catch (failure) {
      logger.error({ err: failure }, "export: could not record the end of an export");
    }
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let buffer = "";
      try {
        while (buffer.length < CHUNK_CHARS) {
          const next = await iterator.next();
          if (next.done) {
            if (buffer) controller.enqueue(encoder.encode(buffer));
            // Recorded before the stream closes: a client that has read to the end finds the event written.
            await end("complete");
            controller.close();
            return;
          }
          buffer += next.value;
        }
        controller.enqueue(encoder.encode(buffer));
      } catch (error) {
        logger.error({ err: error }, "export failed while streaming");
        await end("failed", error);
        controller.error(error);
      }
    },
    async cancel() {
      await iterator.return?.();
      await end("aborted");
    },
  });
}
