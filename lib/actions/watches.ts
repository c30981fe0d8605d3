"use server";

import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import type { ActionResult } from "@/lib/actions/run-action";
import { markWatchSeen, saveWatch, unwatch, type WatchItem } from "@/lib/data/watches";
import { saveWatchSchema, watchViewSchema } from "@/lib/validation/watches";

// Watch actions of the desk's views rail. Each checks "views:watch" first; lib/data/watches.ts checks again
// that the view is the actor's own or shared.
//
//   saveWatchAction       { viewId, email?, emailFrequency?, digestHour?, digestWeekday?, webhookUrl?, ... } -> { watch }
//   unwatchAction         { viewId } -> { viewId }
//   markWatchSeenAction   { viewId } -> { marked }

export type SaveWatchInput = z.input<typeof saveWatchSchema>;

export const saveWatchAction = defineAction(
  { permission: "views:watch", schema: saveWatchSchema },
  async ({ actor, input: { viewId, ...settings } }): Promise<ActionResult<{ watch: WatchItem }>> => {
    const watch = await saveWatch(viewId, settings, actor);
    revalidatePath("/", "layout");
    return { ok: true, message: "Watching this view.", data: { watch } };
  },
);

export const unwatchAction = defineAction(
  { permission: "views:watch", schema: watchViewSchema },
  async ({ actor, input: { viewId } }): Promise<ActionResult<{ viewId: number }>> => {
    await unwatch(viewId, actor);
    revalidatePath("/", "layout");
    return { ok: true, message: "No longer watching this view.", data: { viewId } };
  },
);

export const markWatchSeenAction = defineAction(
  { permission: "views:watch", schema: watchViewSchema },
  async ({ actor, input: { viewId } }): Promise<ActionResult<{ marked: number }>> => {
    const { marked } = await markWatchSeen(viewId, actor);
    revalidatePath("/", "layout");
    return {
      ok: true,
      message: marked === 1 ? "1 article marked seen." : `${marked} articles marked seen.`,
      data: { marked },
    };
  },
);
