import { afterEach, describe, expect, it } from "vitest";
import { env, EnvError } from "@/lib/env";

const saved = { ...process.env };
afterEach(() => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
});

describe("env()", () => {
  it("gives defaults, coerces numbers and treats empty strings as unset", () => {
    process.env.DATABASE_POOL_SIZE = "";
    process.env.PORT = "4000";
    delete process.env.EMBEDDED_PG_PORT;
    expect(env()).toMatchObject({ DATABASE_POOL_SIZE: 10, PORT: 4000, EMBEDDED_PG_PORT: 54329 });
  });

  it("reads the settings again when a variable changes, and only then", () => {
    process.env.PORT = "4001";
    const first = env();
    expect(env()).toBe(first);
    process.env.PORT = "4002";
    expect(env().PORT).toBe(4002);
    delete process.env.PORT;
    expect(env().PORT).toBe(3000);
    process.env.DATABASE_POOL_SIZE = "lots";
    expect(() => env()).toThrow(EnvError);
  });

  it("refuses a bad value, naming the variable", () => {
    process.env.DATABASE_POOL_SIZE = "lots";
    process.env.DATABASE_URL = "mysql://nope";
    expect(() => env()).toThrow(EnvError);
    expect(() => env()).toThrow(/DATABASE_URL: must be a postgresql:\/\/ URL/);
    expect(() => env()).toThrow(/DATABASE_POOL_SIZE: must be a whole number/);
  });
});
