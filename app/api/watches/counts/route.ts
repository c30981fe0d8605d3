import { defineRoute } from "@/lib/api/define-route";
import { listWatchCounts } from "@/lib/data/watches";

// The desk's views rail asks every few seconds how many new matches each watched view has.
export const dynamic = "force-dynamic";

export const GET = defineRoute({ permission: "views:watch" }, async ({ actor }) =>
  Response.json({ counts: await listWatchCounts(actor) }, { headers: { "cache-control": "no-store" } }),
);
