import { randomUUID } from "node:crypto";

// Every request gets an id: proxy.ts sets it on the request (so route handlers, actions and their logs see
// it) and echoes it on the response, so a user's report ("it failed at 14:02, request 3f2a…") leads to the
// log lines. An id sent by a proxy in front is kept when it looks like one; anything else is replaced.

export const REQUEST_ID_HEADER = "x-request-id";

const PLAUSIBLE_ID = /^[A-Za-z0-9._:-]{8,128}$/;

export function requestIdFrom(upstream: string | null): string {
  return upstream && PLAUSIBLE_ID.test(upstream) ? upstream : randomUUID();
}
