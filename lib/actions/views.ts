"use server";

import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import type { ActionResult } from "@/lib/actions/run-action";
import { createView, deleteView, renameView, setViewShared, type SavedViewItem } from "@/lib/data/views";
import { createViewSchema, renameViewSchema, shareViewSchema, viewIdSchema } from "@/lib/validation/views";

// Saved-view actions for the sidebar. Each takes (previousState, FormData | object), checks "views:save"
// first (sharing also needs "views:share"; renaming and deleting need the owner or an admin, checked in
// lib/data/views.ts) and returns the view as stored. The sidebar lives in the layout, so the layout is
// revalidated.
//
//   saveViewAction      { name, query (the list's query string), shared? ("on" from a checkbox) } -> { view }
//   renameViewAction    { viewId, name }     -> { view }
//   setViewSharedAction { viewId, shared }   -> { view }
//   deleteViewAction    { viewId }           -> { viewId }

export type SaveViewInput = z.input<typeof createViewSchema>;
export type RenameViewInput = z.input<typeof renameViewSchema>;
export type ShareViewInput = z.input<typeof shareViewSchema>;
export type ViewIdInput = z.input<typeof viewIdSchema>;

export const saveViewAction = defineAction(
  { permission: "views:save", schema: createViewSchema },
  async ({ actor, input }): Promise<ActionResult<{ view: SavedViewItem }>> => {
    const view = await createView(input, actor);
    revalidatePath("/", "layout");
    return {
      ok: true,
      message: view.shared ? `Saved and shared “${view.name}”.` : `Saved “${view.name}”.`,
      data: { view },
    };
  },
);

export const renameViewAction = defineAction(
  { permission: "views:save", schema: renameViewSchema },
  async ({ actor, input: { viewId, name } }): Promise<ActionResult<{ view: SavedViewItem }>> => {
    const view = await renameView(viewId, name, actor);
    revalidatePath("/", "layout");
    return { ok: true, message: `Renamed to “${view.name}”.`, data: { view } };
  },
);

export const setViewSharedAction = defineAction(
  { permission: "views:save", schema: shareViewSchema },
  async ({ actor, input: { viewId, shared } }): Promise<ActionResult<{ view: SavedViewItem }>> => {
    const view = await setViewShared(viewId, shared, actor);
    revalidatePath("/", "layout");
    return {
      ok: true,
      message: view.shared ? `“${view.name}” is shared with the team.` : `“${view.name}” is private now.`,
      data: { view },
    };
  },
);

export const deleteViewAction = defineAction(
  { permission: "views:save", schema: viewIdSchema },
  async ({ actor, input: { viewId } }): Promise<ActionResult<{ viewId: number }>> => {
    await deleteView(viewId, actor);
    revalidatePath("/", "layout");
    return { ok: true, message: "View deleted.", data: { viewId } };
  },
);
