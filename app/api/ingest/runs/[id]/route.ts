import { defineRoute } from "@/lib/api/define-route";
import { NotFoundError } from "@/lib/errors";
import { getIngestRun } from "@/lib/ingest/runs";
import { toRunStatus } from "@/lib/ingest/run-status";
import { runIdSchema } from "@/lib/validation/ingest";

// GET /api/ingest/runs/[id]: a run's counts so far and its first failed items, polled by the upload panel.

const LISTED_ERRORS = 100;

export const GET = defineRoute<{ id: string }>({ permission: "ingest:create" }, async ({ params }) => {
  const id = runIdSchema.safeParse(params.id);
  const run = id.success ? await getIngestRun(id.data, { errorLimit: LISTED_ERRORS }) : null;
  if (!run) throw new NotFoundError("No such ingest run.");
  return Response.json(toRunStatus(run), { headers: { "Cache-Control": "no-store" } });
});
