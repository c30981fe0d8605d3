import { unsubscribeWatch } from "@/lib/data/watch-deliveries";
import { env } from "@/lib/env";
import { escapeHtml } from "@/lib/export/html";
import { verifyUnsubscribe } from "@/lib/watches/signing";

// The signed unsubscribe link of a watch's email: no sign-in needed, the signature (HMAC with AUTH_SECRET)
// names the watch and channel. GET from the link in the message; POST from mail clients' one-click button
// (RFC 8058). Answers a small page either way.
export const dynamic = "force-dynamic";

function page(status: number, title: string, text: string): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><meta name="viewport" content="width=device-width"></head><body style="font:15px/1.5 system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#0f172a"><h1 style="font-size:1.25rem">${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></body></html>`;
  return new Response(html, {
    status,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
  });
}

async function handle(request: Request): Promise<Response> {
  const secret = env().AUTH_SECRET;
  const target = secret ? verifyUnsubscribe(secret, new URL(request.url).searchParams) : null;
  if (!target) return page(400, "This link is not valid", "The unsubscribe link is damaged or not ours.");
  const done = await unsubscribeWatch(target.watchId, target.channel);
  if (!done) return page(200, "Already unsubscribed", "That watch no longer exists: nothing more will be sent.");
  return page(
    200,
    "Unsubscribed",
    `You will get no more ${target.channel === "EMAIL" ? "emails" : "webhook calls"} for the view “${done.viewName}”. You can watch it again from the desk.`,
  );
}

export const GET = handle;
export const POST = handle;
