-- Each article's opening (its stored excerpt) as a search vector, folded as the search folds (search_fold), kept by
-- triggers whatever writes the article.
--
-- Why: "best match" weighs the query's clauses the opening holds, and the list marks the opening as the snippet when
-- it matches. Both parsed every excerpt again at every page: to_tsvector(search_fold(excerpt)) costs ~40 us a row, so
-- 8 ms of the 40 ms a "Kim Jong Un" best-match page took on 1M articles. A table beside articles, not a generated
-- column: adding a column would rewrite the articles table and all its indexes on upgrade (minutes on a million,
-- locked), and widen every heap row the date walks read. Assumed, as in article_counts: article ids never change.

-- CreateTable
CREATE TABLE "article_openings" (
    "article_id" INTEGER NOT NULL,
    "opening" tsvector NOT NULL,

    CONSTRAINT "article_openings_pkey" PRIMARY KEY ("article_id")
);

-- AddForeignKey
ALTER TABLE "article_openings" ADD CONSTRAINT "article_openings_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE FUNCTION "article_opening_vector"("excerpt" text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN to_tsvector('english'::regconfig, "search_fold"(coalesce("excerpt", '')));

-- Statement-level (transition tables): a bulk insert or update is one INSERT here, not one per row. An update only
-- touches the rows whose excerpt changed.
CREATE FUNCTION "article_openings_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "article_openings" ("article_id", "opening")
    SELECT n."id", "article_opening_vector"(n."excerpt") FROM "new_articles" n
    ON CONFLICT ("article_id") DO UPDATE SET "opening" = EXCLUDED."opening";
    RETURN NULL;
END
$$;

CREATE FUNCTION "article_openings_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "article_openings" ("article_id", "opening")
    SELECT n."id", "article_opening_vector"(n."excerpt")
      FROM "new_articles" n JOIN "old_articles" o ON o."id" = n."id"
     WHERE n."excerpt" IS DISTINCT FROM o."excerpt"
    ON CONFLICT ("article_id") DO UPDATE SET "opening" = EXCLUDED."opening";
    RETURN NULL;
END
$$;

CREATE TRIGGER "article_openings_insert" AFTER INSERT ON "articles"
    REFERENCING NEW TABLE AS "new_articles"
    FOR EACH STATEMENT EXECUTE FUNCTION "article_openings_inserted"();

CREATE TRIGGER "article_openings_update" AFTER UPDATE ON "articles"
    REFERENCING OLD TABLE AS "old_articles" NEW TABLE AS "new_articles"
    FOR EACH STATEMENT EXECUTE FUNCTION "article_openings_updated"();

-- The articles there are.
INSERT INTO "article_openings" ("article_id", "opening")
SELECT "id", "article_opening_vector"("excerpt") FROM "articles";
