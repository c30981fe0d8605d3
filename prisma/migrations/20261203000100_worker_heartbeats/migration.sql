-- Each worker says it is alive at every tick (every 15 s), in a table of the app's own: the sources page and
-- GET /api/health read it instead of pg-boss's internal job table.

-- CreateTable
CREATE TABLE "worker_heartbeats" (
    "worker_id" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "worker_heartbeats_pkey" PRIMARY KEY ("worker_id")
);

-- CreateIndex
CREATE INDEX "worker_heartbeats_seen_at_idx" ON "worker_heartbeats"("seen_at" DESC);
