import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";

// pg's pool closes a connection after 10 s idle by default, and a fresh backend makes the next desk load about
// three times slower (lib/db.ts): the app's pool keeps its connections across a reader's pause.
describe("the database pool", () => {
  it("answers on the same backend after 11 s idle", { timeout: 30_000 }, async () => {
    const backend = async () => (await db.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`)[0].pid;
    const before = await backend();
    await new Promise((resolve) => setTimeout(resolve, 11_000));
    expect(await backend()).toBe(before);
  });
});
