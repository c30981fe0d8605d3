-- Articles stored or changed, waiting to be matched against the live watches: written in the ingest chunk's
-- transaction, deleted by the worker in the transaction that writes their matches and outbox rows
-- (lib/data/watch-outbox.ts). No foreign key: a deleted article's row matches nothing and goes with its batch.
CREATE TABLE "watch_match_queue" (
    "id" BIGSERIAL NOT NULL,
    "article_id" INTEGER NOT NULL,
    "queued_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "watch_match_queue_pkey" PRIMARY KEY ("id")
);
