import "server-only";
import { db } from "@/lib/db";
import { isDatabaseUnavailable } from "@/lib/db/availability";
import { getWorkerStatus } from "@/lib/data/workers";

// What GET /api/health reports: whether the database answers (and how fast) and whether a worker is alive.
// Nothing secret: no addresses, versions or counts of anyone's data.

export type Health = {
  status: "ok" | "degraded" | "unavailable";
  database: { ok: boolean; latencyMs: number | null; error?: string };
  worker: { ok: boolean; lastSeenAt: string | null } | null;
};

const PING_TIMEOUT_MS = 3_000;

export async function checkHealth(): Promise<Health> {
  const started = performance.now();
  try {
    await Promise.race([
      db.$queryRaw`SELECT 1`,
      new Promise((_, reject) => setTimeout(() => reject(new Error("timed out")), PING_TIMEOUT_MS).unref()),
    ]);
  } catch (error) {
    const reason = isDatabaseUnavailable(error) ? "unreachable" : "not answering";
    return { status: "unavailable", database: { ok: false, latencyMs: null, error: reason }, worker: null };
  }
  const latencyMs = Math.round((performance.now() - started) * 10) / 10;
  const worker = await getWorkerStatus();
  return {
    status: worker.running ? "ok" : "degraded",
    database: { ok: true, latencyMs },
    worker: { ok: worker.running, lastSeenAt: worker.lastSeenAt?.toISOString() ?? null },
  };
}
