-- A re-application of one theme's rules over every article, worked in article-id batches by the worker.
-- "last_article_id" is the end of the last finished batch: a job that crashed resumes after it.
CREATE TABLE "theme_reruns" (
    "id" SERIAL NOT NULL,
    "theme_id" INTEGER NOT NULL,
    "total" INTEGER NOT NULL DEFAULT 0,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "last_article_id" INTEGER NOT NULL DEFAULT 0,
    "added" INTEGER NOT NULL DEFAULT 0,
    "removed" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "theme_reruns_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "theme_reruns_theme_id_created_at_idx" ON "theme_reruns"("theme_id", "created_at" DESC);

ALTER TABLE "theme_reruns" ADD CONSTRAINT "theme_reruns_theme_id_fkey" FOREIGN KEY ("theme_id") REFERENCES "themes"("id") ON DELETE CASCADE ON UPDATE CASCADE;
