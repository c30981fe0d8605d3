import { MIN_POLL_MINUTES } from "@/lib/validation/sources";

// When a feed source is polled next: its own interval after a good poll; after failures, the interval
// doubled per consecutive failure, so a broken or overloaded site is asked less and less often, but at
// least once a day so a recovered feed is noticed.

export const MAX_BACKOFF_MS = 24 * 60 * 60 * 1000;

/** Milliseconds until the next poll, given the source's interval and its consecutive failures so far (0 after a success). */
export function nextPollDelayMs(intervalMinutes: number, consecutiveFailures: number): number {
  const interval = Math.max(intervalMinutes, MIN_POLL_MINUTES) * 60_000;
  if (consecutiveFailures <= 0) return Math.min(interval, MAX_BACKOFF_MS);
  // The exponent is capped only to keep the arithmetic finite: every interval passes the cap well before.
  return Math.min(interval * 2 ** Math.min(consecutiveFailures, 32), MAX_BACKOFF_MS);
}
