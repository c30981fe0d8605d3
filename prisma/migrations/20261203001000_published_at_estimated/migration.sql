-- An item whose source gives no usable date is stored with the time it was first seen, and marked here so
-- the desk can say so and analysts can leave such items out.
ALTER TABLE "articles" ADD COLUMN "published_at_estimated" BOOLEAN NOT NULL DEFAULT false;
