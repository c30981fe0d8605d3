// The production web server as N worker processes sharing one port: `node [--import ...] scripts/web-cluster.mjs
// SCRIPT [ARGS...]` runs SCRIPT (Next's CLI with `start ...`, or the standalone build's server.js) in
// WEB_CONCURRENCY workers, by default one per core. Rendering a page is CPU-bound JavaScript and one Node
// process uses one core; Node's cluster module hands the connections of the one listening socket to the
// workers in turn. The workers get our Node flags (the peer-address preload), environment and arguments.
//
// A worker that dies after it started serving is started again (the others keep serving meanwhile); one that
// dies before it ever listened (a missing build, a port in use) stops everything with its exit code, so
// whoever started us sees the failure. SIGTERM or SIGINT stops every worker, then us. Plain JavaScript: the
// Docker image runs it without tsx.
import cluster from "node:cluster";
import { availableParallelism } from "node:os";
import path from "node:path";

/** Workers to run: WEB_CONCURRENCY when it is a positive integer, else one per core. */
export function workerCount(value = process.env.WEB_CONCURRENCY) {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : availableParallelism();
}

const GRACE_MS = 10_000;
const RESTART_MS = 1_000;

function run() {
  const [script, ...args] = process.argv.slice(2);
  if (!script) {
    console.error("usage: node scripts/web-cluster.mjs SCRIPT [ARGS...]");
    process.exit(2);
  }
  cluster.setupPrimary({ exec: path.resolve(script), args });
  const count = workerCount();
  const listening = new WeakSet();
  let stopping = false;

  const fork = () => {
    const worker = cluster.fork();
    worker.once("listening", () => listening.add(worker));
  };

  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    const how = signal ?? `exit code ${code}`;
    if (!listening.has(worker)) {
      console.error(`web server worker ${worker.process.pid} failed to start (${how}); stopping.`);
      stop(code || 1);
      return;
    }
    console.error(`web server worker ${worker.process.pid} stopped (${how}); starting another.`);
    setTimeout(() => stopping || fork(), RESTART_MS).unref();
  });

  let exitCode = 0;
  /** Stops every worker; we exit with `code` once they are gone. */
  function stop(code) {
    exitCode = code;
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {});
    if (workers.length === 0) process.exit(exitCode);
    for (const worker of workers) worker?.process.kill("SIGTERM");
    // A worker that ignores SIGTERM is killed, so that we never outlive our caller's stop.
    setTimeout(() => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGKILL");
      process.exit(exitCode);
    }, GRACE_MS).unref();
  }
  // Once every worker is gone after a stop, so are we.
  cluster.on("exit", () => {
    if (stopping && Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode);
  });
  process.on("SIGTERM", () => stop(0));
  process.on("SIGINT", () => stop(0));

  for (let i = 0; i < count; i++) fork();
}

if (cluster.isPrimary && import.meta.url === `file://${process.argv[1]}`) run();
