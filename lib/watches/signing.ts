import { createHmac, timingSafeEqual } from "node:crypto";
import type { WatchChannel } from "@/lib/generated/prisma/enums";

// Signatures of what watches send out. A webhook body is signed with the watch's own secret
// (`X-Presswatch-Signature: sha256=<hex HMAC of the body>`), so the receiver can check it came from us. An
// unsubscribe link is signed with the app's secret (AUTH_SECRET), so it works without signing in and cannot
// be made for another watch.

export function webhookSignature(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

function unsubscribeMac(secret: string, watchId: number, channel: WatchChannel): string {
  return createHmac("sha256", secret).update(`unsubscribe:${watchId}:${channel}`).digest("base64url");
}

export function unsubscribeQuery(secret: string, watchId: number, channel: WatchChannel): string {
  const params = new URLSearchParams({
    w: String(watchId),
    c: channel.toLowerCase(),
    s: unsubscribeMac(secret, watchId, channel),
  });
  return params.toString();
}

/** The watch and channel a link names, when its signature is right; null otherwise. */
export function verifyUnsubscribe(
  secret: string,
  params: URLSearchParams,
): { watchId: number; channel: WatchChannel } | null {
  const watchId = Number(params.get("w"));
  const channel = (params.get("c") ?? "").toUpperCase();
  const signature = params.get("s") ?? "";
  if (!Number.isInteger(watchId) || watchId <= 0 || (channel !== "EMAIL" && channel !== "WEBHOOK")) return null;
  const expected = Buffer.from(unsubscribeMac(secret, watchId, channel));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { watchId, channel };
}
