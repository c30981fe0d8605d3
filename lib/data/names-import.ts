import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { db, type Db } from "@/lib/db";
import { recordAudit } from "@/lib/data/audit";
import { authorize, type Actor } from "@/lib/data/actor";
import { Prisma } from "@/lib/generated/prisma/client";
import { NameKind } from "@/lib/generated/prisma/enums";
import { planImport, type ImportPlan, type RegisterState } from "@/lib/names/import-plan";
import { parseRegisterFile, type RegisterEntry } from "@/lib/validation/names";

// Importing a names register file (JSON Lines; lib/validation/names.ts): all of it or none of it. The plan
// (lib/names/import-plan.ts) is made against the register as it stands, inside the transaction that writes it,
// under a lock, so two imports cannot both add one spelling. A refused import writes only an audit event that
// names its problems, for an admin to find later.

export type ImportDb = Pick<Db, "$transaction" | "auditEvent">;
export type ImportResult =
  | { ok: true; entriesCreated: number; entriesExtended: number; aliasesAdded: number; aliasesKnown: number }
  | { ok: false; problems: string[] };

export const STARTER_REGISTER_FILE = path.join("prisma", "seed-data", "names", "register.jsonl");
/** Namespace of the advisory lock that serialises changes to the register's spellings. */
export const NAMES_LOCK = 7_340_011;
const MAX_PROBLEMS_SHOWN = 50;
const WRITE_TIMEOUT = { maxWait: 10_000, timeout: 120_000 };

const KINDS: Record<RegisterEntry["kind"], NameKind> = {
  person: NameKind.PERSON,
  place: NameKind.PLACE,
  organisation: NameKind.ORGANISATION,
  weapon: NameKind.WEAPON,
};

async function readState(tx: Prisma.TransactionClient): Promise<RegisterState> {
  const [entries, aliases] = await Promise.all([
    tx.nameEntry.findMany({ select: { id: true, kind: true, canonical: true, externalId: true } }),
    tx.nameAlias.findMany({ select: { key: true, entryId: true, alias: true } }),
  ]);
  return { entries, aliases };
}

/** Two statements whatever the size: ids are drawn from the sequence first, so each spelling knows its entry. */
async function writePlan(tx: Prisma.TransactionClient, plan: ImportPlan): Promise<void> {
  const ids = plan.create.length
    ? (
        await tx.$queryRaw<{ id: number }[]>`
          SELECT nextval(pg_get_serial_sequence('name_entries', 'id'))::int AS id FROM generate_series(1, ${plan.create.length}::int)`
      ).map((row) => row.id)
    : [];
  if (ids.length) {
    await tx.nameEntry.createMany({
      data: plan.create.map(({ entry }, i) => ({
        id: ids[i],
        kind: KINDS[entry.kind],
        canonical: entry.canonical,
        externalId: entry.externalId ?? null,
        source: entry.source ?? "",
      })),
    });
  }
  const aliases = [
    ...plan.create.flatMap(({ aliases }, i) => aliases.map((alias) => ({ ...alias, entryId: ids[i] }))),
    ...plan.extend.flatMap(({ entryId, aliases }) => aliases.map((alias) => ({ ...alias, entryId }))),
  ];
  if (aliases.length) await tx.nameAlias.createMany({ data: aliases });
  if (plan.extend.length)
    await tx.nameEntry.updateMany({
      where: { id: { in: plan.extend.map((item) => item.entryId) } },
      data: { updatedAt: new Date() },
    });
}

/** Imports the entries, or nothing; `actor` null is the demo seed. */
export async function importNameEntries(
  client: ImportDb,
  entries: RegisterEntry[],
  actor: Actor | null,
  label: string,
): Promise<ImportResult> {
  if (actor) authorize(actor, "names:manage");
  const outcome = await client.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${NAMES_LOCK})`;
    const planned = planImport(entries, await readState(tx));
    if (planned.ok) await writePlan(tx, planned.plan);
    return planned;
  }, WRITE_TIMEOUT);
  if (!outcome.ok) {
    await recordNamesImportRefusal(client, actor, label, outcome.problems);
    return outcome;
  }
  const { plan } = outcome;
  const result = {
    ok: true as const,
    entriesCreated: plan.create.length,
    entriesExtended: plan.extend.length,
    aliasesAdded: [...plan.create, ...plan.extend].reduce((sum, item) => sum + item.aliases.length, 0),
    aliasesKnown: plan.known,
  };
  if (result.entriesCreated + result.entriesExtended > 0) {
    await recordAudit(client, {
      actorId: actor?.id ?? null,
      action: "names.import",
      meta: { label, ...result },
      ip: actor?.ip,
    });
  }
  return result;
}

async function recordNamesImportRefusal(
  client: Pick<Db, "auditEvent">,
  actor: Actor | null,
  label: string,
  problems: string[],
): Promise<void> {
  await recordAudit(client, {
    actorId: actor?.id ?? null,
    action: "names.import_refused",
    meta: { label, problems: problems.slice(0, MAX_PROBLEMS_SHOWN), problemCount: problems.length },
    ip: actor?.ip,
  });
}

/** An uploaded register file: unreadable lines refuse it as conflicts do, named and recorded. */
export async function importNamesFile(
  content: string,
  actor: Actor,
  label: string,
  client: ImportDb = db,
): Promise<ImportResult> {
  authorize(actor, "names:manage");
  const parsed = parseRegisterFile(content);
  if (!parsed.ok) {
    await recordNamesImportRefusal(client, actor, label, parsed.problems);
    return parsed;
  }
  return importNameEntries(client, parsed.entries, actor, label);
}

/** The demo's starter register (scripts/build-names-register.ts made it); a second run adds nothing. */
export async function seedNamesRegister(client: ImportDb, file = STARTER_REGISTER_FILE): Promise<ImportResult> {
  const parsed = parseRegisterFile(await readFile(file, "utf8"));
  if (!parsed.ok) throw new Error(`${file}: ${parsed.problems.slice(0, 5).join(" ")}`);
  const result = await importNameEntries(client, parsed.entries, null, path.basename(file));
  if (!result.ok) throw new Error(`${file} does not fit the register: ${result.problems.slice(0, 5).join(" ")}`);
  return result;
}
