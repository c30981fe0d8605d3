import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { superviseChildren, type Command, type ExitReport } from "./children";

const node = (script: string): Command => ({ command: process.execPath, args: ["-e", script] });
const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

it("reports a child that exits on its own, and run() rejects on a failing command", async () => {
  const reports: ExitReport[] = [];
  const children = superviseChildren((report) => reports.push(report));
  children.start("quitter", node("process.exit(3)"), process.env);
  await expect(children.run("build", node("process.exit(2)"), process.env)).rejects.toThrow(
    "build failed (exit code 2)",
  );
  await expect(children.run("build", node(""), process.env)).resolves.toBeUndefined();
  await expect.poll(() => reports).toEqual([{ name: "quitter", code: 3, signal: null }]);
});

it("stops children with SIGTERM, kills one that ignores it, and reports neither as unexpected", async () => {
  const reports: ExitReport[] = [];
  const children = superviseChildren((report) => reports.push(report));
  const dir = await mkdtemp(path.join(tmpdir(), "presswatch-children-"));
  const pidFile = path.join(dir, "stubborn.pid");
  children.start("polite", node("setInterval(() => {}, 1000)"), process.env);
  children.start(
    "stubborn",
    node(
      `process.on('SIGTERM', () => {}); require('fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setInterval(() => {}, 1000)`,
    ),
    process.env,
  );
  // Once the pid is written, the SIGTERM handler is in place.
  await expect.poll(() => readFile(pidFile, "utf8").catch(() => "")).not.toBe("");
  const pid = Number(await readFile(pidFile, "utf8"));
  expect(isAlive(pid)).toBe(true);
  const started = performance.now();
  await children.stopAll(500);
  expect(performance.now() - started).toBeGreaterThanOrEqual(450);
  expect(isAlive(pid)).toBe(false);
  expect(reports).toEqual([]);
  await rm(dir, { recursive: true, force: true });
});

it("reports a command that cannot be spawned", async () => {
  const reports: ExitReport[] = [];
  const children = superviseChildren((report) => reports.push(report));
  children.start("ghost", { command: "/nonexistent/presswatch-binary", args: [] }, process.env);
  await expect.poll(() => reports).toEqual([{ name: "ghost", code: null, signal: null }]);
});

it("restarts a child with a restart policy, backing off while it keeps failing, and stops restarting on stopAll", async () => {
  const reports: ExitReport[] = [];
  const children = superviseChildren((report) => reports.push(report));
  const dir = await mkdtemp(path.join(tmpdir(), "presswatch-children-"));
  const starts = path.join(dir, "starts");
  children.start(
    "crasher",
    node(`require('fs').appendFileSync(${JSON.stringify(starts)}, 'x'); process.exit(1)`),
    process.env,
    { restart: { initialMs: 50, maxMs: 200, stableMs: 60_000 } },
  );
  await expect.poll(() => reports.length, { timeout: 5_000 }).toBeGreaterThanOrEqual(4);
  await children.stopAll(500);
  const startsAtStop = (await readFile(starts, "utf8")).length;
  expect(reports.slice(0, 4).map((report) => report.restartInMs)).toEqual([50, 100, 200, 200]);
  expect(reports.every((report) => report.name === "crasher" && report.code === 1)).toBe(true);
  await new Promise((resolve) => setTimeout(resolve, 400));
  expect((await readFile(starts, "utf8")).length).toBe(startsAtStop);
  await rm(dir, { recursive: true, force: true });
});
