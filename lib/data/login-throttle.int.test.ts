import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import {
  ACCOUNT_LIMIT,
  ADDRESS_LIMIT,
  checkLoginThrottle,
  recordLoginAttempt,
  WINDOW_MS,
} from "@/lib/data/login-throttle";

describe("login throttling", () => {
  beforeEach(async () => {
    await db.loginAttempt.deleteMany();
  });
  afterAll(async () => {
    await db.loginAttempt.deleteMany();
  });

  it("allows an account until it reaches the failure limit, then says how long to wait", async () => {
    for (let i = 0; i < ACCOUNT_LIMIT - 1; i++) await recordLoginAttempt("a@example.com", "10.0.0.1", false);
    expect(await checkLoginThrottle("a@example.com", "10.0.0.9")).toEqual({ allowed: true });

    await recordLoginAttempt("a@example.com", "10.0.0.2", false);
    const verdict = await checkLoginThrottle("a@example.com", "10.0.0.9");
    expect(verdict.allowed).toBe(false);
    if (!verdict.allowed) {
      expect(verdict.retryAfterSeconds).toBeGreaterThan(WINDOW_MS / 1000 - 60);
      expect(verdict.retryAfterSeconds).toBeLessThanOrEqual(WINDOW_MS / 1000);
    }
    // Another account from the same address is not locked by it.
    expect(await checkLoginThrottle("b@example.com", "10.0.0.1")).toEqual({ allowed: true });
  });

  it("forgets failures once the window has passed", async () => {
    for (let i = 0; i < ACCOUNT_LIMIT; i++) await recordLoginAttempt("a@example.com", "10.0.0.1", false);
    const later = new Date(Date.now() + WINDOW_MS + 1000);
    expect(await checkLoginThrottle("a@example.com", "10.0.0.1", later)).toEqual({ allowed: true });
  });

  it("a successful sign-in clears the account's earlier failures", async () => {
    for (let i = 0; i < ACCOUNT_LIMIT - 1; i++) await recordLoginAttempt("a@example.com", "10.0.0.1", false);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await recordLoginAttempt("a@example.com", "10.0.0.1", true);
    await recordLoginAttempt("a@example.com", "10.0.0.1", false);
    expect(await checkLoginThrottle("a@example.com", "10.0.0.1")).toEqual({ allowed: true });
  });

  it("limits one address guessing across many accounts", async () => {
    for (let i = 0; i < ADDRESS_LIMIT; i++) await recordLoginAttempt(`user${i}@example.com`, "192.0.2.7", false);
    const verdict = await checkLoginThrottle("fresh@example.com", "192.0.2.7");
    expect(verdict.allowed).toBe(false);
    expect(await checkLoginThrottle("fresh@example.com", "192.0.2.8")).toEqual({ allowed: true });
  });
});
