-- Every version of the record (issue 15): each title and text of an article that Presswatch has seen, with when
-- and by what; the article row keeps the latest. Sources re-check their pages on a schedule (per-source override
-- in hours), a page that answers 404/410 is marked gone (never deleted), and notes remember the version they
-- were made on.

-- CreateEnum
CREATE TYPE "VersionSeenBy" AS ENUM ('FEED', 'PAGE', 'RECHECK', 'PASTE', 'IMPORT', 'API', 'BACKFILL');

-- AlterTable
ALTER TABLE "sources" ADD COLUMN "recheck_hours" INTEGER;

-- AlterTable
ALTER TABLE "ingest_runs" ADD COLUMN "updated" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "annotations" ADD COLUMN "version" INTEGER;

-- AlterTable
ALTER TABLE "articles" ADD COLUMN "version_count" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN "edited_at" TIMESTAMPTZ(3),
ADD COLUMN "gone_at" TIMESTAMPTZ(3),
ADD COLUMN "last_seen_at" TIMESTAMPTZ(3),
ADD COLUMN "previous_titles" TEXT NOT NULL DEFAULT '',
ADD COLUMN "recheck_etag" TEXT,
ADD COLUMN "recheck_last_modified" TEXT,
ADD COLUMN "recheck_hash" TEXT,
ADD COLUMN "last_checked_at" TIMESTAMPTZ(3),
ADD COLUMN "next_check_at" TIMESTAMPTZ(3);

UPDATE "articles" SET "last_seen_at" = "fetched_at";
ALTER TABLE "articles" ALTER COLUMN "last_seen_at" SET DEFAULT CURRENT_TIMESTAMP;

-- A search finds an article by a title it had before (previous_titles, weighed as a title). Dropping the column
-- drops its GIN index, which is built again below.
ALTER TABLE "articles" DROP COLUMN "search";
ALTER TABLE "articles" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, "search_fold"(coalesce("title", '') || E'\n' || "previous_titles")), 'A') ||
    setweight(to_tsvector('english'::regconfig, "search_fold"(coalesce("body_text", ''))), 'B')
) STORED;
CREATE INDEX "articles_search_idx" ON "articles" USING GIN ("search");

-- CreateTable
CREATE TABLE "article_versions" (
    "id" SERIAL NOT NULL,
    "article_id" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "body_text" TEXT NOT NULL,
    "body_html" TEXT,
    "image_hashes" TEXT[],
    "content_hash" TEXT NOT NULL,
    "url" TEXT,
    "seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "seen_by" "VersionSeenBy" NOT NULL,
    "run_id" INTEGER,

    CONSTRAINT "article_versions_pkey" PRIMARY KEY ("id")
);

-- Every stored article has been seen once: that is its version 1 (what saw it was not recorded then).
INSERT INTO "article_versions" ("article_id", "version", "title", "body_text", "body_html", "content_hash", "seen_at", "seen_by")
SELECT "id", 1, "title", "body_text", "body_html", "fingerprint", "fetched_at", 'BACKFILL' FROM "articles";

-- CreateIndex
CREATE UNIQUE INDEX "article_versions_article_id_version_key" ON "article_versions"("article_id", "version");

-- CreateIndex
CREATE INDEX "article_versions_content_hash_idx" ON "article_versions"("content_hash");

-- CreateIndex
CREATE INDEX "article_versions_run_id_idx" ON "article_versions"("run_id");

-- CreateIndex
CREATE INDEX "articles_edited_at_idx" ON "articles"("edited_at");

-- CreateIndex
CREATE INDEX "articles_gone_at_idx" ON "articles"("gone_at");

-- CreateIndex
CREATE INDEX "articles_next_check_at_idx" ON "articles"("next_check_at");

-- AddForeignKey
ALTER TABLE "article_versions" ADD CONSTRAINT "article_versions_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "article_versions" ADD CONSTRAINT "article_versions_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "ingest_runs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Every new article's version 1, whichever way it is inserted (the store, the seed, a test's factory): one
-- statement-level trigger over the inserted rows. The store says what saw them and in which run through two
-- transaction-local settings (lib/ingest/store/sql.ts markSighting); without them the sighting is an import.
CREATE FUNCTION "article_versions_first"() RETURNS trigger
LANGUAGE plpgsql AS $first$
BEGIN
    INSERT INTO "article_versions" ("article_id", "version", "title", "body_text", "body_html", "content_hash", "seen_at", "seen_by", "run_id")
    SELECT n."id", 1, n."title", n."body_text", n."body_html", n."fingerprint", n."fetched_at",
           coalesce(nullif(current_setting('presswatch.seen_by', true), ''), 'IMPORT')::"VersionSeenBy",
           nullif(current_setting('presswatch.run_id', true), '')::int
      FROM inserted n;
    RETURN NULL;
END
$first$;

CREATE TRIGGER "articles_first_version" AFTER INSERT ON "articles"
REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION "article_versions_first"();
