export type FeedParseErrorCode = "too-large" | "malformed" | "not-a-feed";

/** A feed that cannot be read; `message` is written for the admin who registered the source. */
export class FeedParseError extends Error {
  constructor(
    message: string,
    readonly code: FeedParseErrorCode,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "FeedParseError";
  }
}
