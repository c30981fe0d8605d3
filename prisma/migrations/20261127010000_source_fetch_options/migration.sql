-- Feed sources: whether to fetch each item's page for its full text, and a lease held while a poll runs,
-- so two workers (or a "Poll now" during a scheduled poll) never poll the same source at once.
ALTER TABLE "sources" ADD COLUMN "fetch_full_text" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "sources" ADD COLUMN "polling_since" TIMESTAMPTZ(3);
