import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { nextCommand, type Children } from "./children";

// `next build` takes a while on two cores: `npm start` and the e2e server build only when a file the
// build reads has changed since .next/BUILD_ID was written.

/** What the production build is made from (relative to the repository root). */
export const BUILD_INPUTS = [
  "app",
  "components",
  "lib",
  "proxy.ts",
  "next.config.ts",
  "postcss.config.mjs",
  "package-lock.json",
  "prisma/schema.prisma",
];

// The generated Prisma client is rewritten by every `npm install`; schema.prisma, its source, is an input.
const SKIPPED_DIRS = new Set([path.join("lib", "generated")]);
const TEST_FILE = /\.test\.tsx?$/;

/** The first input (relative path) modified after `since` (epoch ms), or undefined when none was. */
export async function findChangedInput(
  root: string,
  since: number,
  inputs = BUILD_INPUTS,
): Promise<string | undefined> {
  for (const input of inputs) {
    const changed = await findChangedUnder(root, input, since);
    if (changed) return changed;
  }
  return undefined;
}

async function findChangedUnder(root: string, relative: string, since: number): Promise<string | undefined> {
  const info = await stat(path.join(root, relative)).catch(() => undefined);
  if (!info) return undefined;
  if (!info.isDirectory()) return info.mtimeMs > since && !TEST_FILE.test(relative) ? relative : undefined;
  if (SKIPPED_DIRS.has(relative)) return undefined;
  for (const entry of await readdir(path.join(root, relative))) {
    const changed = await findChangedUnder(root, path.join(relative, entry), since);
    if (changed) return changed;
  }
  return undefined;
}

/** Why the app must be built before it is served, or undefined when .next is up to date. */
export async function findBuildReason(root: string): Promise<string | undefined> {
  const built = await stat(path.join(root, ".next", "BUILD_ID")).catch(() => undefined);
  if (!built) return "no production build yet";
  const changed = await findChangedInput(root, built.mtimeMs);
  return changed ? `${changed} changed since the last build` : undefined;
}

/** Runs `next build` (its output shown) when findBuildReason says so. */
export async function buildIfNeeded(
  children: Children,
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
  root = process.cwd(),
): Promise<void> {
  const reason = await findBuildReason(root);
  if (!reason) {
    log("The build in .next is up to date.");
    return;
  }
  log(`Building the app (${reason}); this takes a minute ...`);
  const started = performance.now();
  await children.run("next build", nextCommand("build"), env);
  log(`Built in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
}
