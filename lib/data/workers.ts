import "server-only";
import os from "node:os";
import { db } from "@/lib/db";

// Which workers are alive: each one upserts its row at every tick (lib/jobs/feeds.ts), so the newest
// `seen_at` is the heartbeat the sources page and GET /api/health read.

/** Workers tick every 15 seconds; one silent for this long is taken for gone. */
export const WORKER_STALE_MS = 90_000;

export type WorkerStatus = {
  /** When a worker last ticked; null when none ever has. */
  lastSeenAt: Date | null;
  running: boolean;
  /** Workers heard from within WORKER_STALE_MS. */
  alive: number;
};

export async function recordWorkerHeartbeat(worker: { id: string; startedAt: Date }): Promise<void> {
  const row = { host: os.hostname(), pid: process.pid, startedAt: worker.startedAt, seenAt: new Date() };
  await db.workerHeartbeat.upsert({
    where: { workerId: worker.id },
    create: { workerId: worker.id, ...row },
    update: row,
  });
}

export async function getWorkerStatus(now = new Date()): Promise<WorkerStatus> {
  const since = new Date(now.getTime() - WORKER_STALE_MS);
  const [latest, alive] = await Promise.all([
    db.workerHeartbeat.findFirst({ orderBy: { seenAt: "desc" }, select: { seenAt: true } }),
    db.workerHeartbeat.count({ where: { seenAt: { gte: since } } }),
  ]);
  return { lastSeenAt: latest?.seenAt ?? null, running: alive > 0, alive };
}
