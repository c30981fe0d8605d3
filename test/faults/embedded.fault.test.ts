import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { portAnswers } from "@/lib/db/embedded";
import { freePort, runScript, waitFor, type Command } from "./support";

// The embedded PostgreSQL shared by several commands, as on a laptop running `npm start` while an import or
// a benchmark runs: whichever starts it, no command takes it away from another, neither by ending nor by
// being killed; the last one out stops it, and `npm run db:stop` stops it whoever holds it.

let root: string;
let env: Record<string, string>;
let port: number;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "presswatch-faults-embedded-"));
  await chmod(root, 0o755);
  port = await freePort();
  env = { EMBEDDED_PG_DIR: path.join(root, "data"), EMBEDDED_PG_PORT: String(port), DATABASE_URL: "" };
});

afterAll(async () => {
  const stop = runScript(path.join("scripts", "db-stop.ts"), [], env);
  await stop.exited;
  await rm(root, { recursive: true, force: true });
});

const script = path.join("test", "faults", "hold-embedded.ts");

async function holder(): Promise<Command> {
  const command = runScript(script, [], env);
  await waitFor("the command to hold the database", async () => command.output().includes("ready"), {
    timeoutMs: 60_000,
  });
  return command;
}

async function once(): Promise<void> {
  const command = runScript(script, ["--once"], env);
  expect((await command.exited).code, command.output()).toBe(0);
}

it("no command takes the embedded database from another; the last one out stops it", async () => {
  const first = await holder();
  const second = await holder();
  // The second ends normally while the first still uses it: it keeps running.
  second.child.kill("SIGTERM");
  expect((await second.exited).code).toBe(0);
  expect(await portAnswers(port)).toBe(true);

  // A third is killed outright, and the first (which started it) too: nobody stops it.
  const third = await holder();
  third.child.kill("SIGKILL");
  await third.exited;
  first.child.kill("SIGKILL");
  await first.exited;
  expect(await portAnswers(port)).toBe(true);

  // A command that uses it and ends is now the last one out: it stops it.
  await once();
  await waitFor("the server to stop", async () => !(await portAnswers(port)));

  // And db:stop stops it while a command still holds it.
  const holding = await holder();
  const stop = runScript(path.join("scripts", "db-stop.ts"), [], env);
  expect((await stop.exited).code).toBe(0);
  expect(stop.output()).toMatch(/Still in use by:\n {2}\d+: .*hold-embedded\.ts/);
  expect(stop.output()).toContain("Stopped the embedded PostgreSQL");
  expect(await portAnswers(port)).toBe(false);
  holding.child.kill("SIGKILL");
  await holding.exited;
});
