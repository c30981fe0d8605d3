import type { Prisma } from "@/lib/generated/prisma/client";

// Two alerts for watchers of closed states, computed once a day from a watch's matches per day:
//
//  - Spike: yesterday's count is above the trailing baseline (the BASELINE_DAYS before it): more than
//    mean + k * standard deviation, and at least `minCount` (a quiet view going from 0 to 2 is no spike).
//  - Silence: no match for `days` days; the alert links the last match.
//
// Pure functions of the counts, so they can be checked on generated volume with known answers.

export const BASELINE_DAYS = 28;

export type SpikeResult = { spike: boolean; count: number; mean: number; sd: number; threshold: number };

/** `baseline`: the matches of each of the BASELINE_DAYS days before the day, zeros included. */
export function detectSpike(count: number, baseline: number[], settings: { k: number; minCount: number }): SpikeResult {
  const n = baseline.length || 1;
  const mean = baseline.reduce((sum, value) => sum + value, 0) / n;
  const variance = baseline.reduce((sum, value) => sum + (value - mean) ** 2, 0) / n;
  const sd = Math.sqrt(variance);
  const threshold = mean + settings.k * sd;
  return { spike: count >= settings.minCount && count > threshold, count, mean, sd, threshold };
}

export type SilenceResult = { silent: boolean; days: number };

/** Whole days from the last match to `now`; a watch that never matched counts from its creation. */
export function detectSilence(lastMatchAt: Date, now: Date, days: number): SilenceResult {
  const quiet = Math.floor((now.getTime() - lastMatchAt.getTime()) / 86_400_000);
  return { silent: quiet >= days, days: quiet };
}

const round = (value: number) => Math.round(value * 10) / 10;

/** The subject and the sentence of an alert message, from its stored numbers. */
export function alertText(
  kind: "SPIKE" | "SILENCE" | "MATCHES",
  payload: Prisma.JsonValue | null,
  base: string,
): { subject: string; text: string } | null {
  const data = (payload ?? {}) as Record<string, unknown>;
  if (kind === "SPIKE") {
    return {
      subject: `Spike: ${data.count} articles on ${data.day}`,
      text: `${data.count} matching articles on ${data.day}, against ${round(Number(data.mean))} a day on average over the ${BASELINE_DAYS} days before (standard deviation ${round(Number(data.sd))}; the alert threshold was ${round(Number(data.threshold))}).`,
    };
  }
  if (kind === "SILENCE") {
    const last = data.lastArticleId
      ? `The last match was “${data.lastTitle}” on ${String(data.lastMatchAt).slice(0, 10)}: ${base}/articles/${data.lastArticleId}`
      : "Nothing has matched since the watch began.";
    return {
      subject: `Silence: no match for ${data.days} days`,
      text: `No new article for ${data.days} days. ${last}`,
    };
  }
  return null;
}
