"use server";

import { revalidatePath } from "next/cache";
import { actionInput, requireDeskActor } from "@/lib/actions/desk-actor";
import { parseInput, runAction, type ActionResult, type ActionState } from "@/lib/actions/run-action";
import {
  acceptNameProposal,
  addNameAlias,
  createNameEntry,
  deleteNameEntry,
  mergeNameEntries,
  proposeNameAlias,
  rejectNameProposal,
  removeNameAlias,
  splitNameEntry,
  updateNameEntry,
} from "@/lib/data/names";
import { importNamesFile } from "@/lib/data/names-import";
import { findNameEntries } from "@/lib/data/names-read";
import { InvalidError } from "@/lib/errors";
import {
  acceptNameProposalSchema,
  addNameAliasSchema,
  findNameEntriesSchema,
  mergeNameEntriesSchema,
  nameAliasIdSchema,
  nameEntryIdSchema,
  nameEntrySchema,
  proposeNameAliasSchema,
  REGISTER_FILE_MAX_BYTES,
  splitNameEntrySchema,
  updateNameEntrySchema,
} from "@/lib/validation/names";

// The names register's actions: admins edit it on /admin/names ("names:manage"); analysts find an entry and
// propose a spelling from an article ("names:propose"). Each parses its input, checks the permission, and lets
// lib/data/names.ts do the work (which checks again, takes the register's lock and audits). Searches read the
// register on every query, so a change needs no cache to be cleared: only the admin page is revalidated.

type Input = FormData | Record<string, unknown>;

function revalidateNames(): void {
  revalidatePath("/admin/names");
}

export async function createNameEntryAction(_state: ActionState<{ entryId: number }>, input: Input) {
  return runAction(async (): Promise<ActionResult<{ entryId: number }>> => {
    const actor = await requireDeskActor("names:manage");
    const entry = await createNameEntry(parseInput(nameEntrySchema, actionInput(input)), actor);
    revalidateNames();
    return { ok: true, message: "Entry added.", data: { entryId: entry.id } };
  });
}

export async function updateNameEntryAction(_state: ActionState, input: Input) {
  return runAction(async (): Promise<ActionResult> => {
    const actor = await requireDeskActor("names:manage");
    const { entryId, ...entry } = parseInput(updateNameEntrySchema, actionInput(input));
    await updateNameEntry(entryId, entry, actor);
    revalidateNames();
    return { ok: true, message: "Entry saved." };
  });
}

export async function deleteNameEntryAction(_state: ActionState, input: Input) {
  return runAction(async (): Promise<ActionResult> => {
    const actor = await requireDeskActor("names:manage");
    await deleteNameEntry(parseInput(nameEntryIdSchema, actionInput(input)).entryId, actor);
    revalidateNames();
    return { ok: true, message: "Entry deleted." };
  });
}

export async function addNameAliasAction(_state: ActionState, input: Input) {
  return runAction(async (): Promise<ActionResult> => {
    const actor = await requireDeskActor("names:manage");
    const { entryId, ...alias } = parseInput(addNameAliasSchema, actionInput(input));
    await addNameAlias(entryId, alias, actor);
    revalidateNames();
    return { ok: true, message: `Added “${alias.alias}”: searches find it now.` };
  });
}

export async function removeNameAliasAction(_state: ActionState, input: Input) {
  return runAction(async (): Promise<ActionResult> => {
    const actor = await requireDeskActor("names:manage");
    await removeNameAlias(parseInput(nameAliasIdSchema, actionInput(input)).aliasId, actor);
    revalidateNames();
    return { ok: true, message: "Spelling removed." };
  });
}

export async function mergeNameEntriesAction(_state: ActionState, input: Input) {
  return runAction(async (): Promise<ActionResult> => {
    const actor = await requireDeskActor("names:manage");
    const { entryId, sourceId } = parseInput(mergeNameEntriesSchema, actionInput(input));
    await mergeNameEntries(entryId, sourceId, actor);
    revalidateNames();
    return { ok: true, message: "Entries merged." };
  });
}

export async function splitNameEntryAction(_state: ActionState<{ entryId: number }>, input: Input) {
  return runAction(async (): Promise<ActionResult<{ entryId: number }>> => {
    const actor = await requireDeskActor("names:manage");
    const raw =
      input instanceof FormData ? { ...(actionInput(input) as object), aliasIds: input.getAll("aliasIds") } : input;
    const { entryId, aliasIds } = parseInput(splitNameEntrySchema, raw);
    const created = await splitNameEntry(entryId, aliasIds, actor);
    revalidateNames();
    return { ok: true, message: "Split into a new entry.", data: { entryId: created.id } };
  });
}

export async function acceptNameProposalAction(_state: ActionState, input: Input) {
  return runAction(async (): Promise<ActionResult> => {
    const actor = await requireDeskActor("names:manage");
    const { aliasId, confirmCommon } = parseInput(acceptNameProposalSchema, actionInput(input));
    await acceptNameProposal(aliasId, confirmCommon, actor);
    revalidateNames();
    return { ok: true, message: "Accepted: searches find the spelling now." };
  });
}

export async function rejectNameProposalAction(_state: ActionState, input: Input) {
  return runAction(async (): Promise<ActionResult> => {
    const actor = await requireDeskActor("names:manage");
    await rejectNameProposal(parseInput(nameAliasIdSchema, actionInput(input)).aliasId, actor);
    revalidateNames();
    return { ok: true, message: "Proposal rejected." };
  });
}

export async function importNamesAction(_state: ActionState<{ problems: string[] }>, formData: FormData) {
  return runAction(async (): Promise<ActionResult<{ problems: string[] }>> => {
    const actor = await requireDeskActor("names:manage");
    const file = formData.get("file");
    if (!(file instanceof File) || file.size === 0) throw new InvalidError("Choose a register file (JSON Lines).");
    if (file.size > REGISTER_FILE_MAX_BYTES) throw new InvalidError("The file is over 5 MB: split it.");
    const result = await importNamesFile(await file.text(), actor, file.name);
    if (!result.ok) {
      const count = result.problems.length;
      return {
        ok: false,
        error: `Nothing was imported: ${count} ${count === 1 ? "problem" : "problems"} in ${file.name}.`,
        fieldErrors: { file: result.problems },
      };
    }
    revalidateNames();
    return {
      ok: true,
      message: `Imported ${file.name}: ${result.entriesCreated} new entries, ${result.aliasesAdded} new spellings (${result.aliasesKnown} already known).`,
    };
  });
}

export type NameEntryHit = { id: number; canonical: string; kind: string; matched: string };

export async function findNameEntriesAction(input: { q: string }) {
  return runAction(async (): Promise<ActionResult<{ entries: NameEntryHit[] }>> => {
    await requireDeskActor("names:propose");
    const { q } = parseInput(findNameEntriesSchema, input);
    return { ok: true, data: { entries: await findNameEntries(q) } };
  });
}

export async function proposeNameAliasAction(_state: ActionState, input: Input) {
  return runAction(async (): Promise<ActionResult> => {
    const actor = await requireDeskActor("names:propose");
    await proposeNameAlias(parseInput(proposeNameAliasSchema, actionInput(input)), actor);
    revalidateNames();
    return { ok: true, message: "Proposed: an admin will accept or reject it." };
  });
}
