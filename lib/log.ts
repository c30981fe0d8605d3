import "server-only";
import pino from "pino";
import { env } from "@/lib/env";

// The server's log: one JSON object per line on stdout (pino), which any log collector reads. Request-bound
// lines carry the request id proxy.ts gives every request and echoes in the X-Request-Id response header, so
// a user's "it failed, request 3f2a…" finds its lines. Secrets never reach a line: credentials, cookies and
// tokens are redacted by path, whatever a caller passes.

/** The server's logger; a test passes its own destination to read the lines. */
export function createLogger(destination?: pino.DestinationStream): pino.Logger {
  return pino(
    {
      level: env().LOG_LEVEL,
      base: { service: "presswatch" },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: [
          "password",
          "*.password",
          "token",
          "*.token",
          "authorization",
          "cookie",
          "headers.authorization",
          "headers.cookie",
          "*.headers.authorization",
          "*.headers.cookie",
        ],
        censor: "[redacted]",
      },
    },
    destination,
  );
}

export const logger = createLogger();

/** A logger whose lines carry the request's id (X-Request-Id, set by proxy.ts). */
export function requestLogger(headers: Headers, base: pino.Logger = logger): pino.Logger {
  const requestId = headers.get("x-request-id");
  return requestId ? base.child({ requestId }) : base;
}
