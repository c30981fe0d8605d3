-- Requests per API token in the current window, in the layout rate-limiter-flexible's PostgreSQL store reads
-- and writes (lib/data/rate-limit.ts); created here so the library never runs DDL at request time.

-- CreateTable
CREATE TABLE "api_rate_limits" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "api_rate_limits_pkey" PRIMARY KEY ("key")
);
