import { mkdir, mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findBuildReason, findChangedInput } from "./build-if-needed";

let root: string;
const BUILT_AT = new Date("2026-01-01T00:00:00Z");
const BEFORE = new Date("2025-12-31T00:00:00Z");
const AFTER = new Date("2026-01-02T00:00:00Z");

async function put(relative: string, when: Date): Promise<void> {
  const file = path.join(root, relative);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, "x");
  await utimes(file, when, when);
}

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "presswatch-build-"));
  await put("app/page.tsx", BEFORE);
  await put("lib/data/articles.ts", BEFORE);
  await put("next.config.ts", BEFORE);
  await put(".next/BUILD_ID", BUILT_AT);
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("findBuildReason", () => {
  it("asks for a build when there is none", async () => {
    await rm(path.join(root, ".next"), { recursive: true });
    expect(await findBuildReason(root)).toBe("no production build yet");
  });

  it("finds nothing to do when every input is older than the build", async () => {
    expect(await findBuildReason(root)).toBeUndefined();
  });

  it("names a source file deep in a folder that changed after the build", async () => {
    await put("app/(app)/articles/[id]/page.tsx", AFTER);
    expect(await findBuildReason(root)).toBe(
      `${path.join("app", "(app)", "articles", "[id]", "page.tsx")} changed since the last build`,
    );
  });

  it("notices a changed lock file or schema", async () => {
    await put("package-lock.json", AFTER);
    expect(await findBuildReason(root)).toBe("package-lock.json changed since the last build");
  });
});

describe("findChangedInput", () => {
  it("ignores the generated Prisma client and test files", async () => {
    await put("lib/generated/prisma/client.ts", AFTER);
    await put("lib/format.test.ts", AFTER);
    expect(await findChangedInput(root, BUILT_AT.getTime())).toBeUndefined();
  });

  it("ignores files outside the inputs, and inputs that do not exist", async () => {
    await put("README.md", AFTER);
    await put("e2e/login.spec.ts", AFTER);
    expect(await findChangedInput(root, BUILT_AT.getTime(), ["app", "components", "proxy.ts"])).toBeUndefined();
  });
});
