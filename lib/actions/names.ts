"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { formToObject, type ActionResult } from "@/lib/actions/run-action";
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

function revalidateNames(): void {
  revalidatePath("/admin/names");
}

const MANAGE = "names:manage";

export const createNameEntryAction = defineAction(
  { permission: MANAGE, schema: nameEntrySchema },
  async ({ actor, input }): Promise<ActionResult<{ entryId: number }>> => {
    const entry = await createNameEntry(input, actor);
    revalidateNames();
    return { ok: true, message: "Entry added.", data: { entryId: entry.id } };
  },
);

export const updateNameEntryAction = defineAction(
  { permission: MANAGE, schema: updateNameEntrySchema },
  async ({ actor, input: { entryId, ...entry } }): Promise<ActionResult> => {
    await updateNameEntry(entryId, entry, actor);
    revalidateNames();
    return { ok: true, message: "Entry saved." };
  },
);

export const deleteNameEntryAction = defineAction(
  { permission: MANAGE, schema: nameEntryIdSchema },
  async ({ actor, input }): Promise<ActionResult> => {
    await deleteNameEntry(input.entryId, actor);
    revalidateNames();
    return { ok: true, message: "Entry deleted." };
  },
);

export const addNameAliasAction = defineAction(
  { permission: MANAGE, schema: addNameAliasSchema },
  async ({ actor, input: { entryId, ...alias } }): Promise<ActionResult> => {
    await addNameAlias(entryId, alias, actor);
    revalidateNames();
    return { ok: true, message: `Added “${alias.alias}”: searches find it now.` };
  },
);

export const removeNameAliasAction = defineAction(
  { permission: MANAGE, schema: nameAliasIdSchema },
  async ({ actor, input }): Promise<ActionResult> => {
    await removeNameAlias(input.aliasId, actor);
    revalidateNames();
    return { ok: true, message: "Spelling removed." };
  },
);

export const mergeNameEntriesAction = defineAction(
  { permission: MANAGE, schema: mergeNameEntriesSchema },
  async ({ actor, input: { entryId, sourceId } }): Promise<ActionResult> => {
    await mergeNameEntries(entryId, sourceId, actor);
    revalidateNames();
    return { ok: true, message: "Entries merged." };
  },
);

export const splitNameEntryAction = defineAction(
  {
    permission: MANAGE,
    schema: splitNameEntrySchema,
    fromForm: (form) => ({ ...formToObject(form), aliasIds: form.getAll("aliasIds") }),
  },
  async ({ actor, input: { entryId, aliasIds } }): Promise<ActionResult<{ entryId: number }>> => {
    const created = await splitNameEntry(entryId, aliasIds, actor);
    revalidateNames();
    return { ok: true, message: "Split into a new entry.", data: { entryId: created.id } };
  },
);

export const acceptNameProposalAction = defineAction(
  { permission: MANAGE, schema: acceptNameProposalSchema },
  async ({ actor, input: { aliasId, confirmCommon } }): Promise<ActionResult> => {
    await acceptNameProposal(aliasId, confirmCommon, actor);
    revalidateNames();
    return { ok: true, message: "Accepted: searches find the spelling now." };
  },
);

export const rejectNameProposalAction = defineAction(
  { permission: MANAGE, schema: nameAliasIdSchema },
  async ({ actor, input }): Promise<ActionResult> => {
    await rejectNameProposal(input.aliasId, actor);
    revalidateNames();
    return { ok: true, message: "Proposal rejected." };
  },
);

const registerFileSchema = z.object({
  file: z
    .instanceof(File, { message: "Choose a register file (JSON Lines)." })
    .refine((file) => file.size > 0, "Choose a register file (JSON Lines).")
    .refine((file) => file.size <= REGISTER_FILE_MAX_BYTES, "The file is over 5 MB: split it."),
});

export const importNamesAction = defineAction(
  { permission: MANAGE, schema: registerFileSchema, fromForm: (form) => ({ file: form.get("file") }) },
  async ({ actor, input: { file } }): Promise<ActionResult<{ problems: string[] }>> => {
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
  },
);

export type NameEntryHit = { id: number; canonical: string; kind: string; matched: string };

export const findNameEntriesAction = defineAction(
  { permission: "names:propose", schema: findNameEntriesSchema },
  async ({ input }): Promise<ActionResult<{ entries: NameEntryHit[] }>> => ({
    ok: true,
    data: { entries: await findNameEntries(input.q) },
  }),
);

export const proposeNameAliasAction = defineAction(
  { permission: "names:propose", schema: proposeNameAliasSchema },
  async ({ actor, input }): Promise<ActionResult> => {
    await proposeNameAlias(input, actor);
    revalidateNames();
    return { ok: true, message: "Proposed: an admin will accept or reject it." };
  },
);
