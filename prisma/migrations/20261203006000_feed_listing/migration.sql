-- The canonical addresses a feed listed at its last full poll: an item that leaves the listing while older
-- items stay in it was taken down, not rolled off the end (lib/ingest/feed/listing.ts).
ALTER TABLE "sources" ADD COLUMN "listing_urls" TEXT[] DEFAULT ARRAY[]::TEXT[];
