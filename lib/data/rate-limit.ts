import "server-only";
import pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { env } from "@/lib/env";

// Requests per API token, counted in PostgreSQL (rate-limiter-flexible's Postgres store) so every web server
// process shares one count per token. The table is ours (prisma/migrations/..._api_rate_limits), in the layout
// the library expects; the library's own CREATE TABLE and hourly clean-up timer are off. A token has one row,
// whose window restarts when it expires, so the table never grows past the number of tokens.

export type RateVerdict =
  | { allowed: true; limit: number; remaining: number; resetSeconds: number }
  | { allowed: false; limit: number; retryAfterSeconds: number };

type Limiter = { key: string; limiter: RateLimiterPostgres; pool: pg.Pool };
let current: Limiter | undefined;

function apiLimiter(): Limiter {
  const { DATABASE_URL, API_RATE_LIMIT_REQUESTS: points, API_RATE_LIMIT_WINDOW_SECONDS: duration } = env();
  if (!DATABASE_URL) throw new Error("DATABASE_URL is not set.");
  const key = `${DATABASE_URL} ${points} ${duration}`;
  if (current?.key === key) return current;
  void current?.pool.end();
  // Two connections: a count is one short upsert.
  const pool = new pg.Pool({
    connectionString: DATABASE_URL,
    max: 2,
    idleTimeoutMillis: 30_000,
    allowExitOnIdle: true,
  });
  // An idle connection that the server closes (a restart, a failover) is reported here; unheard, it would end
  // the process. The next count opens a new connection, and a count that fails answers 503 like any query.
  pool.on("error", () => undefined);
  const limiter = new RateLimiterPostgres({
    storeClient: pool,
    storeType: "pool",
    tableName: "api_rate_limits",
    tableCreated: true,
    clearExpiredByTimeout: false,
    keyPrefix: "token",
    points,
    duration,
  });
  current = { key, limiter, pool };
  return current;
}

/** Counts one request of the token; refused once the token has used its requests for the window. */
export async function consumeApiRequest(tokenId: number): Promise<RateVerdict> {
  const { limiter } = apiLimiter();
  try {
    const result = await limiter.consume(String(tokenId));
    return {
      allowed: true,
      limit: limiter.points,
      remaining: result.remainingPoints,
      resetSeconds: Math.ceil(result.msBeforeNext / 1000),
    };
  } catch (rejection) {
    // The library rejects with its result when over the limit, and with an Error when the store fails.
    if (rejection instanceof RateLimiterRes) {
      return {
        allowed: false,
        limit: limiter.points,
        retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)),
      };
    }
    throw rejection;
  }
}
