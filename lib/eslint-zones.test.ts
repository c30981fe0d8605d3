import { mkdir, rm, rmdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { ESLint } from "eslint";
import { afterAll, describe, expect, it } from "vitest";

// The layers of the README's folder map are ESLint rules (eslint.config.mjs). Each case here is a file that
// crosses one boundary, written at that path for a moment and linted there: the rule must catch it, and the
// same import from a place allowed to make it must pass.

const eslint = new ESLint({ cwd: process.cwd() });

async function problems(filePath: string, code: string): Promise<string[]> {
  const file = path.join(process.cwd(), filePath);
  const dir = path.dirname(file);
  const created = await mkdir(dir, { recursive: true });
  await writeFile(file, code);
  try {
    const [result] = await eslint.lintFiles([file]);
    return result.messages.filter((message) => message.severity === 2).map((message) => message.ruleId ?? "parse");
  } finally {
    await rm(file, { force: true });
    if (created) await rmdir(created).catch(() => undefined);
  }
}

const cases: { zone: string; file: string; code: string; rule: string; allowedIn: string }[] = [
  {
    zone: "components never touch the database",
    file: "components/articles/zone-probe.tsx",
    code: 'import { db } from "@/lib/db";\nexport const probe = db;\n',
    rule: "import/no-restricted-paths",
    allowedIn: "lib/data/zone-probe.ts",
  },
  {
    zone: "routes never touch the database",
    file: "app/(app)/zone-probe/page.tsx",
    code: 'import { db } from "@/lib/db";\nexport const probe = db;\n',
    rule: "import/no-restricted-paths",
    allowedIn: "lib/search/zone-probe.ts",
  },
  {
    zone: "only the data layers touch the database",
    file: "lib/actions/zone-probe.ts",
    code: 'import { db } from "@/lib/db";\nexport const probe = db;\n',
    rule: "import/no-restricted-paths",
    allowedIn: "lib/ingest/zone-probe.ts",
  },
  {
    zone: "validation imports only zod and constants",
    file: "lib/validation/zone-probe.ts",
    code: 'import { parseSearchQuery } from "@/lib/search/query-syntax";\nexport const probe = parseSearchQuery;\n',
    rule: "import/no-restricted-paths",
    allowedIn: "lib/themes/zone-probe.ts",
  },
  {
    zone: "only lib/auth imports next-auth",
    file: "lib/actions/zone-probe.ts",
    code: 'import { CredentialsSignin } from "next-auth";\nexport const probe = CredentialsSignin;\n',
    rule: "no-restricted-imports",
    allowedIn: "lib/auth/zone-probe.ts",
  },
  {
    zone: "data never imports desk (UI) helpers",
    file: "lib/data/zone-probe.ts",
    code: 'import { listHref } from "@/lib/desk/filter-links";\nexport const probe = listHref;\n',
    rule: "import/no-restricted-paths",
    allowedIn: "components/zone-probe.tsx",
  },
  {
    zone: "data never imports ingest",
    file: "lib/data/zone-probe.ts",
    code: 'import { storeArticles } from "@/lib/ingest/store";\nexport const probe = storeArticles;\n',
    rule: "import/no-restricted-paths",
    allowedIn: "lib/ingest/zone-probe.ts",
  },
  {
    zone: "process.env is read only by lib/env.ts",
    file: "lib/data/zone-probe.ts",
    code: "export const probe = process.env.DATABASE_URL;\n",
    rule: "no-restricted-syntax",
    allowedIn: "lib/zone-probe-env.test.ts",
  },
];

describe("ESLint holds every layer", () => {
  it.each(cases)("$zone", async ({ file, code, rule, allowedIn }) => {
    expect(await problems(file, code)).toContain(rule);
    expect(await problems(allowedIn, code)).not.toContain(rule);
  });

  const cycleDir = path.join(process.cwd(), "lib", "zone-probe-cycle");
  afterAll(() => rm(cycleDir, { recursive: true, force: true }));

  it("no import cycles", async () => {
    await mkdir(cycleDir, { recursive: true });
    await writeFile(path.join(cycleDir, "a.ts"), 'import { b } from "./b";\nexport const a = () => b;\n');
    await writeFile(path.join(cycleDir, "b.ts"), 'import { a } from "./a";\nexport const b = () => a;\n');
    const [result] = await eslint.lintFiles([path.join(cycleDir, "a.ts")]);
    expect(result.messages.map((message) => message.ruleId)).toContain("import/no-cycle");
  });
});
