import { z } from "zod";
import { parseInput } from "@/lib/actions/run-action";
import { defineRoute } from "@/lib/api/define-route";
import { exportBatches } from "@/lib/data/export-records";
import { listViewArticleIds } from "@/lib/data/watches";
import type { ExportRecord } from "@/lib/export/types";
import { recordId } from "@/lib/validation/article-actions";
import { appUrl } from "@/lib/watches/deliver";
import { atomFeed, jsonFeed } from "@/lib/watches/feed";

// GET /api/v1/views/{id}/feed?format=atom|json: the newest FEED_SIZE articles of a saved view, as Atom or JSON
// Feed. A read-scoped token as a Bearer header, or as `?token=` for feed readers that cannot send headers; the
// view must be the token owner's own or shared.
export const dynamic = "force-dynamic";

const FEED_SIZE = 100;
const querySchema = z.object({ format: z.enum(["atom", "json"]).default("atom") });

const feed = defineRoute<{ id: string }>(
  { permission: "articles:read", scope: "READ" },
  async ({ actor, params, request }) => {
    const { id } = parseInput(z.object({ id: recordId }), params);
    const url = new URL(request.url);
    const { format } = parseInput(querySchema, { format: url.searchParams.get("format") ?? undefined });
    const { view, ids } = await listViewArticleIds(id, actor, FEED_SIZE);
    const records: ExportRecord[] = [];
    if (ids.length) for await (const batch of exportBatches({ ids })) records.push(...batch);
    records.sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime() || b.id - a.id);
    const base = appUrl();
    // The feed's own address without the token: a reader shows and shares it.
    url.searchParams.delete("token");
    const self = `${base}${url.pathname}${url.search}`;
    const body = format === "json" ? jsonFeed(view, records, base, self) : atomFeed(view, records, base, self);
    return new Response(body, {
      headers: {
        "content-type":
          format === "json" ? "application/feed+json; charset=utf-8" : "application/atom+xml; charset=utf-8",
        "cache-control": "private, no-store",
      },
    });
  },
);

export function GET(request: Request, context: { params: Promise<{ id: string }> }) {
  const token = new URL(request.url).searchParams.get("token");
  if (token && !request.headers.has("authorization")) {
    const headers = new Headers(request.headers);
    headers.set("authorization", `Bearer ${token}`);
    headers.delete("cookie");
    return feed(new Request(request.url, { method: "GET", headers }), context);
  }
  return feed(request, context);
}
