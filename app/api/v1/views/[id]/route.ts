import { z } from "zod";
import { parseInput } from "@/lib/actions/run-action";
import { defineRoute } from "@/lib/api/define-route";
import { readJsonBody } from "@/lib/api/json-body";
import { applyWatch, toApiView } from "@/lib/api/views-api";
import { deleteView, listViews, renameView, setViewQuery, setViewShared } from "@/lib/data/views";
import { getWatch } from "@/lib/data/watches";
import { NotFoundError } from "@/lib/errors";
import { recordId } from "@/lib/validation/article-actions";
import { apiUpdateViewSchema } from "@/lib/validation/watches";

// GET, PATCH { name?, query?, shared?, watch? } and DELETE /api/v1/views/{id}. Changing the view itself is for
// its owner (or an admin); anyone who sees a view may set their own watch of it.
export const dynamic = "force-dynamic";

const MAX_BODY = 64 * 1024;
const params = z.object({ id: recordId });

async function findView(id: number, actor: Parameters<typeof listViews>[0]) {
  const view = (await listViews(actor)).find((one) => one.id === id);
  if (!view) throw new NotFoundError("That view no longer exists.");
  return view;
}

export const GET = defineRoute<{ id: string }>({ permission: "articles:read", scope: "READ" }, async (context) => {
  const { id } = parseInput(params, context.params);
  const view = await findView(id, context.actor);
  return Response.json({ view: toApiView(view, await getWatch(id, context.actor)) });
});

export const PATCH = defineRoute<{ id: string }>({ permission: "views:watch", scope: "INGEST" }, async (context) => {
  const { actor, request } = context;
  const { id } = parseInput(params, context.params);
  const input = parseInput(apiUpdateViewSchema, await readJsonBody(request, MAX_BODY));
  let view = await findView(id, actor);
  if (input.name !== undefined && input.name !== view.name) view = await renameView(id, input.name, actor);
  if (input.query !== undefined) view = await setViewQuery(id, input.query, actor);
  if (input.shared !== undefined && input.shared !== view.shared) view = await setViewShared(id, input.shared, actor);
  const watch = await applyWatch(id, input.watch, actor);
  return Response.json({ view: toApiView(view, watch) });
});

export const DELETE = defineRoute<{ id: string }>({ permission: "views:save", scope: "INGEST" }, async (context) => {
  const { id } = parseInput(params, context.params);
  await deleteView(id, context.actor);
  return new Response(null, { status: 204 });
});
