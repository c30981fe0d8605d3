import { parseInput } from "@/lib/actions/run-action";
import { defineRoute } from "@/lib/api/define-route";
import { readJsonBody } from "@/lib/api/json-body";
import { applyWatch, toApiView } from "@/lib/api/views-api";
import { createView, listViews } from "@/lib/data/views";
import { listMyWatches } from "@/lib/data/watches";
import { apiCreateViewSchema } from "@/lib/validation/watches";

// GET /api/v1/views: the caller's views and the team's shared ones, each with the caller's watch.
// POST /api/v1/views { name, query, shared?, watch? }: a new view (sharing needs an analyst), as in the desk.
// The same role rules as the sidebar: lib/data/views.ts checks them again.
export const dynamic = "force-dynamic";

const MAX_BODY = 64 * 1024;

export const GET = defineRoute({ permission: "articles:read", scope: "READ" }, async ({ actor }) => {
  const [views, watches] = await Promise.all([listViews(actor), listMyWatches(actor)]);
  return Response.json({
    views: views.map((view) => {
      const watch = watches[view.id];
      if (!watch) return toApiView(view, null);
      const { unseen, ...settings } = watch;
      return { ...toApiView(view, settings), unseen };
    }),
  });
});

export const POST = defineRoute({ permission: "views:save", scope: "INGEST" }, async ({ actor, request }) => {
  const input = parseInput(apiCreateViewSchema, await readJsonBody(request, MAX_BODY));
  const view = await createView({ name: input.name, query: input.query, shared: input.shared }, actor);
  const watch = await applyWatch(view.id, input.watch ?? undefined, actor);
  return Response.json({ view: toApiView(view, watch) }, { status: 201 });
});
