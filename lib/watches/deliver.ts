import "server-only";
import { exportBatches } from "@/lib/data/export-records";
import {
  claimDeliveries,
  completeDeliveries,
  recordMailMessage,
  type ClaimedDelivery,
  type DeliveryOutcome,
} from "@/lib/data/watch-deliveries";
import { env } from "@/lib/env";
import { escapeHtml, writeHtml } from "@/lib/export/html";
import { writeMarkdown } from "@/lib/export/markdown";
import type { ExportRecord } from "@/lib/export/types";
import { FetchError, safeFetch } from "@/lib/ingest/fetch/safe-fetch";
import { sendMail } from "@/lib/watches/mail";
import { alertText } from "@/lib/watches/alerts";
import { unsubscribeQuery, webhookSignature } from "@/lib/watches/signing";

// The delivery job's work: claim due outbox rows under a lease, send each group as one message (an email with
// the brief of the new matches, or a signed webhook call), and record the outcome. A failure is retried with
// growing delays (RETRY_DELAYS_S), then given up and shown as failed in the watch's delivery log.
//
// Exactly once: a message's rows are marked sent right after the receiver accepted it. A worker killed before
// it accepted (mid-delivery) leaves its rows leased; the lease lapses (LEASE_MS) and the next claim sends them.
// Only a crash in the instant between "accepted" and "marked" sends twice, and then with the same Message-ID
// (email), the same delivery id header (webhook) or the same file name (.eml), so a receiver can tell.

export const LEASE_MS = 60_000;
const RETRY_DELAYS_S = [30, 120, 600, 3600, 6 * 3600];

export type DeliveryRun = { sent: number; retried: number; failed: number; skipped: number };

export function appUrl(): string {
  const { AUTH_URL, HOST, PORT } = env();
  return (AUTH_URL ?? `http://${HOST}:${PORT}`).replace(/\/+$/, "");
}

function secret(): string {
  const value = env().AUTH_SECRET;
  if (!value) throw new Error("AUTH_SECRET is not set: unsubscribe links cannot be signed.");
  return value;
}

async function loadRecords(ids: number[]): Promise<ExportRecord[]> {
  const records: ExportRecord[] = [];
  for await (const batch of exportBatches({ ids })) records.push(...batch);
  return records;
}

async function collect(parts: AsyncIterable<string>): Promise<string> {
  let text = "";
  for await (const part of parts) text += part;
  return text;
}

function retryOrFail(attempts: number, error: string, statusCode: number | null, durationMs: number): DeliveryOutcome {
  const delay = RETRY_DELAYS_S[attempts - 1];
  if (delay === undefined) return { status: "FAILED", error, statusCode, durationMs };
  return { status: "RETRY", error, statusCode, durationMs, retryAt: new Date(Date.now() + delay * 1000) };
}

async function sendEmail(delivery: ClaimedDelivery, records: ExportRecord[]): Promise<DeliveryOutcome> {
  const base = appUrl();
  const viewUrl = `${base}/?${delivery.view.query}`;
  const unsubscribeUrl = `${base}/api/watches/unsubscribe?${unsubscribeQuery(secret(), delivery.watchId, "EMAIL")}`;
  const alert = delivery.kind === "MATCHES" ? null : alertText(delivery.kind, delivery.payload, base);
  const count = records.length;
  const subject = alert
    ? `${alert.subject} in “${delivery.view.name}”`
    : `${count} new ${count === 1 ? "article" : "articles"} in “${delivery.view.name}”`;
  const deskLink = (record: ExportRecord) => `${base}/articles/${record.id}`;
  const footerHtml = `<hr>\n${alert ? `<p>${escapeHtml(alert.text)}</p>\n` : ""}<p class="meta">You watch the view <a href="${escapeHtml(viewUrl)}">${escapeHtml(delivery.view.name)}</a> in Presswatch. <a href="${escapeHtml(unsubscribeUrl)}">Unsubscribe from these emails</a>.</p>\n`;
  const footerText = `\n---\n${alert ? `${alert.text}\n\n` : ""}You watch the view “${delivery.view.name}”: ${viewUrl}\nUnsubscribe: ${unsubscribeUrl}\n`;
  const html = await collect(
    writeHtml(toIterable(records), { title: subject, group: "day", deskLink, footer: footerHtml }),
  );
  const text = await collect(
    writeMarkdown(toIterable(records), { title: subject, group: "day", deskLink, footer: footerText }),
  );
  const started = performance.now();
  const key = `watch-${delivery.watchId}-delivery-${delivery.ids[0]}`;
  try {
    const sent = await sendMail(
      { to: delivery.user.email, subject, html, text, messageId: `<${key}@presswatch>`, unsubscribeUrl },
      key,
    );
    if (sent.via === "file")
      await recordMailMessage({
        deliveryId: delivery.ids[0],
        to: delivery.user.email,
        subject,
        fileName: sent.fileName,
      });
    return {
      status: "SENT",
      statusCode: sent.via === "smtp" ? sent.statusCode : null,
      durationMs: performance.now() - started,
    };
  } catch (error) {
    const code = (error as { responseCode?: number }).responseCode ?? null;
    const message = error instanceof Error ? error.message : String(error);
    return retryOrFail(delivery.attempts, message, code, performance.now() - started);
  }
}

async function* toIterable<T>(items: T[]): AsyncIterable<T> {
  yield* items;
}

/** What a webhook receives: the view, and the new articles with links into the desk. */
export function webhookBody(delivery: ClaimedDelivery, records: ExportRecord[], base: string): string {
  return JSON.stringify({
    event: delivery.kind === "MATCHES" ? "watch.matches" : `watch.${delivery.kind.toLowerCase()}`,
    delivery: String(delivery.ids[0]),
    view: { id: delivery.view.id, name: delivery.view.name, url: `${base}/?${delivery.view.query}` },
    ...(delivery.kind === "MATCHES" ? {} : { alert: delivery.payload }),
    articles: records.map((record) => ({
      id: record.id,
      title: record.title,
      url: record.url,
      deskUrl: `${base}/articles/${record.id}`,
      publishedAt: record.publishedAt.toISOString(),
      source: record.source.name,
      language: record.language,
      excerpt: record.excerpt,
      themes: record.themes.map((theme) => theme.name),
      tags: record.tags.map((tag) => tag.name),
    })),
  });
}

async function callWebhook(delivery: ClaimedDelivery, records: ExportRecord[]): Promise<DeliveryOutcome> {
  const body = webhookBody(delivery, records, appUrl());
  const started = performance.now();
  try {
    const response = await safeFetch(delivery.webhookUrl!, {
      method: "POST",
      body,
      maxRedirects: 0,
      timeoutMs: 10_000,
      maxBytes: 64 * 1024,
      accept: "application/json, */*;q=0.5",
      headers: {
        "content-type": "application/json",
        "x-presswatch-signature": webhookSignature(delivery.webhookSecret ?? "", body),
        "x-presswatch-delivery": String(delivery.ids[0]),
      },
    });
    return { status: "SENT", statusCode: response.status, durationMs: performance.now() - started };
  } catch (error) {
    const durationMs = performance.now() - started;
    const message = error instanceof Error ? error.message : String(error);
    // A refused address will not become allowed by waiting: give up at once.
    if (error instanceof FetchError && (error.code === "blocked_address" || error.code === "bad_url"))
      return { status: "FAILED", error: message, statusCode: null, durationMs };
    return retryOrFail(
      delivery.attempts,
      message,
      error instanceof FetchError ? (error.status ?? null) : null,
      durationMs,
    );
  }
}

async function deliver(delivery: ClaimedDelivery): Promise<DeliveryOutcome> {
  // Nothing goes to someone who may no longer see it.
  if (!delivery.user.active) return { status: "SKIPPED", reason: "The recipient's account is deactivated." };
  if (!delivery.view.visible) return { status: "SKIPPED", reason: "The view is no longer shared with the recipient." };
  if (delivery.channel === "EMAIL" && !delivery.email) return { status: "SKIPPED", reason: "Email is turned off." };
  if (delivery.channel === "WEBHOOK" && !delivery.webhookUrl)
    return { status: "SKIPPED", reason: "The webhook was removed." };
  const records = delivery.articleIds.length ? await loadRecords(delivery.articleIds) : [];
  if (delivery.kind === "MATCHES" && !records.length)
    return { status: "SKIPPED", reason: "The articles were deleted." };
  return delivery.channel === "EMAIL" ? sendEmail(delivery, records) : callWebhook(delivery, records);
}

/** Claims and sends what is due, up to `limit` messages; returns what happened. */
export async function runWatchDeliveries(options: {
  owner: string;
  leaseMs?: number;
  limit?: number;
  log?: (line: string) => void;
}): Promise<DeliveryRun> {
  const run: DeliveryRun = { sent: 0, retried: 0, failed: 0, skipped: 0 };
  const claimed = await claimDeliveries({
    owner: options.owner,
    leaseMs: options.leaseMs ?? LEASE_MS,
    limit: options.limit,
  });
  for (const delivery of claimed) {
    let outcome: DeliveryOutcome;
    try {
      outcome = await deliver(delivery);
    } catch (error) {
      outcome = retryOrFail(delivery.attempts, error instanceof Error ? error.message : String(error), null, 0);
    }
    await completeDeliveries(delivery.ids, options.owner, outcome);
    if (outcome.status === "SENT") run.sent++;
    else if (outcome.status === "RETRY") run.retried++;
    else if (outcome.status === "FAILED") run.failed++;
    else run.skipped++;
    if (outcome.status !== "SENT")
      options.log?.(
        `watch ${delivery.watchId} ${delivery.channel.toLowerCase()}: ${outcome.status.toLowerCase()} (${"error" in outcome ? outcome.error : outcome.reason})`,
      );
  }
  return run;
}
