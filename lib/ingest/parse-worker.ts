// The worker thread that parses a feed or extracts a page (lib/ingest/isolated-parse.ts starts it). It runs the
// same code as the rest of the app; it exists so that a hostile or broken document costs this thread, which is
// stopped at its time or memory limit, and never the web server's or the worker process's event loop.
import { parentPort } from "node:worker_threads";
import { FeedParseError, parseFeed } from "@/lib/ingest/feed/parse";
import { ExtractionError, extractFromBytes } from "@/lib/ingest/page/extract";
import type { ParseRequest, ParseReply } from "@/lib/ingest/isolated-parse-types";

function reply(message: ParseReply): void {
  parentPort!.postMessage(message);
}

parentPort!.on("message", (request: ParseRequest) => {
  try {
    if (request.kind === "feed") {
      reply({ ok: true, value: parseFeed(request.bytes, request.options) });
    } else {
      reply({ ok: true, value: extractFromBytes(request.bytes, request.options) });
    }
  } catch (error) {
    if (error instanceof FeedParseError) reply({ ok: false, kind: "feed", code: error.code, message: error.message });
    else if (error instanceof ExtractionError) reply({ ok: false, kind: "extraction", message: error.message });
    else reply({ ok: false, kind: "unexpected", message: error instanceof Error ? error.message : String(error) });
  }
});

reply({ ready: true });
