-- Each person's own read/unread mark, apart from the team's review status: opening an article marks it read
-- for that person only.
CREATE TABLE "article_reads" (
    "user_id" INTEGER NOT NULL,
    "article_id" INTEGER NOT NULL,
    "read_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "article_reads_pkey" PRIMARY KEY ("user_id","article_id")
);

CREATE INDEX "article_reads_article_id_idx" ON "article_reads"("article_id");

ALTER TABLE "article_reads" ADD CONSTRAINT "article_reads_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "article_reads" ADD CONSTRAINT "article_reads_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE CASCADE;
