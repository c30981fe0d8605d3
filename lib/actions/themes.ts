"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireDeskActor } from "@/lib/actions/desk-actor";
import { formToObject, parseInput, runAction, type ActionResult, type ActionState } from "@/lib/actions/run-action";
import {
  createRule,
  createTheme,
  deleteRule,
  deleteTheme,
  getThemeRerunProgress,
  loadStarterRulesForAdmin,
  previewRule,
  updateRule,
  updateTheme,
  type RulePreview,
} from "@/lib/data/themes";
import { sendThemeRerun } from "@/lib/jobs/themes";
import type { ThemeRerunProgress } from "@/lib/themes/rerun";
import { recordId } from "@/lib/validation/article-actions";
import { createRuleSchema, previewRuleSchema, themeSchema, updateRuleSchema } from "@/lib/validation/themes";

/** Form fields, with the rule's source limit as the list a multiple select sends. */
function ruleForm(formData: FormData): Record<string, unknown> {
  return { ...formToObject(formData), sourceIds: formData.getAll("sourceIds"), enabled: formData.get("enabled") ?? "" };
}

async function queueReruns(reruns: ThemeRerunProgress[]): Promise<void> {
  for (const rerun of reruns) await sendThemeRerun(rerun.id);
}

function revalidateThemes(themeId?: number): void {
  revalidatePath("/admin/themes");
  if (themeId) revalidatePath(`/admin/themes/${themeId}`);
}

export async function createThemeAction(_state: ActionState, formData: FormData) {
  return runAction(async (): Promise<ActionResult> => {
    const actor = await requireDeskActor("themes:manage");
    const input = parseInput(themeSchema, formToObject(formData));
    const theme = await createTheme(input, actor);
    revalidateThemes();
    redirect(`/admin/themes/${theme.id}`);
  });
}

export async function updateThemeAction(_state: ActionState, formData: FormData) {
  return runAction(async (): Promise<ActionResult> => {
    const actor = await requireDeskActor("themes:manage");
    const themeId = parseInput(recordId, formData.get("themeId"));
    const input = parseInput(themeSchema, formToObject(formData));
    await updateTheme(themeId, input, actor);
    revalidateThemes(themeId);
    return { ok: true, message: "Theme saved." };
  });
}

export async function deleteThemeAction(_state: ActionState, formData: FormData) {
  return runAction(async (): Promise<ActionResult> => {
    const actor = await requireDeskActor("themes:manage");
    await deleteTheme(parseInput(recordId, formData.get("themeId")), actor);
    revalidateThemes();
    redirect("/admin/themes");
  });
}

export async function saveRuleAction(_state: ActionState<{ rerunId: number }>, formData: FormData) {
  return runAction(async (): Promise<ActionResult<{ rerunId: number }>> => {
    const actor = await requireDeskActor("themes:manage");
    const form = ruleForm(formData);
    let rerun: ThemeRerunProgress;
    if (form.ruleId) {
      const { ruleId, ...draft } = parseInput(updateRuleSchema, form);
      ({ rerun } = await updateRule(ruleId, draft, actor));
    } else {
      const { themeId, ...draft } = parseInput(createRuleSchema, form);
      ({ rerun } = await createRule(themeId, draft, actor));
    }
    await queueReruns([rerun]);
    revalidateThemes(rerun.themeId);
    return {
      ok: true,
      message: "Rule saved; re-applying the theme's rules to every article.",
      data: { rerunId: rerun.id },
    };
  });
}

export async function deleteRuleAction(_state: ActionState, formData: FormData) {
  return runAction(async (): Promise<ActionResult> => {
    const actor = await requireDeskActor("themes:manage");
    const { rerun } = await deleteRule(parseInput(recordId, formData.get("ruleId")), actor);
    await queueReruns([rerun]);
    revalidateThemes(rerun.themeId);
    return { ok: true, message: "Rule deleted; re-applying the theme's other rules." };
  });
}

export async function loadStarterRulesAction() {
  return runAction(async (): Promise<ActionResult> => {
    const actor = await requireDeskActor("themes:manage");
    const { added, reruns } = await loadStarterRulesForAdmin(actor);
    await queueReruns(reruns);
    revalidateThemes();
    return {
      ok: true,
      message: added
        ? `Added ${added} starter rules; applying them to every article.`
        : "Every starter theme already has rules.",
    };
  });
}

/** The live preview of a draft rule, called by the editor while the admin types. */
export async function previewRuleAction(input: Record<string, unknown>): Promise<ActionResult<RulePreview>> {
  return runAction(async () => {
    const actor = await requireDeskActor("themes:manage");
    const { themeId, ...draft } = parseInput(previewRuleSchema, input);
    return { ok: true, data: await previewRule(themeId, draft, actor) };
  });
}

/** The theme's latest re-run, polled by the page while one runs. */
export async function rerunProgressAction(themeId: number): Promise<ActionResult<ThemeRerunProgress | null>> {
  return runAction(async () => {
    await requireDeskActor("themes:manage");
    return { ok: true, data: await getThemeRerunProgress(parseInput(recordId, themeId)) };
  });
}
