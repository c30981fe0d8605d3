import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { defineRoute } from "@/lib/api/define-route";
import { db } from "@/lib/db";
import { createTestToken, createTestUser, deleteTestUsers, randomTag } from "@/test/factories";

// The API's rate limit per token, counted in the real PostgreSQL table, through defineRoute as every
// /api/v1 handler uses it.

const USERS = randomTag("rate-int-");
let tokens: { first: string; second: string };
const saved = {
  API_RATE_LIMIT_REQUESTS: process.env.API_RATE_LIMIT_REQUESTS,
  API_RATE_LIMIT_WINDOW_SECONDS: process.env.API_RATE_LIMIT_WINDOW_SECONDS,
};

const route = defineRoute({ permission: "articles:export", scope: "READ" }, async () => Response.json({ ok: true }));

function call(token: string): Promise<Response> {
  return route(new Request("http://test.local/api/v1/export", { headers: { authorization: `Bearer ${token}` } }));
}

describe("API rate limit per token", () => {
  beforeAll(async () => {
    const owner = await createTestUser(USERS, "reader", { role: "VIEWER" });
    tokens = {
      first: (await createTestToken(owner, "first", "READ")).token,
      second: (await createTestToken(owner, "second", "READ")).token,
    };
  });
  afterEach(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });
  afterAll(async () => {
    await db.apiRateLimit.deleteMany({});
    await deleteTestUsers(USERS);
  });

  it("answers 429 with Retry-After once a token used its requests, and only that token", async () => {
    process.env.API_RATE_LIMIT_REQUESTS = "3";
    process.env.API_RATE_LIMIT_WINDOW_SECONDS = "60";
    const remaining: string[] = [];
    for (let index = 0; index < 3; index++) {
      const response = await call(tokens.first);
      expect(response.status).toBe(200);
      expect(response.headers.get("ratelimit-limit")).toBe("3");
      remaining.push(response.headers.get("ratelimit-remaining")!);
    }
    expect(remaining).toEqual(["2", "1", "0"]);

    const refused = await call(tokens.first);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(((await refused.json()) as { error: string }).error).toMatch(
      /more than 3 requests in 60 s; try again in \d+ s/,
    );

    expect((await call(tokens.second)).status).toBe(200);
    const rows = await db.apiRateLimit.findMany({ where: { key: { startsWith: "token:" } } });
    expect(rows.length).toBeGreaterThanOrEqual(2);
  });

  it("lets the token in again once its window has passed", async () => {
    process.env.API_RATE_LIMIT_REQUESTS = "1";
    process.env.API_RATE_LIMIT_WINDOW_SECONDS = "1";
    await db.apiRateLimit.deleteMany({});
    expect((await call(tokens.second)).status).toBe(200);
    expect((await call(tokens.second)).status).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await call(tokens.second)).status).toBe(200);
  });

  it("does not count unknown tokens against anyone", async () => {
    expect((await call("pw_not-a-real-token")).status).toBe(401);
  });
});
