import { defineRoute } from "@/lib/api/define-route";
import { listWatchDeliveries } from "@/lib/data/watches";
import { parseInput } from "@/lib/actions/run-action";
import { watchViewSchema } from "@/lib/validation/watches";

// The delivery log of the caller's own watch of a view, for the watch dialog.
export const dynamic = "force-dynamic";

export const GET = defineRoute<{ viewId: string }>({ permission: "views:watch" }, async ({ actor, params }) => {
  const { viewId } = parseInput(watchViewSchema, params);
  const deliveries = await listWatchDeliveries(viewId, actor);
  return Response.json(
    { deliveries: deliveries.map((d) => ({ ...d, id: String(d.id) })) },
    { headers: { "cache-control": "no-store" } },
  );
});
