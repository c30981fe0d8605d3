// Telling "the database cannot be reached right now" apart from every other failure, so that the app can
// say so (a "database unavailable, retrying" page, 503 with Retry-After from the API) instead of a bare 500,
// and recover by itself when it is back: the pools reconnect on their own.

/** Socket errors, PostgreSQL's connection and shutdown classes, and Prisma's "cannot reach" codes. */
const CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now (starting up, shutting down)
  "53300", // too_many_connections
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
  "P1001",
  "P1002",
  "P1008",
  "P1017",
  "P2024",
]);

const KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);

const MESSAGES =
  /ECONNREFUSED|ECONNRESET|Connection terminated|connection (?:is )?(?:closed|terminated)|Can't reach database server|terminating connection due to administrator command|the database system is (?:starting up|shutting down|in recovery mode)|Client has encountered a connection error/i;

/** Whether `error` (or what it wraps) says the database could not be reached or went away. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let current: unknown = error; current && typeof current === "object" && !seen.has(current);) {
    seen.add(current);
    const record = current as { code?: unknown; kind?: unknown; message?: unknown; cause?: unknown; meta?: unknown };
    if (typeof record.code === "string" && CODES.has(record.code)) return true;
    if (typeof record.kind === "string" && KINDS.has(record.kind)) return true;
    const meta = record.meta as { code?: unknown } | undefined;
    if (typeof meta?.code === "string" && CODES.has(meta.code)) return true;
    if (typeof record.message === "string" && MESSAGES.test(record.message)) return true;
    const errors = (current as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.some((inner) => isDatabaseUnavailable(inner))) return true;
    current = record.cause;
  }
  return false;
}

/** Seconds a client should wait before trying again, in the Retry-After header. */
export const RETRY_AFTER_SECONDS = 10;
