import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaPg } from "@prisma/adapter-pg";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/data/actor";
import {
  acceptNameProposal,
  addNameAlias,
  mergeNameEntries,
  proposeNameAlias,
  rejectNameProposal,
  removeNameAlias,
  splitNameEntry,
} from "@/lib/data/names";
import { importNamesFile, seedNamesRegister } from "@/lib/data/names-import";
import { listNameProposals } from "@/lib/data/names-read";
import { createScratchDatabase, dropDatabase } from "@/lib/db/database-url";
import { migrate } from "@/lib/db/migrate";
import { PrismaClient } from "@/lib/generated/prisma/client";

// The register's writes on real PostgreSQL: an import is all or nothing and says why; every edit is audited;
// analysts propose and admins decide. Spellings here carry the run's marker, so they never meet another run's.

const RUN = randomBytes(3).toString("hex");
let admin: Actor;
let analyst: Actor;
let viewer: Actor;

const line = (entry: object) => JSON.stringify(entry);

async function aliasesOf(entryId: number): Promise<string[]> {
  const rows = await db.nameAlias.findMany({ where: { entryId }, orderBy: { id: "asc" } });
  return rows.map((row) => row.alias);
}

async function lastAudit(action: string) {
  return db.auditEvent.findFirst({ where: { action }, orderBy: { id: "desc" } });
}

beforeAll(async () => {
  const make = async (role: "ADMIN" | "ANALYST" | "VIEWER") => {
    const user = await db.user.create({
      data: { email: `names-${role}-${RUN}@example.com`, name: `Names ${role}`, passwordHash: "x", role },
    });
    return { id: user.id, role };
  };
  [admin, analyst, viewer] = [await make("ADMIN"), await make("ANALYST"), await make("VIEWER")];
});

describe("importing a register file", () => {
  it("refuses a file with duplicates, conflicts or bad lines, names them, and stores nothing", async () => {
    const before = await db.nameAlias.count();
    const content = [
      line({ kind: "person", canonical: `Ko ${RUN} Chol`, aliases: [`Ko ${RUN} Chol`, `Ko ${RUN}-chol`] }),
      line({ kind: "person", canonical: `Han ${RUN} Bok`, aliases: [`Han ${RUN} Bok`, `Ko ${RUN} Mun`] }),
      line({ kind: "place", canonical: `Town ${RUN}`, aliases: [`Ko ${RUN} Mun`] }),
    ].join("\n");
    const result = await importNamesFile(content, admin, "bad.jsonl");
    expect(result).toEqual({
      ok: false,
      problems: [
        `Duplicate: “Ko ${RUN} Chol” and “Ko ${RUN}-chol” in Ko ${RUN} Chol are one spelling.`,
        `Conflict: “Ko ${RUN} Mun” is in both Han ${RUN} Bok and Town ${RUN}.`,
      ],
    });
    expect(await db.nameAlias.count()).toBe(before);
    expect((await lastAudit("names.import_refused"))?.meta).toMatchObject({ label: "bad.jsonl", problemCount: 2 });

    const unreadable = await importNamesFile(`${line({ kind: "person" })}\nnot json`, admin, "broken.jsonl");
    expect(unreadable).toEqual({
      ok: false,
      problems: ["Line 1: canonical: Invalid input: expected string, received undefined", "Line 2 is not JSON."],
    });
  });

  it("imports a good file once: a second import adds nothing", async () => {
    const content = line({ kind: "person", canonical: `Ri ${RUN} Su`, aliases: [`Ri ${RUN} Su`, `리${RUN}수`] });
    expect(await importNamesFile(content, admin, "good.jsonl")).toMatchObject({ ok: true, aliasesAdded: 2 });
    expect(await importNamesFile(content, admin, "good.jsonl")).toMatchObject({
      ok: true,
      aliasesAdded: 0,
      aliasesKnown: 2,
    });
    await expect(importNamesFile(content, analyst, "good.jsonl")).rejects.toThrow(/permission/);
  });

  it("loads the starter register into an empty database, and again adds nothing", async () => {
    const url = await createScratchDatabase(
      process.env.TEST_SERVER_URL ?? process.env.DATABASE_URL!,
      "presswatch_names",
    );
    const scratch = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
    try {
      await migrate(url);
      const first = await seedNamesRegister(scratch);
      expect(first).toMatchObject({ ok: true });
      expect(first.ok && first.entriesCreated).toBeGreaterThan(400);
      expect(await seedNamesRegister(scratch)).toMatchObject({ ok: true, entriesCreated: 0, aliasesAdded: 0 });
      const hwasong = await scratch.nameEntry.findFirstOrThrow({
        where: { canonical: "Hwasong-17" },
        include: { aliases: true },
      });
      expect(hwasong.aliases.map((alias) => alias.alias)).toContain("Hwasongpho-17");
    } finally {
      await scratch.$disconnect();
      await dropDatabase(url);
    }
  });
});

describe("editing the register", () => {
  let entryId: number;

  beforeAll(async () => {
    const content = line({ kind: "person", canonical: `Jo ${RUN} Il`, aliases: [`Jo ${RUN} Il`, `조${RUN}일`] });
    await importNamesFile(content, admin, "edit.jsonl");
    entryId = (await db.nameEntry.findFirstOrThrow({ where: { canonical: `Jo ${RUN} Il` } })).id;
  });

  it("adds a spelling, refuses one taken elsewhere by naming it, and a common word unless confirmed", async () => {
    await addNameAlias(entryId, { alias: `Cho ${RUN} Il` }, admin);
    await expect(addNameAlias(entryId, { alias: `cho ${RUN}-il` }, admin)).rejects.toThrow(
      `“cho ${RUN}-il” is already “Cho ${RUN} Il”, a spelling of Jo ${RUN} Il.`,
    );
    await expect(addNameAlias(entryId, { alias: "Jo" }, admin)).rejects.toThrow(/surname.*confirm/);
    const pak = await addNameAlias(entryId, { alias: "Jo", confirmCommon: true }, admin);
    expect((await db.nameAlias.findUniqueOrThrow({ where: { id: pak.id } })).commonWord).toBe(true);
    await removeNameAlias(pak.id, admin);
    expect(await aliasesOf(entryId)).toEqual([`Jo ${RUN} Il`, `조${RUN}일`, `Cho ${RUN} Il`]);
    expect((await lastAudit("names.alias_remove"))?.meta).toMatchObject({ alias: "Jo" });
    await expect(addNameAlias(entryId, { alias: `Jo ${RUN} Ill` }, analyst)).rejects.toThrow(/permission/);
  });

  it("splits spellings off into an entry of their own and merges them back, audited", async () => {
    const [, hangul, cho] = await db.nameAlias.findMany({ where: { entryId }, orderBy: { id: "asc" } });
    const split = await splitNameEntry(entryId, [cho.id], admin);
    expect(await aliasesOf(split.id)).toEqual([`Cho ${RUN} Il`]);
    expect(await aliasesOf(entryId)).toEqual([`Jo ${RUN} Il`, `조${RUN}일`]);
    expect((await lastAudit("names.entry_split"))?.meta).toMatchObject({ newEntryId: split.id });
    await mergeNameEntries(entryId, split.id, admin);
    expect(await aliasesOf(entryId)).toEqual([`Jo ${RUN} Il`, `조${RUN}일`, `Cho ${RUN} Il`]);
    expect(await db.nameEntry.findUnique({ where: { id: split.id } })).toBeNull();
    expect((await lastAudit("names.entry_merge"))?.meta).toMatchObject({ aliases: [`Cho ${RUN} Il`] });
    await expect(splitNameEntry(entryId, [hangul.id], viewer)).rejects.toThrow(/permission/);
  });

  it("takes an analyst's proposal, which an admin accepts or rejects", async () => {
    await expect(proposeNameAlias({ entryId, alias: `Jo ${RUN} Ihl` }, viewer)).rejects.toThrow(/permission/);
    const accepted = await proposeNameAlias({ entryId, alias: `Jo ${RUN} Ihl` }, analyst);
    const rejected = await proposeNameAlias({ entryId, alias: `Jeo ${RUN} Il` }, analyst);
    await expect(proposeNameAlias({ entryId, alias: `jo ${RUN} ihl` }, analyst)).rejects.toThrow(/proposed for/);
    const waiting = (await listNameProposals()).filter((proposal) => proposal.entry.id === entryId);
    expect(waiting.map((proposal) => proposal.alias)).toEqual([`Jo ${RUN} Ihl`, `Jeo ${RUN} Il`]);
    await expect(acceptNameProposal(accepted.id, false, analyst)).rejects.toThrow(/permission/);
    await acceptNameProposal(accepted.id, false, admin);
    await rejectNameProposal(rejected.id, admin);
    expect(await aliasesOf(entryId)).toContain(`Jo ${RUN} Ihl`);
    expect(await aliasesOf(entryId)).not.toContain(`Jeo ${RUN} Il`);
    expect((await lastAudit("names.proposal_accept"))?.meta).toMatchObject({ proposedById: analyst.id });
    await expect(rejectNameProposal(rejected.id, admin)).rejects.toThrow(/decided already/);
  });
});

afterAll(async () => {
  await db.nameEntry.deleteMany({ where: { canonical: { contains: RUN } } });
});
