"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { previewPage, savePage, type PagePreview, type PageSaveResult } from "@/lib/ingest/page/save-page";
import type { PastePreview } from "@/lib/ingest/paste/paste-items";
import { previewPaste, savePaste, type PasteSaveResult } from "@/lib/ingest/paste/save-paste";
import type { ActionResult } from "@/lib/actions/run-action";
import { fetchPageSchema, pasteSchema, savePageSchema, savePasteSchema } from "@/lib/validation/ingest";

function revalidateIngest() {
  revalidatePath("/ingest");
  revalidatePath("/");
}

export const previewPasteAction = defineAction(
  { permission: "ingest:create", schema: pasteSchema },
  async ({ input: { text } }): Promise<ActionResult<PastePreview>> => {
    return { ok: true, data: previewPaste(text) };
  },
);

export const savePasteAction = defineAction(
  { permission: "ingest:create", schema: savePasteSchema },
  async ({ actor, input: { text, confirmTeasers } }): Promise<ActionResult<PasteSaveResult>> => {
    const result = await savePaste(text, actor, { confirmTeasers });
    revalidateIngest();
    return { ok: true, message: result.message, data: result };
  },
);

export const fetchPageAction = defineAction(
  { permission: "ingest:create", schema: fetchPageSchema },
  async ({ actor, input: { url } }): Promise<ActionResult<PagePreview>> => {
    return { ok: true, data: await previewPage(url, { timeZone: actor.timeZone ?? "UTC" }) };
  },
);

export const savePageAction = defineAction(
  { permission: "ingest:create", schema: savePageSchema },
  async ({ actor, input }): Promise<ActionResult<PageSaveResult>> => {
    try {
      const result = await savePage(input, actor);
      return { ok: true, message: result.message, data: result };
    } finally {
      // A failed fetch is a run too: the history shows it either way.
      revalidateIngest();
    }
  },
);
