-- A run's heartbeat: every committed chunk (and, during long fetches, a timer) moves it on. A RUNNING run whose
-- heartbeat stopped has lost its process (killed, or cut off from the database) and is marked INTERRUPTED, with
-- the counts its committed chunks wrote.

-- AlterEnum
ALTER TYPE "IngestStatus" ADD VALUE 'INTERRUPTED';

-- AlterTable
ALTER TABLE "ingest_runs" ADD COLUMN "heartbeat_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateIndex
CREATE INDEX "ingest_runs_status_heartbeat_at_idx" ON "ingest_runs"("status", "heartbeat_at");
