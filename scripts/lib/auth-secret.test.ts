import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { readOrCreateAuthSecret } from "./auth-secret";

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "presswatch-secret-"));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it("creates a 32-byte secret readable by its owner only, and returns the same one afterwards", async () => {
  const file = path.join(dir, ".data", "auth-secret");
  const secret = await readOrCreateAuthSecret(file);
  expect(Buffer.from(secret, "base64url")).toHaveLength(32);
  expect((await stat(file)).mode & 0o777).toBe(0o600);
  expect(await readOrCreateAuthSecret(file)).toBe(secret);
});

it("keeps a secret someone put in the file", async () => {
  const file = path.join(dir, "auth-secret");
  await writeFile(file, "my-own-secret\n");
  expect(await readOrCreateAuthSecret(file)).toBe("my-own-secret");
});

it("replaces an empty file, and two processes starting at once agree", async () => {
  const file = path.join(dir, "auth-secret");
  await writeFile(file, "");
  const replaced = await readOrCreateAuthSecret(file);
  expect(replaced).not.toBe("");
  await rm(file);
  const [a, b] = await Promise.all([readOrCreateAuthSecret(file), readOrCreateAuthSecret(file)]);
  expect(a).toBe(b);
  expect((await readFile(file, "utf8")).trim()).toBe(a);
});
