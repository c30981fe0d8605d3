"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { requirePermission } from "@/lib/auth/session";
import { clientAddress } from "@/lib/auth/throttle";
import { previewPage, savePage, type PagePreview, type PageSaveResult } from "@/lib/ingest/page/save-page";
import type { PastePreview } from "@/lib/ingest/paste/paste-items";
import { previewPaste, savePaste, type PasteSaveResult } from "@/lib/ingest/paste/save-paste";
import { formToObject, parseInput, runAction, type ActionResult, type ActionState } from "@/lib/actions/run-action";
import { fetchPageSchema, pasteSchema, savePageSchema, savePasteSchema } from "@/lib/validation/ingest";

async function ingestActor() {
  const user = await requirePermission("ingest:create");
  return { id: user.id, timeZone: user.timeZone, ip: clientAddress(await headers()) };
}

function revalidateIngest() {
  revalidatePath("/ingest");
  revalidatePath("/");
}

export async function previewPasteAction(_state: ActionState<PastePreview>, formData: FormData) {
  return runAction(async (): Promise<ActionResult<PastePreview>> => {
    await ingestActor();
    const { text } = parseInput(pasteSchema, formToObject(formData));
    return { ok: true, data: previewPaste(text) };
  });
}

export async function savePasteAction(_state: ActionState<PasteSaveResult>, formData: FormData) {
  return runAction(async (): Promise<ActionResult<PasteSaveResult>> => {
    const actor = await ingestActor();
    const { text, confirmTeasers } = parseInput(savePasteSchema, formToObject(formData));
    const result = await savePaste(text, actor, { confirmTeasers });
    revalidateIngest();
    return { ok: true, message: result.message, data: result };
  });
}

export async function fetchPageAction(_state: ActionState<PagePreview>, formData: FormData) {
  return runAction(async (): Promise<ActionResult<PagePreview>> => {
    const actor = await ingestActor();
    const { url } = parseInput(fetchPageSchema, formToObject(formData));
    return { ok: true, data: await previewPage(url, actor) };
  });
}

export async function savePageAction(_state: ActionState<PageSaveResult>, formData: FormData) {
  return runAction(async (): Promise<ActionResult<PageSaveResult>> => {
    const actor = await ingestActor();
    const input = parseInput(savePageSchema, formToObject(formData));
    try {
      const result = await savePage(input, actor);
      return { ok: true, message: result.message, data: result };
    } finally {
      // A failed fetch is a run too: the history shows it either way.
      revalidateIngest();
    }
  });
}
