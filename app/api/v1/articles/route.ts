import { defineRoute } from "@/lib/api/define-route";
import { isJsonContentType, readJsonBody, UnsupportedMediaTypeError } from "@/lib/api/json-body";
import { ingestApiBatch } from "@/lib/ingest/api-batch";
import { MAX_BATCH_BYTES, parseArticleBatch } from "@/lib/validation/article-batch";

// POST /api/v1/articles: {"articles": [...]} with up to 1,000 articles, each answered on its own.
// 200 when every item was stored or already there, 207 when any failed.

export const POST = defineRoute(
  { permission: "ingest:create", scope: "INGEST" },
  async ({ request, caller, actor }) => {
    // A cross-site form can post with the browser's cookies but never as application/json.
    if (caller.via === "session" && !isJsonContentType(request)) {
      throw new UnsupportedMediaTypeError("Send the articles as Content-Type: application/json.");
    }
    const entries = parseArticleBatch(await readJsonBody(request, MAX_BATCH_BYTES));
    const result = await ingestApiBatch(entries, {
      userId: caller.user.id,
      label: caller.via === "token" ? `API: ${caller.tokenName}` : `API: ${caller.user.email} (browser session)`,
      via: caller.via,
      tokenId: caller.tokenId,
      ip: actor.ip,
    });
    return Response.json(result, { status: result.failed > 0 ? 207 : 200, headers: { "Cache-Control": "no-store" } });
  },
);

export function GET(): Response {
  return Response.json(
    { error: 'Send articles with POST as {"articles": [...]}; this address cannot be read.' },
    { status: 405, headers: { Allow: "POST" } },
  );
}
