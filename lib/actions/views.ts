"use server";

import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { actionInput, requireDeskActor } from "@/lib/actions/desk-actor";
import { parseInput, runAction, type ActionResult, type ActionState } from "@/lib/actions/run-action";
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

export async function saveViewAction(_state: ActionState<{ view: SavedViewItem }>, input: FormData | SaveViewInput) {
  return runAction(async (): Promise<ActionResult<{ view: SavedViewItem }>> => {
    const actor = await requireDeskActor("views:save");
    const parsed = parseInput(createViewSchema, actionInput(input));
    const view = await createView(parsed, actor);
    revalidatePath("/", "layout");
    return {
      ok: true,
      message: view.shared ? `Saved and shared “${view.name}”.` : `Saved “${view.name}”.`,
      data: { view },
    };
  });
}

export async function renameViewAction(
  _state: ActionState<{ view: SavedViewItem }>,
  input: FormData | RenameViewInput,
) {
  return runAction(async (): Promise<ActionResult<{ view: SavedViewItem }>> => {
    const actor = await requireDeskActor("views:save");
    const { viewId, name } = parseInput(renameViewSchema, actionInput(input));
    const view = await renameView(viewId, name, actor);
    revalidatePath("/", "layout");
    return { ok: true, message: `Renamed to “${view.name}”.`, data: { view } };
  });
}

export async function setViewSharedAction(
  _state: ActionState<{ view: SavedViewItem }>,
  input: FormData | ShareViewInput,
) {
  return runAction(async (): Promise<ActionResult<{ view: SavedViewItem }>> => {
    const actor = await requireDeskActor("views:save");
    const { viewId, shared } = parseInput(shareViewSchema, actionInput(input));
    const view = await setViewShared(viewId, shared, actor);
    revalidatePath("/", "layout");
    return {
      ok: true,
      message: view.shared ? `“${view.name}” is shared with the team.` : `“${view.name}” is private now.`,
      data: { view },
    };
  });
}

export async function deleteViewAction(_state: ActionState<{ viewId: number }>, input: FormData | ViewIdInput) {
  return runAction(async (): Promise<ActionResult<{ viewId: number }>> => {
    const actor = await requireDeskActor("views:save");
    const { viewId } = parseInput(viewIdSchema, actionInput(input));
    await deleteView(viewId, actor);
    revalidatePath("/", "layout");
    return { ok: true, message: "View deleted.", data: { viewId } };
  });
}
