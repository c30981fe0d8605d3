import { aliasKey, commonWordReason } from "@/lib/names/alias-key";
import type { RegisterEntry } from "@/lib/validation/names";

// What importing a register file would change, decided before anything is written: an import stores all of
// its entries or nothing. An entry of the file that the register already holds (the same external id, or the
// same kind and canonical spelling) gains the spellings it lacks; any other entry is new. The import is refused,
// with every problem named, when
//   - a spelling is listed twice in the file (in one entry or in two: one spelling, one entry),
//   - a spelling of the file belongs to another entry in the register,
//   - a spelling on its own matches a common word ("Ri", "Pak") and the entry does not confirm it.

export type RegisterState = {
  entries: { id: number; kind: string; canonical: string; externalId: string | null }[];
  aliases: { key: string; entryId: number; alias: string }[];
};

export type PlannedAlias = { alias: string; key: string; commonWord: boolean };

export type ImportPlan = {
  create: { entry: RegisterEntry; aliases: PlannedAlias[] }[];
  extend: { entryId: number; canonical: string; aliases: PlannedAlias[] }[];
  /** Spellings the register already had where the file puts them. */
  known: number;
};

export type ImportOutcome = { ok: true; plan: ImportPlan } | { ok: false; problems: string[] };

const kindOf = (kind: string) => kind.toLowerCase();

function findExisting(entry: RegisterEntry, state: RegisterState) {
  if (entry.externalId) {
    const byId = state.entries.find((existing) => existing.externalId === entry.externalId);
    if (byId) return byId;
  }
  const key = aliasKey(entry.canonical);
  return state.entries.find((existing) => kindOf(existing.kind) === entry.kind && aliasKey(existing.canonical) === key);
}

export function planImport(entries: RegisterEntry[], state: RegisterState): ImportOutcome {
  const problems: string[] = [];
  const ownerInFile = new Map<string, { canonical: string; alias: string }>();
  const heldBy = new Map(state.aliases.map((alias) => [alias.key, alias]));
  const nameOf = new Map(state.entries.map((entry) => [entry.id, entry.canonical]));
  const plan: ImportPlan = { create: [], extend: [], known: 0 };

  for (const entry of entries) {
    const existing = findExisting(entry, state);
    const confirmed = new Set((entry.confirmedCommon ?? []).map(aliasKey));
    const aliases: PlannedAlias[] = [];
    const spellings = entry.aliases.some((alias) => aliasKey(alias) === aliasKey(entry.canonical))
      ? entry.aliases
      : [entry.canonical, ...entry.aliases];
    for (const alias of spellings) {
      const key = aliasKey(alias);
      if (!key) {
        problems.push(`“${alias}” in ${entry.canonical} has no letters or digits.`);
        continue;
      }
      const earlier = ownerInFile.get(key);
      if (earlier) {
        problems.push(
          earlier.canonical === entry.canonical
            ? `Duplicate: “${earlier.alias}” and “${alias}” in ${entry.canonical} are one spelling.`
            : `Conflict: “${alias}” is in both ${earlier.canonical} and ${entry.canonical}.`,
        );
        continue;
      }
      ownerInFile.set(key, { canonical: entry.canonical, alias });
      const held = heldBy.get(key);
      if (held && held.entryId !== existing?.id) {
        problems.push(
          `Conflict: “${alias}” (${entry.canonical}) is already “${held.alias}” of ${nameOf.get(held.entryId)}.`,
        );
        continue;
      }
      if (held) {
        plan.known++;
        continue;
      }
      const reason = commonWordReason(alias);
      if (reason && !confirmed.has(key)) {
        problems.push(`${reason} (${entry.canonical}): list it under confirmedCommon to keep it.`);
        continue;
      }
      aliases.push({ alias, key, commonWord: Boolean(reason) });
    }
    if (existing) {
      if (aliases.length) plan.extend.push({ entryId: existing.id, canonical: existing.canonical, aliases });
    } else plan.create.push({ entry, aliases });
  }
  return problems.length ? { ok: false, problems } : { ok: true, plan };
}
