import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * The session signing secret kept in `file` (created on first use, readable by its owner only), so a
 * restart of `npm start` does not sign everybody out.
 */
export async function readOrCreateAuthSecret(file: string): Promise<string> {
  const existing = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  if (existing?.trim()) return existing.trim();

  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString("base64url");
  try {
    // "wx" when absent: of two processes starting at once, the second reads the first one's secret.
    await writeFile(file, `${secret}\n`, { mode: 0o600, flag: existing === undefined ? "wx" : "w" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return readOrCreateAuthSecret(file);
    throw error;
  }
  return secret;
}
