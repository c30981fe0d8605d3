-- Presswatch: the initial domain. Written by hand in the shape `prisma migrate dev` produces
-- (Prisma's schema engine cannot be downloaded on our machines); keep prisma/schema.prisma in step.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TYPE "Role" AS ENUM ('ADMIN', 'ANALYST', 'VIEWER');
CREATE TYPE "SourceKind" AS ENUM ('FEED', 'WEBSITE', 'MANUAL');
CREATE TYPE "ReviewStatus" AS ENUM ('NEW', 'REVIEWED', 'FLAGGED');
CREATE TYPE "ThemeOrigin" AS ENUM ('RULE', 'MANUAL');
CREATE TYPE "DuplicateKind" AS ENUM ('EXACT', 'NEAR');
CREATE TYPE "IngestKind" AS ENUM ('FEED', 'PAGE', 'PASTE', 'FILE', 'API');
CREATE TYPE "IngestStatus" AS ENUM ('RUNNING', 'SUCCEEDED', 'PARTIAL', 'FAILED');
CREATE TYPE "TokenScope" AS ENUM ('READ', 'INGEST');

CREATE TABLE "users" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'VIEWER',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "session_version" INTEGER NOT NULL DEFAULT 1,
    "time_zone" TEXT,
    "last_login_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

CREATE TABLE "login_attempts" (
    "id" BIGSERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "success" BOOLEAN NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "login_attempts_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "login_attempts_email_created_at_idx" ON "login_attempts"("email", "created_at" DESC);
CREATE INDEX "login_attempts_ip_created_at_idx" ON "login_attempts"("ip", "created_at" DESC);

CREATE TABLE "sources" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "SourceKind" NOT NULL DEFAULT 'MANUAL',
    "url" TEXT,
    "language" TEXT NOT NULL DEFAULT 'en',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "poll_interval_minutes" INTEGER NOT NULL DEFAULT 30,
    "etag" TEXT,
    "last_modified" TEXT,
    "last_polled_at" TIMESTAMPTZ(3),
    "next_poll_at" TIMESTAMPTZ(3),
    "consecutive_failures" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "sources_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "sources_name_key" ON "sources"("name");
CREATE INDEX "sources_active_next_poll_at_idx" ON "sources"("active", "next_poll_at");

CREATE TABLE "articles" (
    "id" SERIAL NOT NULL,
    "source_id" INTEGER NOT NULL,
    "url" TEXT,
    "canonical_url" TEXT,
    "title" TEXT NOT NULL,
    "byline" TEXT,
    "body_text" TEXT NOT NULL,
    "body_html" TEXT,
    "excerpt" TEXT NOT NULL,
    "language" TEXT NOT NULL DEFAULT 'en',
    "published_at" TIMESTAMPTZ(3) NOT NULL,
    "fetched_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "fingerprint" TEXT NOT NULL,
    "simhash" BIGINT,
    "complete" BOOLEAN NOT NULL DEFAULT true,
    "review_status" "ReviewStatus" NOT NULL DEFAULT 'NEW',
    -- Title weighs more than body in ranking. 'english' keeps the expression immutable, as a generated column needs.
    "search" tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english'::regconfig, coalesce("title", '')), 'A') ||
        setweight(to_tsvector('english'::regconfig, coalesce("body_text", '')), 'B')
    ) STORED,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "articles_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "articles_canonical_url_key" ON "articles"("canonical_url");
CREATE UNIQUE INDEX "articles_fingerprint_key" ON "articles"("fingerprint");
CREATE INDEX "articles_published_at_id_idx" ON "articles"("published_at" DESC, "id" DESC);
CREATE INDEX "articles_source_id_published_at_id_idx" ON "articles"("source_id", "published_at" DESC, "id" DESC);
CREATE INDEX "articles_review_status_published_at_id_idx" ON "articles"("review_status", "published_at" DESC, "id" DESC);
CREATE INDEX "articles_search_idx" ON "articles" USING GIN ("search");
CREATE INDEX "articles_title_trgm_idx" ON "articles" USING GIN ("title" gin_trgm_ops);

CREATE TABLE "article_duplicates" (
    "id" SERIAL NOT NULL,
    "article_id" INTEGER NOT NULL,
    "source_id" INTEGER NOT NULL,
    "url" TEXT,
    "canonical_url" TEXT,
    "title" TEXT NOT NULL,
    "published_at" TIMESTAMPTZ(3) NOT NULL,
    "kind" "DuplicateKind" NOT NULL,
    "similarity" DOUBLE PRECISION NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "article_duplicates_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "article_duplicates_article_id_source_id_canonical_url_key" ON "article_duplicates"("article_id", "source_id", "canonical_url");
CREATE INDEX "article_duplicates_canonical_url_idx" ON "article_duplicates"("canonical_url");

CREATE TABLE "themes" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "color" TEXT NOT NULL DEFAULT '#64748b',
    "parent_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "themes_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "themes_name_key" ON "themes"("name");
CREATE UNIQUE INDEX "themes_slug_key" ON "themes"("slug");

CREATE TABLE "theme_rules" (
    "id" SERIAL NOT NULL,
    "theme_id" INTEGER NOT NULL,
    "query" TEXT NOT NULL,
    "source_ids" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "weight" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "theme_rules_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "theme_rules_theme_id_idx" ON "theme_rules"("theme_id");

CREATE TABLE "article_themes" (
    "article_id" INTEGER NOT NULL,
    "theme_id" INTEGER NOT NULL,
    "origin" "ThemeOrigin" NOT NULL,
    "excluded" BOOLEAN NOT NULL DEFAULT false,
    "rule_id" INTEGER,
    "matched_terms" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "assigned_by_id" INTEGER,
    "assigned_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "article_themes_pkey" PRIMARY KEY ("article_id", "theme_id")
);
CREATE INDEX "article_themes_theme_id_published_at_article_id_idx" ON "article_themes"("theme_id", "published_at" DESC, "article_id" DESC);

CREATE TABLE "tags" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "color" TEXT NOT NULL DEFAULT '#0ea5e9',
    "created_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "tags_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "tags_name_key" ON "tags"("name");

CREATE TABLE "article_tags" (
    "article_id" INTEGER NOT NULL,
    "tag_id" INTEGER NOT NULL,
    "created_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "article_tags_pkey" PRIMARY KEY ("article_id", "tag_id")
);
CREATE INDEX "article_tags_tag_id_published_at_article_id_idx" ON "article_tags"("tag_id", "published_at" DESC, "article_id" DESC);

CREATE TABLE "annotations" (
    "id" SERIAL NOT NULL,
    "article_id" INTEGER NOT NULL,
    "author_id" INTEGER NOT NULL,
    "note" TEXT NOT NULL,
    "exact" TEXT,
    "prefix" TEXT,
    "suffix" TEXT,
    "start_offset" INTEGER,
    "end_offset" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "annotations_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "annotations_article_id_idx" ON "annotations"("article_id");
CREATE INDEX "annotations_author_id_idx" ON "annotations"("author_id");

CREATE TABLE "saved_views" (
    "id" SERIAL NOT NULL,
    "owner_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "shared" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "saved_views_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "saved_views_owner_id_name_key" ON "saved_views"("owner_id", "name");
CREATE INDEX "saved_views_shared_idx" ON "saved_views"("shared");

CREATE TABLE "ingest_runs" (
    "id" SERIAL NOT NULL,
    "kind" "IngestKind" NOT NULL,
    "status" "IngestStatus" NOT NULL DEFAULT 'RUNNING',
    "source_id" INTEGER,
    "triggered_by_id" INTEGER,
    "label" TEXT,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "fetched" INTEGER NOT NULL DEFAULT 0,
    "created" INTEGER NOT NULL DEFAULT 0,
    "duplicates" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER,
    "message" TEXT,
    CONSTRAINT "ingest_runs_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "ingest_runs_source_id_started_at_idx" ON "ingest_runs"("source_id", "started_at" DESC);
CREATE INDEX "ingest_runs_started_at_idx" ON "ingest_runs"("started_at" DESC);

CREATE TABLE "ingest_errors" (
    "id" SERIAL NOT NULL,
    "run_id" INTEGER NOT NULL,
    "location" TEXT,
    "reason" TEXT NOT NULL,
    "excerpt" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ingest_errors_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "ingest_errors_run_id_idx" ON "ingest_errors"("run_id");

CREATE TABLE "api_tokens" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "scope" "TokenScope" NOT NULL DEFAULT 'READ',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "api_tokens_token_hash_key" ON "api_tokens"("token_hash");
CREATE INDEX "api_tokens_user_id_idx" ON "api_tokens"("user_id");

CREATE TABLE "audit_events" (
    "id" BIGSERIAL NOT NULL,
    "actor_id" INTEGER,
    "action" TEXT NOT NULL,
    "target_type" TEXT,
    "target_id" TEXT,
    "meta" JSONB NOT NULL DEFAULT '{}',
    "ip" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "audit_events_created_at_idx" ON "audit_events"("created_at" DESC);
CREATE INDEX "audit_events_actor_id_created_at_idx" ON "audit_events"("actor_id", "created_at" DESC);
CREATE INDEX "audit_events_target_type_target_id_idx" ON "audit_events"("target_type", "target_id");

ALTER TABLE "articles" ADD CONSTRAINT "articles_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "sources"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "article_duplicates" ADD CONSTRAINT "article_duplicates_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "article_duplicates" ADD CONSTRAINT "article_duplicates_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "sources"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "themes" ADD CONSTRAINT "themes_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "themes"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "theme_rules" ADD CONSTRAINT "theme_rules_theme_id_fkey" FOREIGN KEY ("theme_id") REFERENCES "themes"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "theme_rules" ADD CONSTRAINT "theme_rules_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "article_themes" ADD CONSTRAINT "article_themes_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "article_themes" ADD CONSTRAINT "article_themes_theme_id_fkey" FOREIGN KEY ("theme_id") REFERENCES "themes"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "article_themes" ADD CONSTRAINT "article_themes_rule_id_fkey" FOREIGN KEY ("rule_id") REFERENCES "theme_rules"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "article_themes" ADD CONSTRAINT "article_themes_assigned_by_id_fkey" FOREIGN KEY ("assigned_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "tags" ADD CONSTRAINT "tags_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "article_tags" ADD CONSTRAINT "article_tags_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "article_tags" ADD CONSTRAINT "article_tags_tag_id_fkey" FOREIGN KEY ("tag_id") REFERENCES "tags"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "article_tags" ADD CONSTRAINT "article_tags_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "annotations" ADD CONSTRAINT "annotations_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "annotations" ADD CONSTRAINT "annotations_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "saved_views" ADD CONSTRAINT "saved_views_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ingest_runs" ADD CONSTRAINT "ingest_runs_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "sources"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "ingest_runs" ADD CONSTRAINT "ingest_runs_triggered_by_id_fkey" FOREIGN KEY ("triggered_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "ingest_errors" ADD CONSTRAINT "ingest_errors_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "ingest_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
