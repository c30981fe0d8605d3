import { checkHealth } from "@/lib/data/health";
import { RETRY_AFTER_SECONDS } from "@/lib/db/availability";

// GET /api/health: for load balancers, compose health checks and the app's own error page. 200 when the
// database answers (a missing worker is "degraded", still 200: the desk works), 503 when it does not.
export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const health = await checkHealth();
  const down = health.status === "unavailable";
  return Response.json(health, {
    status: down ? 503 : 200,
    headers: { "Cache-Control": "no-store", ...(down ? { "Retry-After": String(RETRY_AFTER_SECONDS) } : {}) },
  });
}
