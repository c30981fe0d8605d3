import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";

// The processes `npm start` and the e2e server run: the web server, the worker, a build. They share our
// process group, so a Ctrl-C in the terminal or a signal to the group reaches them too; a signal to us
// alone is passed on by stopAll().

export type Command = { command: string; args: string[] };

const PEER_ADDRESS_PRELOAD = pathToFileURL(path.resolve("scripts", "peer-address.mjs")).href;

/** `next <args>` run by Node itself: killing an npx or shell wrapper would leave next-server orphaned. */

export function nextCommand(...args: string[]): Command {
  // The preload stamps each request with its socket's address (scripts/peer-address.mjs).
  return {
    command: process.execPath,
    args: ["--import", PEER_ADDRESS_PRELOAD, path.join("node_modules", "next", "dist", "bin", "next"), ...args],
  };
}

/**
 * The production web server: `next start <args>` in WEB_CONCURRENCY worker processes (default: one per core)
 * sharing one port, under scripts/web-cluster.mjs, as the Docker image runs the standalone server. The
 * process started is the cluster's primary; stopping it stops every worker.
 */
export function webServerCommand(...args: string[]): Command {
  const cluster = path.join("scripts", "web-cluster.mjs");
  const next = path.join("node_modules", "next", "dist", "bin", "next");
  // The preload is the primary's Node flag, and cluster workers start with the primary's flags.
  return { command: process.execPath, args: ["--import", PEER_ADDRESS_PRELOAD, cluster, next, "start", ...args] };
}

/** A TypeScript script in one Node process, with tsx as a loader rather than a wrapper process. */
export function tsxCommand(script: string): Command {
  return { command: process.execPath, args: ["--conditions=react-server", "--import", "tsx", script] };
}

export type ExitReport = {
  name: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the child is started again after this many milliseconds. */
  restartInMs?: number;
};

/**
 * Start the child again when it exits unexpectedly, after `initialMs`, doubling up to `maxMs` while it keeps
 * failing; a child that stayed up `stableMs` starts again after `initialMs`.
 */
export type RestartPolicy = { initialMs: number; maxMs: number; stableMs: number };

/** The worker is restarted alone (after 1 s, doubling to a minute while it keeps failing): the desk keeps serving. */
export const WORKER_RESTART: RestartPolicy = { initialMs: 1_000, maxMs: 60_000, stableMs: 60_000 };

export type Children = {
  /**
   * Starts a long-running child; its exit before stopAll() is reported to onUnexpectedExit, and with a
   * restart policy it is started again (the report says when).
   */
  start(name: string, command: Command, env: NodeJS.ProcessEnv, options?: { restart?: RestartPolicy }): void;
  /** Runs a child to completion (a build); rejects when it fails. stopAll() stops it too. */
  run(name: string, command: Command, env: NodeJS.ProcessEnv): Promise<void>;
  /** SIGTERM to every child, SIGKILL to those still running after `graceMs`; resolves when all have exited. */
  stopAll(graceMs?: number): Promise<void>;
  /** The process ids of the children running now (a benchmark reads their CPU time). */
  pids(): number[];
};

/**
 * `output: "stderr"` sends the children's output to our stderr, for a command whose stdout carries data
 * (the benchmark's JSON lines); by default they share our terminal.
 */
export function superviseChildren(
  onUnexpectedExit: (report: ExitReport) => void,
  { output = "inherit" }: { output?: "inherit" | "stderr" } = {},
): Children {
  const stdio: StdioOptions = output === "stderr" ? ["ignore", 2, 2] : "inherit";
  const running = new Map<ChildProcess, Promise<ExitReport>>();
  const restarts = new Set<NodeJS.Timeout>();
  let stopping = false;

  function launch(name: string, { command, args }: Command, env: NodeJS.ProcessEnv): Promise<ExitReport> {
    const child: ChildProcess = spawn(command, args, { env, stdio });
    const exited = new Promise<ExitReport>((resolve) => {
      // A command that cannot be spawned at all emits 'error' and never 'exit'.
      child.once("error", (error) => {
        console.error(`${name}: ${error.message}`);
        resolve({ name, code: null, signal: null });
      });
      child.once("exit", (code, signal) => resolve({ name, code, signal }));
    }).then((report) => {
      running.delete(child);
      return report;
    });
    running.set(child, exited);
    return exited;
  }

  // The last word: nothing we started outlives us, however we exit.
  process.on("exit", () => {
    for (const child of running.keys()) child.kill("SIGKILL");
  });

  return {
    start(name, command, env, { restart } = {}) {
      let delayMs = restart?.initialMs ?? 0;
      const keep = () => {
        const startedAt = performance.now();
        void launch(name, command, env).then((report) => {
          if (stopping) return;
          if (!restart) return onUnexpectedExit(report);
          if (performance.now() - startedAt >= restart.stableMs) delayMs = restart.initialMs;
          onUnexpectedExit({ ...report, restartInMs: delayMs });
          const timer = setTimeout(() => {
            restarts.delete(timer);
            if (!stopping) keep();
          }, delayMs);
          restarts.add(timer);
          delayMs = Math.min(delayMs * 2, restart.maxMs);
        });
      };
      keep();
    },
    async run(name, command, env) {
      const { code, signal } = await launch(name, command, env);
      if (code !== 0) throw new Error(`${name} failed (${signal ?? `exit code ${code}`})`);
    },
    pids() {
      return [...running.keys()].flatMap((child) => (child.pid === undefined ? [] : [child.pid]));
    },
    async stopAll(graceMs = 10_000) {
      stopping = true;
      for (const timer of restarts) clearTimeout(timer);
      restarts.clear();
      for (const child of running.keys()) child.kill("SIGTERM");
      const force = setTimeout(() => {
        for (const child of running.keys()) child.kill("SIGKILL");
      }, graceMs);
      await Promise.all(running.values());
      clearTimeout(force);
    },
  };
}

/**
 * Runs `shutdown` once on SIGINT, SIGTERM or SIGHUP, replacing the handlers other modules installed, so
 * nothing exits before our children have stopped and the database work that remains is done (dropping a
 * scratch database). tsx's own handler, which tells the tsx wrapper process that we handle the signal (else
 * it kills us after 60 ms), is hidden from process.listeners() and so stays.
 */
export function onShutdownSignal(shutdown: (signal: NodeJS.Signals) => void): void {
  let received = false;
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    for (const listener of process.listeners(signal)) process.removeListener(signal, listener);
    // One Ctrl-C can arrive twice (from the terminal and relayed by the tsx wrapper): shut down once.
    process.on(signal, () => {
      if (received) return;
      received = true;
      shutdown(signal);
    });
  }
}
