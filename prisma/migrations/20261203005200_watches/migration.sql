-- Watches: a user follows a saved view and is told about new matches in the app, by email (immediately or in
-- digests), by webhook, and by spike and silence alerts. Matches are written in the ingest chunk's own
-- transaction, with an outbox row (watch_deliveries) per message to send, so a message exists exactly when its
-- matches do; the delivery job works the outbox under a lease. A deleted view or user removes its watches
-- (and their matches and pending messages) by cascade.

-- CreateEnum
CREATE TYPE "WatchFrequency" AS ENUM ('IMMEDIATE', 'HOURLY', 'DAILY', 'WEEKLY');

-- CreateEnum
CREATE TYPE "WatchChannel" AS ENUM ('EMAIL', 'WEBHOOK');

-- CreateEnum
CREATE TYPE "WatchDeliveryKind" AS ENUM ('MATCHES', 'SPIKE', 'SILENCE');

-- CreateEnum
CREATE TYPE "WatchDeliveryStatus" AS ENUM ('PENDING', 'SENT', 'FAILED', 'SKIPPED');

-- CreateTable
CREATE TABLE "watches" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "view_id" INTEGER NOT NULL,
    "email" BOOLEAN NOT NULL DEFAULT false,
    "email_frequency" "WatchFrequency" NOT NULL DEFAULT 'IMMEDIATE',
    "digest_hour" INTEGER NOT NULL DEFAULT 8,
    "digest_weekday" INTEGER NOT NULL DEFAULT 1,
    "digested_until" TIMESTAMPTZ(3),
    "webhook_url" TEXT,
    "webhook_secret" TEXT,
    "spike" BOOLEAN NOT NULL DEFAULT false,
    "spike_k" DOUBLE PRECISION NOT NULL DEFAULT 3,
    "spike_min_count" INTEGER NOT NULL DEFAULT 5,
    "silence_days" INTEGER,
    "last_seen_at" TIMESTAMPTZ(3),
    "last_seen_article_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "watches_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "watch_matches" (
    "id" BIGSERIAL NOT NULL,
    "watch_id" INTEGER NOT NULL,
    "article_id" INTEGER NOT NULL,
    "matched_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "seen" BOOLEAN NOT NULL DEFAULT false,
    "digest_pending" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "watch_matches_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "watch_deliveries" (
    "id" BIGSERIAL NOT NULL,
    "watch_id" INTEGER NOT NULL,
    "channel" "WatchChannel" NOT NULL,
    "kind" "WatchDeliveryKind" NOT NULL DEFAULT 'MATCHES',
    "batch_key" TEXT NOT NULL,
    "article_ids" INTEGER[],
    "payload" JSONB,
    "status" "WatchDeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lease_until" TIMESTAMPTZ(3),
    "lease_owner" TEXT,
    "last_status_code" INTEGER,
    "last_error" TEXT,
    "sent_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "watch_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "watch_delivery_attempts" (
    "id" BIGSERIAL NOT NULL,
    "delivery_id" BIGINT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ok" BOOLEAN NOT NULL,
    "status_code" INTEGER,
    "error" TEXT,
    "duration_ms" INTEGER NOT NULL,

    CONSTRAINT "watch_delivery_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mail_messages" (
    "id" SERIAL NOT NULL,
    "delivery_id" BIGINT,
    "to_address" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "mail_messages_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "watches_view_id_idx" ON "watches"("view_id");

-- CreateIndex
CREATE UNIQUE INDEX "watches_user_id_view_id_key" ON "watches"("user_id", "view_id");

-- CreateIndex
CREATE INDEX "watch_matches_watch_id_seen_idx" ON "watch_matches"("watch_id", "seen");

-- CreateIndex
CREATE INDEX "watch_matches_watch_id_matched_at_idx" ON "watch_matches"("watch_id", "matched_at" DESC);

-- CreateIndex
CREATE INDEX "watch_matches_article_id_idx" ON "watch_matches"("article_id");

-- CreateIndex
CREATE UNIQUE INDEX "watch_matches_watch_id_article_id_key" ON "watch_matches"("watch_id", "article_id");

-- CreateIndex
CREATE INDEX "watch_deliveries_status_next_attempt_at_idx" ON "watch_deliveries"("status", "next_attempt_at");

-- CreateIndex
CREATE UNIQUE INDEX "watch_deliveries_watch_id_channel_batch_key_key" ON "watch_deliveries"("watch_id", "channel", "batch_key");

-- CreateIndex
CREATE INDEX "watch_delivery_attempts_delivery_id_at_idx" ON "watch_delivery_attempts"("delivery_id", "at");

-- CreateIndex
CREATE UNIQUE INDEX "mail_messages_file_name_key" ON "mail_messages"("file_name");

-- CreateIndex
CREATE INDEX "mail_messages_created_at_idx" ON "mail_messages"("created_at" DESC);

-- AddForeignKey
ALTER TABLE "watches" ADD CONSTRAINT "watches_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "watches" ADD CONSTRAINT "watches_view_id_fkey" FOREIGN KEY ("view_id") REFERENCES "saved_views"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "watch_matches" ADD CONSTRAINT "watch_matches_watch_id_fkey" FOREIGN KEY ("watch_id") REFERENCES "watches"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "watch_matches" ADD CONSTRAINT "watch_matches_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "watch_deliveries" ADD CONSTRAINT "watch_deliveries_watch_id_fkey" FOREIGN KEY ("watch_id") REFERENCES "watches"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "watch_delivery_attempts" ADD CONSTRAINT "watch_delivery_attempts_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "watch_deliveries"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mail_messages" ADD CONSTRAINT "mail_messages_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "watch_deliveries"("id") ON DELETE SET NULL ON UPDATE CASCADE;
