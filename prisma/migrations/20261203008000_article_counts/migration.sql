-- Article counts per UTC day, month and year, for the desk's facets and timeline (issues 11 and 14): counting a broad
-- filter's articles row by row costs 100-260 ms on a million; these answer it exactly in a few.
--
-- Only complete articles count (the desk hides teasers), and only live theme links (an exclusion is a decision that
-- the theme does not apply). A row counts the articles with item `item_id` among those with `within_id`:
--   ALL           within 0, item 0         every article
--   SOURCE, THEME, TAG                     within 0, item the source, theme or tag
--   SOURCE_THEME  within a source, item a theme; THEME_SOURCE the other way round; likewise SOURCE_TAG,
--   TAG_SOURCE, THEME_TAG and TAG_THEME    (a facet under one filter, and the filter's own total)
-- Each count exists at three grains (DAY, MONTH and YEAR, `start` being the period's first day), so a range is read as
-- whole years, whole months and the days at its ends.
--
-- Triggers keep them exact whatever writes (ingest, re-runs, bulk tagging, a test's factory, psql): they append signed
-- changes to article_count_changes, never update a count in place, so concurrent writers never wait for each other on
-- a hot row (today's total) nor deadlock over two. article_counts_settle() folds the changes into article_counts (the
-- worker calls it every 30 s); a reader sums both, which is exact at any moment.
--
-- Statement-level triggers (transition tables) handle a chunk in one statement. A link trigger locks the links'
-- articles (FOR NO KEY UPDATE, in id order) before reading them: a concurrent change to the same article (its text
-- completing, another of its links) then waits, and reads the other's committed result, so neither counts from a
-- stale view. Assumed, as everywhere in the app: article ids never change, and one statement writes one of articles,
-- article_themes and article_tags (a data-modifying CTE writing two would count their pairs twice).

-- CreateEnum
CREATE TYPE "ArticleCountKind" AS ENUM ('ALL', 'SOURCE', 'THEME', 'TAG', 'SOURCE_THEME', 'SOURCE_TAG', 'THEME_SOURCE', 'THEME_TAG', 'TAG_SOURCE', 'TAG_THEME');

-- CreateEnum
CREATE TYPE "ArticleCountGrain" AS ENUM ('DAY', 'MONTH', 'YEAR');

-- CreateTable
CREATE TABLE "article_counts" (
    "kind" "ArticleCountKind" NOT NULL,
    "within_id" INTEGER NOT NULL,
    "grain" "ArticleCountGrain" NOT NULL,
    "start" DATE NOT NULL,
    "item_id" INTEGER NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "article_counts_pkey" PRIMARY KEY ("kind","within_id","grain","start","item_id")
);

-- CreateTable
CREATE TABLE "article_count_changes" (
    "id" BIGSERIAL NOT NULL,
    "kind" "ArticleCountKind" NOT NULL,
    "within_id" INTEGER NOT NULL,
    "grain" "ArticleCountGrain" NOT NULL,
    "start" DATE NOT NULL,
    "item_id" INTEGER NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "article_count_changes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "article_count_changes_kind_within_id_grain_start_idx" ON "article_count_changes"("kind", "within_id", "grain", "start");

CREATE FUNCTION "article_count_start"(grain "ArticleCountGrain", day date) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE grain WHEN 'DAY' THEN day
                      WHEN 'MONTH' THEN date_trunc('month', day::timestamp)::date
                      ELSE date_trunc('year', day::timestamp)::date END
$$;

-- Signed counts per day, appended at every grain.
CREATE FUNCTION "article_counts_record"(kinds "ArticleCountKind"[], within_ids int[], item_ids int[], days date[], ns int[])
RETURNS void LANGUAGE sql AS $$
    INSERT INTO "article_count_changes" ("kind", "within_id", "grain", "start", "item_id", "n")
    SELECT c.kind, c.within_id, g.grain, "article_count_start"(g.grain, c.day), c.item_id, sum(c.n)::int
      FROM unnest(kinds, within_ids, item_ids, days, ns) AS c(kind, within_id, item_id, day, n)
     CROSS JOIN unnest(enum_range(NULL::"ArticleCountGrain")) AS g(grain)
     GROUP BY 1, 2, 3, 4, 5
    HAVING sum(c.n) <> 0
$$;

-- Articles entering (sign 1) or leaving (-1) the counts: every count they are in, with the live themes and tags they
-- have now (`with_links` false for articles just inserted, which have none yet).
CREATE FUNCTION "article_counts_add_articles"(ids int[], source_ids int[], days date[], signs int[], with_links boolean)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM "article_counts_record"(array_agg(d.kind), array_agg(d.within_id), array_agg(d.item_id), array_agg(d.day), array_agg(d.n))
      FROM (
        WITH x AS MATERIALIZED (
            SELECT * FROM unnest(ids, source_ids, days, signs) WITH ORDINALITY AS x(id, source_id, day, sign, k) WHERE x.sign <> 0
        ), th AS MATERIALIZED (
            SELECT x.k, x.source_id, x.day, x.sign, l."theme_id"
              FROM x JOIN "article_themes" l ON l."article_id" = x.id AND NOT l."excluded" WHERE with_links
        ), tg AS MATERIALIZED (
            SELECT x.k, x.source_id, x.day, x.sign, t."tag_id"
              FROM x JOIN "article_tags" t ON t."article_id" = x.id WHERE with_links
        ), cells (kind, within_id, item_id, day, n) AS (
            SELECT 'ALL'::"ArticleCountKind", 0, 0, day, sign FROM x
            UNION ALL SELECT 'SOURCE', 0, source_id, day, sign FROM x
            UNION ALL SELECT 'THEME', 0, theme_id, day, sign FROM th
            UNION ALL SELECT 'SOURCE_THEME', source_id, theme_id, day, sign FROM th
            UNION ALL SELECT 'THEME_SOURCE', theme_id, source_id, day, sign FROM th
            UNION ALL SELECT 'TAG', 0, tag_id, day, sign FROM tg
            UNION ALL SELECT 'SOURCE_TAG', source_id, tag_id, day, sign FROM tg
            UNION ALL SELECT 'TAG_SOURCE', tag_id, source_id, day, sign FROM tg
            UNION ALL SELECT 'TAG_THEME', tg.tag_id, th.theme_id, tg.day, tg.sign FROM tg JOIN th USING (k)
            UNION ALL SELECT 'THEME_TAG', th.theme_id, tg.tag_id, tg.day, tg.sign FROM tg JOIN th USING (k)
        )
        SELECT kind, within_id, item_id, day, sum(n)::int AS n FROM cells GROUP BY 1, 2, 3, 4
      ) d;
END
$$;

-- Theme links appearing (1) or going (-1), on complete articles.
CREATE FUNCTION "article_counts_add_theme_links"(article_ids int[], theme_ids int[], signs int[])
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM "articles" WHERE "id" = ANY(article_ids) ORDER BY "id" FOR NO KEY UPDATE;
    PERFORM "article_counts_record"(array_agg(d.kind), array_agg(d.within_id), array_agg(d.item_id), array_agg(d.day), array_agg(d.n))
      FROM (
        WITH th AS MATERIALIZED (
            SELECT a."id", a."source_id", (a."published_at" AT TIME ZONE 'UTC')::date AS day, l.theme_id, l.sign
              FROM unnest(article_ids, theme_ids, signs) AS l(article_id, theme_id, sign)
              JOIN "articles" a ON a."id" = l.article_id AND a."complete"
        ), cells (kind, within_id, item_id, day, n) AS (
            SELECT 'THEME'::"ArticleCountKind", 0, theme_id, day, sign FROM th
            UNION ALL SELECT 'SOURCE_THEME', source_id, theme_id, day, sign FROM th
            UNION ALL SELECT 'THEME_SOURCE', theme_id, source_id, day, sign FROM th
            UNION ALL SELECT 'TAG_THEME', t."tag_id", th.theme_id, th.day, th.sign FROM th JOIN "article_tags" t ON t."article_id" = th.id
            UNION ALL SELECT 'THEME_TAG', th.theme_id, t."tag_id", th.day, th.sign FROM th JOIN "article_tags" t ON t."article_id" = th.id
        )
        SELECT kind, within_id, item_id, day, sum(n)::int AS n FROM cells GROUP BY 1, 2, 3, 4
      ) d;
END
$$;

-- Tag links appearing (1) or going (-1), on complete articles.
CREATE FUNCTION "article_counts_add_tag_links"(article_ids int[], tag_ids int[], signs int[])
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM "articles" WHERE "id" = ANY(article_ids) ORDER BY "id" FOR NO KEY UPDATE;
    PERFORM "article_counts_record"(array_agg(d.kind), array_agg(d.within_id), array_agg(d.item_id), array_agg(d.day), array_agg(d.n))
      FROM (
        WITH tg AS MATERIALIZED (
            SELECT a."id", a."source_id", (a."published_at" AT TIME ZONE 'UTC')::date AS day, l.tag_id, l.sign
              FROM unnest(article_ids, tag_ids, signs) AS l(article_id, tag_id, sign)
              JOIN "articles" a ON a."id" = l.article_id AND a."complete"
        ), cells (kind, within_id, item_id, day, n) AS (
            SELECT 'TAG'::"ArticleCountKind", 0, tag_id, day, sign FROM tg
            UNION ALL SELECT 'SOURCE_TAG', source_id, tag_id, day, sign FROM tg
            UNION ALL SELECT 'TAG_SOURCE', tag_id, source_id, day, sign FROM tg
            UNION ALL SELECT 'TAG_THEME', tg.tag_id, l."theme_id", tg.day, tg.sign
                        FROM tg JOIN "article_themes" l ON l."article_id" = tg.id AND NOT l."excluded"
            UNION ALL SELECT 'THEME_TAG', l."theme_id", tg.tag_id, tg.day, tg.sign
                        FROM tg JOIN "article_themes" l ON l."article_id" = tg.id AND NOT l."excluded"
        )
        SELECT kind, within_id, item_id, day, sum(n)::int AS n FROM cells GROUP BY 1, 2, 3, 4
      ) d;
END
$$;

CREATE FUNCTION "article_counts_articles_inserted"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM "article_counts_add_articles"(array_agg(n."id"), array_agg(n."source_id"),
                                          array_agg((n."published_at" AT TIME ZONE 'UTC')::date), array_agg(1), false)
       FROM inserted n WHERE n."complete" HAVING count(*) > 0;
    RETURN NULL;
END
$$;

CREATE TRIGGER "articles_counts_inserted" AFTER INSERT ON "articles"
REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION "article_counts_articles_inserted"();

-- A row trigger: updates of other columns (text, review status, re-check times) are the common case, and a row
-- trigger's column list and WHEN skip them for nothing; transition tables would copy every updated row.
CREATE FUNCTION "article_counts_article_changed"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM "article_counts_add_articles"(
        ARRAY[OLD."id", NEW."id"], ARRAY[OLD."source_id", NEW."source_id"],
        ARRAY[(OLD."published_at" AT TIME ZONE 'UTC')::date, (NEW."published_at" AT TIME ZONE 'UTC')::date],
        ARRAY[CASE WHEN OLD."complete" THEN -1 ELSE 0 END, CASE WHEN NEW."complete" THEN 1 ELSE 0 END], true);
    RETURN NULL;
END
$$;

CREATE TRIGGER "articles_counts_changed" AFTER UPDATE OF "published_at", "complete", "source_id" ON "articles"
FOR EACH ROW WHEN (OLD."complete" IS DISTINCT FROM NEW."complete"
                   OR (NEW."complete" AND (OLD."source_id" <> NEW."source_id"
                       OR (OLD."published_at" AT TIME ZONE 'UTC')::date <> (NEW."published_at" AT TIME ZONE 'UTC')::date)))
EXECUTE FUNCTION "article_counts_article_changed"();

-- Before the row goes: its links are still there to say which counts it leaves. The links' own delete triggers,
-- run by the cascade, no longer find the article and count nothing.
CREATE FUNCTION "article_counts_article_deleted"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM "article_counts_add_articles"(ARRAY[OLD."id"], ARRAY[OLD."source_id"],
                                          ARRAY[(OLD."published_at" AT TIME ZONE 'UTC')::date], ARRAY[-1], true);
    RETURN OLD;
END
$$;

CREATE TRIGGER "articles_counts_deleted" BEFORE DELETE ON "articles"
FOR EACH ROW WHEN (OLD."complete") EXECUTE FUNCTION "article_counts_article_deleted"();

-- A link rewritten as it was (a re-run refreshing its matched words) cancels out before anything is read, and a
-- statement that wrote no link (the ingest's clean-up of stale rule links, mostly) calls nothing.
CREATE FUNCTION "article_counts_theme_links_changed"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM "article_counts_add_theme_links"(array_agg(l."article_id"), array_agg(l."theme_id"), array_agg(1))
           FROM new_links l WHERE NOT l."excluded" HAVING count(*) > 0;
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM "article_counts_add_theme_links"(array_agg(l."article_id"), array_agg(l."theme_id"), array_agg(-1))
           FROM old_links l WHERE NOT l."excluded" HAVING count(*) > 0;
    ELSE
        PERFORM "article_counts_add_theme_links"(array_agg(c.article_id), array_agg(c.theme_id), array_agg(c.sign))
           FROM (SELECT l.article_id, l.theme_id, sum(l.sign)::int AS sign
                   FROM (SELECT "article_id", "theme_id", 1 AS sign FROM new_links WHERE NOT "excluded"
                         UNION ALL
                         SELECT "article_id", "theme_id", -1 FROM old_links WHERE NOT "excluded") l
                  GROUP BY 1, 2 HAVING sum(l.sign) <> 0) c
         HAVING count(*) > 0;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER "article_themes_counts_inserted" AFTER INSERT ON "article_themes"
REFERENCING NEW TABLE AS new_links FOR EACH STATEMENT EXECUTE FUNCTION "article_counts_theme_links_changed"();
CREATE TRIGGER "article_themes_counts_updated" AFTER UPDATE ON "article_themes"
REFERENCING OLD TABLE AS old_links NEW TABLE AS new_links FOR EACH STATEMENT EXECUTE FUNCTION "article_counts_theme_links_changed"();
CREATE TRIGGER "article_themes_counts_deleted" AFTER DELETE ON "article_themes"
REFERENCING OLD TABLE AS old_links FOR EACH STATEMENT EXECUTE FUNCTION "article_counts_theme_links_changed"();

CREATE FUNCTION "article_counts_tag_links_changed"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM "article_counts_add_tag_links"(array_agg(l."article_id"), array_agg(l."tag_id"), array_agg(1)) FROM new_links l
         HAVING count(*) > 0;
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM "article_counts_add_tag_links"(array_agg(l."article_id"), array_agg(l."tag_id"), array_agg(-1)) FROM old_links l
         HAVING count(*) > 0;
    ELSE
        PERFORM "article_counts_add_tag_links"(array_agg(c.article_id), array_agg(c.tag_id), array_agg(c.sign))
           FROM (SELECT l.article_id, l.tag_id, sum(l.sign)::int AS sign
                   FROM (SELECT "article_id", "tag_id", 1 AS sign FROM new_links
                         UNION ALL
                         SELECT "article_id", "tag_id", -1 FROM old_links) l
                  GROUP BY 1, 2 HAVING sum(l.sign) <> 0) c
         HAVING count(*) > 0;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER "article_tags_counts_inserted" AFTER INSERT ON "article_tags"
REFERENCING NEW TABLE AS new_links FOR EACH STATEMENT EXECUTE FUNCTION "article_counts_tag_links_changed"();
CREATE TRIGGER "article_tags_counts_updated" AFTER UPDATE ON "article_tags"
REFERENCING OLD TABLE AS old_links NEW TABLE AS new_links FOR EACH STATEMENT EXECUTE FUNCTION "article_counts_tag_links_changed"();
CREATE TRIGGER "article_tags_counts_deleted" AFTER DELETE ON "article_tags"
REFERENCING OLD TABLE AS old_links FOR EACH STATEMENT EXECUTE FUNCTION "article_counts_tag_links_changed"();

-- TRUNCATE fires no delete trigger: the counts it empties go with it.
CREATE FUNCTION "article_counts_truncated"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    kinds "ArticleCountKind"[];
BEGIN
    IF TG_TABLE_NAME = 'articles' THEN
        TRUNCATE "article_counts", "article_count_changes";
    ELSE
        kinds := CASE TG_TABLE_NAME
            WHEN 'article_themes' THEN ARRAY['THEME', 'SOURCE_THEME', 'THEME_SOURCE', 'THEME_TAG', 'TAG_THEME']
            ELSE ARRAY['TAG', 'SOURCE_TAG', 'TAG_SOURCE', 'THEME_TAG', 'TAG_THEME'] END::"ArticleCountKind"[];
        DELETE FROM "article_counts" WHERE "kind" = ANY(kinds);
        DELETE FROM "article_count_changes" WHERE "kind" = ANY(kinds);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER "articles_counts_truncated" AFTER TRUNCATE ON "articles"
FOR EACH STATEMENT EXECUTE FUNCTION "article_counts_truncated"();
CREATE TRIGGER "article_themes_counts_truncated" AFTER TRUNCATE ON "article_themes"
FOR EACH STATEMENT EXECUTE FUNCTION "article_counts_truncated"();
CREATE TRIGGER "article_tags_counts_truncated" AFTER TRUNCATE ON "article_tags"
FOR EACH STATEMENT EXECUTE FUNCTION "article_counts_truncated"();

-- Folds up to `batch` changes into article_counts, oldest first; returns how many it folded (call again while it
-- returns `batch`). One caller at a time (an advisory lock; another returns 0 at once). Readers see the changes
-- either still pending or folded, never both: it is one statement.
CREATE FUNCTION "article_counts_settle"(batch integer DEFAULT 50000) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    folded integer;
    zero_kinds "ArticleCountKind"[];
    zero_within int[];
    zero_grains "ArticleCountGrain"[];
    zero_starts date[];
    zero_items int[];
BEGIN
    IF NOT pg_try_advisory_xact_lock(hashtext('article_counts_settle')) THEN
        RETURN 0;
    END IF;
    WITH moved AS (
        DELETE FROM "article_count_changes"
         WHERE "id" IN (SELECT "id" FROM "article_count_changes" ORDER BY "id" LIMIT batch)
        RETURNING "id", "kind", "within_id", "grain", "start", "item_id", "n"
    ), summed AS (
        SELECT "kind", "within_id", "grain", "start", "item_id", sum("n")::int AS n, count(*)::int AS changes
          FROM moved GROUP BY 1, 2, 3, 4, 5
    ), written AS (
        INSERT INTO "article_counts" AS c ("kind", "within_id", "grain", "start", "item_id", "n")
        SELECT "kind", "within_id", "grain", "start", "item_id", n FROM summed WHERE n <> 0
         ORDER BY 1, 2, 3, 4, 5
        ON CONFLICT ("kind", "within_id", "grain", "start", "item_id") DO UPDATE SET "n" = c."n" + EXCLUDED."n"
        RETURNING c."kind", c."within_id", c."grain", c."start", c."item_id", c."n"
    )
    SELECT (SELECT coalesce(sum(changes), 0)::int FROM summed),
           array_agg("kind"), array_agg("within_id"), array_agg("grain"), array_agg("start"), array_agg("item_id")
      INTO folded, zero_kinds, zero_within, zero_grains, zero_starts, zero_items
      FROM written WHERE "n" = 0;
    DELETE FROM "article_counts" c
     USING unnest(zero_kinds, zero_within, zero_grains, zero_starts, zero_items) AS z(kind, within_id, grain, start, item_id)
     WHERE (c."kind", c."within_id", c."grain", c."start", c."item_id") = (z.kind, z.within_id, z.grain, z.start, z.item_id)
       AND c."n" = 0;
    RETURN folded;
END
$$;

-- A queue: every row is deleted within a minute, so it is vacuumed by the number of dead rows, not by a share of a
-- table that is nearly always empty.
ALTER TABLE "article_count_changes" SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000);

-- Backfill: every complete article enters the counts, 100,000 at a time (the same code the triggers run), then all is
-- folded in one sorted insert, which lays the counts out in key order. The changes table, emptied, drops its dead rows.
-- About 80 s for a million articles on 2 cores.
DO $$
DECLARE
    after_id int := 0;
    last_id int;
BEGIN
    LOOP
        SELECT max(id) INTO last_id FROM (SELECT "id" FROM "articles" WHERE "id" > after_id ORDER BY "id" LIMIT 100000) s;
        EXIT WHEN last_id IS NULL;
        PERFORM "article_counts_add_articles"(array_agg("id"), array_agg("source_id"),
                                              array_agg(("published_at" AT TIME ZONE 'UTC')::date), array_agg(1), true)
           FROM "articles" WHERE "id" > after_id AND "id" <= last_id AND "complete";
        after_id := last_id;
    END LOOP;
    PERFORM "article_counts_settle"(2147483647);
END
$$;

TRUNCATE "article_count_changes";

-- CreateIndex (after the backfill: one sorted build). One item's counts over a range, e.g. a tag per month.
CREATE INDEX "article_counts_kind_within_id_grain_item_id_start_idx" ON "article_counts"("kind", "within_id", "grain", "item_id", "start");

-- The counts are analyzed; the changes are left unknown to the planner (not "empty"), so that it reads them by their
-- index until autovacuum has seen them: a seq scan per probe of a table a re-run filled is slow.
ANALYZE "article_counts";
