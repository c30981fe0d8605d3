import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/data/audit";
import { authorize, type Actor } from "@/lib/data/actor";
import { NAMES_LOCK } from "@/lib/data/names-import";
import { ConflictError, InvalidError, NotFoundError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { NameAliasStatus, type NameKind } from "@/lib/generated/prisma/enums";
import { aliasKey, commonWordReason } from "@/lib/names/alias-key";

// The names register as admins edit it and analysts add to it. Every change takes the register's lock and
// checks the spelling's key there, so one spelling never ends up on two entries; every change is audited.
//
//   createNameEntry, updateNameEntry, deleteNameEntry   admins ("names:manage")
//   addNameAlias, removeNameAlias                       admins; a common word alone needs `confirmCommon`
//   mergeNameEntries(target, source)                    admins: the source's spellings join the target
//   splitNameEntry(entry, aliasIds)                     admins: those spellings become an entry of their own
//   proposeNameAlias                                    analysts ("names:propose"): waits for an admin
//   acceptNameProposal, rejectNameProposal              admins
// Reads for the admin page and the proposal picker are in names-read.ts.

const WRITE_TIMEOUT = { maxWait: 10_000, timeout: 30_000 };

export type NameAliasInput = { alias: string; confirmCommon?: boolean };

type Tx = Prisma.TransactionClient;

function withRegisterLock<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${NAMES_LOCK})`;
    return work(tx);
  }, WRITE_TIMEOUT);
}

/** The alias's key after the checks every new spelling passes: letters, not taken, not a common word unconfirmed. */
async function checkNewAlias(tx: Tx, input: NameAliasInput): Promise<{ key: string; commonWord: boolean }> {
  const key = aliasKey(input.alias);
  if (!key) throw new InvalidError("A spelling needs letters or digits.", { alias: ["Write a spelling."] });
  const taken = await tx.nameAlias.findUnique({ where: { key }, include: { entry: { select: { canonical: true } } } });
  if (taken) {
    const state = taken.status === NameAliasStatus.PROPOSED ? "proposed for" : "a spelling of";
    throw new ConflictError(`“${input.alias}” is already “${taken.alias}”, ${state} ${taken.entry.canonical}.`);
  }
  const reason = commonWordReason(input.alias);
  if (reason && !input.confirmCommon)
    throw new InvalidError(`${reason}: confirm to add it anyway.`, { confirmCommon: [reason] });
  return { key, commonWord: Boolean(reason) };
}

async function entryOrThrow(tx: Tx, id: number) {
  const entry = await tx.nameEntry.findUnique({ where: { id }, include: { aliases: true } });
  if (!entry) throw new NotFoundError("No such entry in the names register.");
  return entry;
}

export async function createNameEntry(
  input: { kind: NameKind; canonical: string; confirmCommon?: boolean },
  actor: Actor,
): Promise<{ id: number }> {
  authorize(actor, "names:manage");
  return withRegisterLock(async (tx) => {
    const alias = await checkNewAlias(tx, { alias: input.canonical, confirmCommon: input.confirmCommon });
    const entry = await tx.nameEntry.create({
      data: { kind: input.kind, canonical: input.canonical, source: "added by hand" },
    });
    await tx.nameAlias.create({ data: { entryId: entry.id, alias: input.canonical, ...alias } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "names.entry_create",
      targetType: "name_entry",
      targetId: entry.id,
      meta: { kind: input.kind, canonical: input.canonical },
      ip: actor.ip,
    });
    return { id: entry.id };
  });
}

/** Renames (to one of the entry's spellings, added if new) or re-kinds an entry. */
export async function updateNameEntry(
  id: number,
  input: { kind: NameKind; canonical: string; confirmCommon?: boolean },
  actor: Actor,
): Promise<void> {
  authorize(actor, "names:manage");
  await withRegisterLock(async (tx) => {
    const entry = await entryOrThrow(tx, id);
    const key = aliasKey(input.canonical);
    if (!entry.aliases.some((alias) => alias.key === key))
      await tx.nameAlias.create({
        data: {
          entryId: id,
          alias: input.canonical,
          ...(await checkNewAlias(tx, { ...input, alias: input.canonical })),
        },
      });
    await tx.nameEntry.update({ where: { id }, data: { kind: input.kind, canonical: input.canonical } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "names.entry_update",
      targetType: "name_entry",
      targetId: id,
      meta: { from: { kind: entry.kind, canonical: entry.canonical }, to: input },
      ip: actor.ip,
    });
  });
}

export async function deleteNameEntry(id: number, actor: Actor): Promise<void> {
  authorize(actor, "names:manage");
  await withRegisterLock(async (tx) => {
    const entry = await entryOrThrow(tx, id);
    await tx.nameEntry.delete({ where: { id } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "names.entry_delete",
      targetType: "name_entry",
      targetId: id,
      meta: { canonical: entry.canonical, aliases: entry.aliases.map((alias) => alias.alias) },
      ip: actor.ip,
    });
  });
}

export async function addNameAlias(entryId: number, input: NameAliasInput, actor: Actor): Promise<{ id: number }> {
  authorize(actor, "names:manage");
  return withRegisterLock(async (tx) => {
    const entry = await entryOrThrow(tx, entryId);
    const alias = await tx.nameAlias.create({
      data: { entryId, alias: input.alias, ...(await checkNewAlias(tx, input)) },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "names.alias_add",
      targetType: "name_entry",
      targetId: entryId,
      meta: { alias: input.alias, canonical: entry.canonical, commonWord: alias.commonWord },
      ip: actor.ip,
    });
    return { id: alias.id };
  });
}

export async function removeNameAlias(aliasId: number, actor: Actor): Promise<void> {
  authorize(actor, "names:manage");
  await withRegisterLock(async (tx) => {
    const alias = await tx.nameAlias.findUnique({ where: { id: aliasId }, include: { entry: true } });
    if (!alias) throw new NotFoundError("That spelling is not in the register.");
    if (alias.key === aliasKey(alias.entry.canonical))
      throw new InvalidError(`“${alias.alias}” is the entry's name: rename the entry first.`);
    await tx.nameAlias.delete({ where: { id: aliasId } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "names.alias_remove",
      targetType: "name_entry",
      targetId: alias.entryId,
      meta: { alias: alias.alias, canonical: alias.entry.canonical },
      ip: actor.ip,
    });
  });
}

export async function mergeNameEntries(targetId: number, sourceId: number, actor: Actor): Promise<void> {
  authorize(actor, "names:manage");
  if (targetId === sourceId) throw new InvalidError("Choose another entry to merge.");
  await withRegisterLock(async (tx) => {
    const [target, source] = [await entryOrThrow(tx, targetId), await entryOrThrow(tx, sourceId)];
    await tx.nameAlias.updateMany({ where: { entryId: sourceId }, data: { entryId: targetId } });
    await tx.nameEntry.delete({ where: { id: sourceId } });
    await tx.nameEntry.update({ where: { id: targetId }, data: { updatedAt: new Date() } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "names.entry_merge",
      targetType: "name_entry",
      targetId,
      meta: {
        into: target.canonical,
        merged: { id: sourceId, canonical: source.canonical, kind: source.kind, externalId: source.externalId },
        aliases: source.aliases.map((alias) => alias.alias),
      },
      ip: actor.ip,
    });
  });
}

/** Moves the chosen spellings to a new entry of the same kind, named after the first of them. */
export async function splitNameEntry(entryId: number, aliasIds: number[], actor: Actor): Promise<{ id: number }> {
  authorize(actor, "names:manage");
  return withRegisterLock(async (tx) => {
    const entry = await entryOrThrow(tx, entryId);
    const moving = entry.aliases.filter((alias) => aliasIds.includes(alias.id));
    if (!moving.length) throw new InvalidError("Choose the spellings that make the new entry.");
    if (moving.some((alias) => alias.key === aliasKey(entry.canonical)))
      throw new InvalidError(`“${entry.canonical}” names this entry and stays with it.`);
    const created = await tx.nameEntry.create({
      data: { kind: entry.kind, canonical: moving[0].alias, source: `split from ${entry.canonical}` },
    });
    await tx.nameAlias.updateMany({
      where: { id: { in: moving.map((alias) => alias.id) } },
      data: { entryId: created.id },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "names.entry_split",
      targetType: "name_entry",
      targetId: entryId,
      meta: { from: entry.canonical, newEntryId: created.id, aliases: moving.map((alias) => alias.alias) },
      ip: actor.ip,
    });
    return { id: created.id };
  });
}

/** An analyst's spelling for an entry, seen in an article; an admin accepts or rejects it. */
export async function proposeNameAlias(
  input: { entryId: number; alias: string; articleId?: number },
  actor: Actor,
): Promise<{ id: number }> {
  authorize(actor, "names:propose");
  return withRegisterLock(async (tx) => {
    const entry = await entryOrThrow(tx, input.entryId);
    // A common word is the admin's to confirm when accepting; the proposal only carries the flag.
    const { key, commonWord } = await checkNewAlias(tx, { alias: input.alias, confirmCommon: true });
    const proposal = await tx.nameAlias.create({
      data: {
        entryId: entry.id,
        alias: input.alias,
        key,
        commonWord,
        status: NameAliasStatus.PROPOSED,
        proposedById: actor.id,
        articleId: input.articleId ?? null,
      },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "names.alias_propose",
      targetType: "name_entry",
      targetId: entry.id,
      meta: { alias: input.alias, canonical: entry.canonical, articleId: input.articleId ?? null },
      ip: actor.ip,
    });
    return { id: proposal.id };
  });
}

async function proposalOrThrow(tx: Tx, aliasId: number) {
  const proposal = await tx.nameAlias.findUnique({ where: { id: aliasId }, include: { entry: true } });
  if (!proposal || proposal.status !== NameAliasStatus.PROPOSED)
    throw new NotFoundError("That proposal has been decided already.");
  return proposal;
}

export async function acceptNameProposal(aliasId: number, confirmCommon: boolean, actor: Actor): Promise<void> {
  authorize(actor, "names:manage");
  await withRegisterLock(async (tx) => {
    const proposal = await proposalOrThrow(tx, aliasId);
    const reason = commonWordReason(proposal.alias);
    if (reason && !confirmCommon)
      throw new InvalidError(`${reason}: confirm to accept it anyway.`, { confirmCommon: [reason] });
    await tx.nameAlias.update({ where: { id: aliasId }, data: { status: NameAliasStatus.ACCEPTED } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "names.proposal_accept",
      targetType: "name_entry",
      targetId: proposal.entryId,
      meta: { alias: proposal.alias, canonical: proposal.entry.canonical, proposedById: proposal.proposedById },
      ip: actor.ip,
    });
  });
}

export async function rejectNameProposal(aliasId: number, actor: Actor): Promise<void> {
  authorize(actor, "names:manage");
  await withRegisterLock(async (tx) => {
    const proposal = await proposalOrThrow(tx, aliasId);
    await tx.nameAlias.delete({ where: { id: aliasId } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "names.proposal_reject",
      targetType: "name_entry",
      targetId: proposal.entryId,
      meta: { alias: proposal.alias, canonical: proposal.entry.canonical, proposedById: proposal.proposedById },
      ip: actor.ip,
    });
  });
}
