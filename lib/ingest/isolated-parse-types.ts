import type { FeedParseErrorCode } from "@/lib/ingest/feed/errors";

// The messages between lib/ingest/isolated-parse.ts and its worker thread (lib/ingest/parse-worker.ts).

export type ParseRequest =
  | { kind: "feed"; bytes: Uint8Array; options: { contentType?: string | null; url?: string } }
  | { kind: "page"; bytes: Uint8Array; options: { url: string; contentType?: string | null } };

export type ParseReply =
  | { ready: true }
  | { ok: true; value: unknown }
  | { ok: false; kind: "feed"; code: FeedParseErrorCode; message: string }
  | { ok: false; kind: "extraction" | "unexpected"; message: string };
