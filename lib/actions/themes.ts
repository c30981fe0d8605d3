"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { defineAction } from "@/lib/actions/define-action";
import { formToObject, parseInput, type ActionResult } from "@/lib/actions/run-action";
import { createTheme, deleteTheme, getThemeRerunProgress, updateTheme } from "@/lib/data/themes";
import {
  createRule,
  deleteRule,
  loadStarterRulesForAdmin,
  previewRule,
  updateRule,
  type RulePreview,
} from "@/lib/data/theme-rules";
import { sendThemeRerun } from "@/lib/jobs/themes";
import type { ThemeRerunProgress } from "@/lib/themes/rerun";
import {
  createRuleSchema,
  emptySchema,
  previewRuleSchema,
  ruleFormSchema,
  ruleIdSchema,
  themeIdSchema,
  themeSchema,
  updateRuleSchema,
  updateThemeSchema,
} from "@/lib/validation/themes";

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

export const createThemeAction = defineAction(
  { permission: "themes:manage", schema: themeSchema },
  async ({ actor, input }): Promise<ActionResult> => {
    const theme = await createTheme(input, actor);
    revalidateThemes();
    redirect(`/admin/themes/${theme.id}`);
  },
);

export const updateThemeAction = defineAction(
  { permission: "themes:manage", schema: updateThemeSchema },
  async ({ actor, input: { themeId, ...input } }): Promise<ActionResult> => {
    await updateTheme(themeId, input, actor);
    revalidateThemes(themeId);
    return { ok: true, message: "Theme saved." };
  },
);

export const deleteThemeAction = defineAction(
  { permission: "themes:manage", schema: themeIdSchema },
  async ({ actor, input }): Promise<ActionResult> => {
    await deleteTheme(input.themeId, actor);
    revalidateThemes();
    redirect("/admin/themes");
  },
);

export const saveRuleAction = defineAction(
  { permission: "themes:manage", schema: ruleFormSchema, fromForm: ruleForm },
  async ({ actor, input: form }): Promise<ActionResult<{ rerunId: number }>> => {
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
  },
);

export const deleteRuleAction = defineAction(
  { permission: "themes:manage", schema: ruleIdSchema },
  async ({ actor, input }): Promise<ActionResult> => {
    const { rerun } = await deleteRule(input.ruleId, actor);
    await queueReruns([rerun]);
    revalidateThemes(rerun.themeId);
    return { ok: true, message: "Rule deleted; re-applying the theme's other rules." };
  },
);

export const loadStarterRulesAction = defineAction(
  { permission: "themes:manage", schema: emptySchema },
  async ({ actor }): Promise<ActionResult> => {
    const { added, reruns } = await loadStarterRulesForAdmin(actor);
    await queueReruns(reruns);
    revalidateThemes();
    return {
      ok: true,
      message: added
        ? `Added ${added} starter rules; applying them to every article.`
        : "Every starter theme already has rules.",
    };
  },
);

/** The live preview of a draft rule, called by the editor while the admin types. */
export const previewRuleAction = defineAction(
  { permission: "themes:manage", schema: previewRuleSchema },
  async ({ actor, input: { themeId, ...draft } }): Promise<ActionResult<RulePreview>> => ({
    ok: true,
    data: await previewRule(themeId, draft, actor),
  }),
);

/** The theme's latest re-run, polled by the page while one runs. */
export const rerunProgressAction = defineAction(
  { permission: "themes:manage", schema: themeIdSchema },
  async ({ input }): Promise<ActionResult<ThemeRerunProgress | null>> => ({
    ok: true,
    data: await getThemeRerunProgress(input.themeId),
  }),
);
