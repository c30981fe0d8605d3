import { z } from "zod";
import { optionalFormValue, recordId } from "@/lib/validation/article-actions";
import { MAX_SEARCH_INPUT, RULE_SCOPES } from "@/lib/constants";

// Themes and their rules as admins edit them. Schemas take a form's strings as well as typed values.

export const THEME_NAME_MAX = 60;
export const THEME_DESCRIPTION_MAX = 500;

export const themeSchema = z.object({
  name: z.string().trim().min(1, "Give the theme a name.").max(THEME_NAME_MAX, `At most ${THEME_NAME_MAX} characters.`),
  description: z.string().trim().max(THEME_DESCRIPTION_MAX, `At most ${THEME_DESCRIPTION_MAX} characters.`).default(""),
  color: z
    .string()
    .trim()
    .regex(/^#[0-9a-fA-F]{6}$/, "Choose a colour like #1d4ed8.")
    .transform((value) => value.toLowerCase()),
  parentId: optionalFormValue(recordId),
});

export type ThemeInput = z.infer<typeof themeSchema>;

const checkbox = z.preprocess((value) => value === true || value === "on" || value === "true", z.boolean());

/** The query's shape; that it can match something (not exclusions alone) is checked by lib/data/themes.ts. */
export const ruleQuerySchema = z
  .string()
  .trim()
  .min(1, "Write a query.")
  .max(MAX_SEARCH_INPUT, `At most ${MAX_SEARCH_INPUT} characters.`);

export const ruleDraftSchema = z.object({
  query: ruleQuerySchema,
  sourceIds: z.preprocess(
    (value) => (value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value]),
    z.array(recordId).max(50),
  ),
  weight: z.coerce
    .number({ message: "Weight is a number." })
    .min(0.1, "Weight is at least 0.1.")
    .max(10, "Weight is at most 10."),
  // Absent (an older form, an API caller) means anywhere, the column's default.
  scope: z.preprocess(
    (value) => (value === undefined || value === "" ? "ANYWHERE" : value),
    z.enum(RULE_SCOPES, { message: "Choose where the rule looks." }),
  ),
  enabled: checkbox,
});

export type RuleDraft = z.infer<typeof ruleDraftSchema>;

export const createRuleSchema = ruleDraftSchema.extend({ themeId: recordId });
export const updateRuleSchema = ruleDraftSchema.extend({ ruleId: recordId });
export const previewRuleSchema = ruleDraftSchema.extend({ themeId: recordId, ruleId: optionalFormValue(recordId) });

export const updateThemeSchema = themeSchema.extend({ themeId: recordId });
export const themeIdSchema = z.object({ themeId: recordId });
export const ruleIdSchema = z.object({ ruleId: recordId });
/** The rule form: a new rule (themeId) or a change to one (ruleId); the draft is checked by the schema for that case. */
export const ruleFormSchema = z.looseObject({ ruleId: optionalFormValue(recordId) });
export const emptySchema = z.object({});
