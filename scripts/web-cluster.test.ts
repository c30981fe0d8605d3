import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { freePort } from "./bench/bench-server";
// @ts-expect-error plain JavaScript, no declarations: the Docker image runs it without tsx.
import { workerCount } from "./web-cluster.mjs";

const CLUSTER = path.resolve("scripts", "web-cluster.mjs");
let dir: string;
// Primaries still running when a test fails part-way: stopped after all, so none outlives the run.
const started: ChildProcess[] = [];

// A stand-in for the web server: answers every request with its own pid, on the port it is given.
const SERVER = `
  const http = require("node:http");
  http.createServer((req, res) => res.end(String(process.pid))).listen(Number(process.argv[2]), "127.0.0.1");`;
const FAILING = `process.exit(7)`;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "presswatch-cluster-"));
  await writeFile(path.join(dir, "server.cjs"), SERVER);
  await writeFile(path.join(dir, "failing.cjs"), FAILING);
});
afterAll(async () => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  await rm(dir, { recursive: true, force: true });
});

function startCluster(script: string, args: string[], workers: string): ChildProcess {
  const child = spawn(process.execPath, [CLUSTER, path.join(dir, script), ...args], {
    env: { ...process.env, WEB_CONCURRENCY: workers },
    stdio: "ignore",
  });
  started.push(child);
  return child;
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

/** A fresh connection each time (no keep-alive), so that the cluster may hand it to either worker. */
const askPid = (port: number) =>
  new Promise<number>((resolve) => {
    http
      .get({ host: "127.0.0.1", port, path: "/", agent: false }, (response) => {
        let body = "";
        response.on("data", (chunk: Buffer) => (body += chunk));
        response.on("end", () => resolve(Number(body)));
      })
      .on("error", () => resolve(0))
      // A connection handed to the worker in the instant it was killed gets no answer: ask again.
      .setTimeout(1_000, function (this: http.ClientRequest) {
        this.destroy();
      });
  });

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

it("reads WEB_CONCURRENCY, else one worker per core", () => {
  expect(workerCount("3")).toBe(3);
  expect(workerCount(undefined)).toBeGreaterThanOrEqual(1);
  expect(workerCount("0")).toBe(workerCount(undefined));
  expect(workerCount("two")).toBe(workerCount(undefined));
});

it("serves one port from every worker, restarts one that dies, and stops them all on SIGTERM", async () => {
  const port = await freePort();
  const primary = startCluster("server.cjs", [String(port)], "2");
  const pidsSeen = new Set<number>();
  // Connections go to the workers in turn: both answer within a few requests.
  await expect
    .poll(
      async () => {
        const pid = await askPid(port);
        if (pid) pidsSeen.add(pid);
        return pidsSeen.size;
      },
      { timeout: 10_000 },
    )
    .toBe(2);
  const [first] = pidsSeen;
  process.kill(first, "SIGKILL");
  // Another worker takes the dead one's place.
  await expect
    .poll(
      async () => {
        const pid = await askPid(port);
        if (pid) pidsSeen.add(pid);
        return pidsSeen.size;
      },
      { timeout: 10_000 },
    )
    .toBe(3);
  const exit = exited(primary);
  primary.kill("SIGTERM");
  expect(await exit).toBe(0);
  for (const pid of pidsSeen) expect(isAlive(pid)).toBe(false);
}, 30_000);

it("stops with the worker's exit code when a worker fails before it ever listened", async () => {
  const primary = startCluster("failing.cjs", [], "2");
  expect(await exited(primary)).toBe(7);
}, 15_000);
