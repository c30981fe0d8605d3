-- The full-text index holds, besides each article's search vector, a lexeme for its year ('~y2017') and one of 16
-- hash buckets of its id ('~s0' to '~s15'). No search can produce them (the text parser never keeps a '~').
--
-- Why: a sparse phrase search (a name in ten spellings, a Korean word) finds thousands of articles holding its words
-- over thirty years, and every one had to be read from the heap to be dated before the newest page could be picked
-- (4,400 heap rows for Kim Jae-ryong at 1M articles). Asking the index for the words AND the newest year's lexeme
-- cuts that to the year's matches inside the index (lib/search/year-windows.ts), and any date-bounded search gets
-- the same cut. The hash lexemes let a chart sample a phrase search inside the index too (article-timeline.ts).
--
-- It replaces the plain GIN index on "search": one index to keep at ingest, not two. Queries must spell the indexed
-- expression exactly (INDEXED_SEARCH in lib/search/article-sql.ts).
CREATE FUNCTION "article_search_key"("search" tsvector, "published_at" timestamptz, "id" integer) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN "search" || array_to_tsvector(ARRAY[
        '~y' || date_part('year', "published_at" AT TIME ZONE 'UTC')::int::text,
        '~s' || (hashint4("id") & 15)::text
    ]);

CREATE INDEX "articles_search_key_idx" ON "articles" USING GIN ("article_search_key"("search", "published_at", "id"));

DROP INDEX "articles_search_idx";

-- The words of a folded text ANDed, as plainto_tsquery makes them, less the `common` ones while another is left: what
-- a phrase search asks the index before checking the phrase itself (looseTsquerySql). "Kim" is in half of KCNA's
-- articles, and reading its postings was most of the index's time for every name of a Kim; "Jae & Ryong" finds a few
-- more candidates, which the phrase check then leaves out. The caller names the common words (lib/search/common-words.ts,
-- from ANALYZE's statistics).
CREATE FUNCTION "search_loose_words"("folded" text, "common" text[]) RETURNS tsquery
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    WITH words AS (
        SELECT w.lexeme, coalesce(w.lexeme = ANY("common"), false) AS common
        FROM unnest(to_tsvector('english', "folded")) AS w
    )
    SELECT coalesce(string_agg(quote_literal(lexeme), ' & ' ORDER BY lexeme)::tsquery, plainto_tsquery('english', "folded"))
    FROM words
    WHERE NOT common OR NOT EXISTS (SELECT 1 FROM words WHERE NOT common)
$$;
