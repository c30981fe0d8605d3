import { apiErrorResponse } from "@/lib/auth/api";
import { requirePermission } from "@/lib/auth/session";
import { NotFoundError } from "@/lib/errors";
import { getIngestRun } from "@/lib/ingest/runs";
import { toRunStatus } from "@/lib/ingest/run-status";
import { runIdSchema } from "@/lib/validation/ingest";

// GET /api/ingest/runs/[id]: a run's counts so far and its first failed items, polled by the upload panel.

const LISTED_ERRORS = 100;

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    await requirePermission("ingest:create");
    const id = runIdSchema.safeParse((await params).id);
    const run = id.success ? await getIngestRun(id.data, { errorLimit: LISTED_ERRORS }) : null;
    if (!run) throw new NotFoundError("No such ingest run.");
    return Response.json(toRunStatus(run), { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return apiErrorResponse(error);
  }
}
