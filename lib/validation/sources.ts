import { z } from "zod";

// The feed-source form (create and edit) and the row actions of the sources page.

export const MIN_POLL_MINUTES = 5;
export const MAX_POLL_MINUTES = 7 * 24 * 60;
/** The longest re-check interval a source can ask for: a year. */
export const MAX_RECHECK_HOURS = 366 * 24;

const sourceId = z.coerce.number().int().positive();
// An HTML checkbox posts "on" when ticked and nothing when not.
const checkbox = z
  .string()
  .optional()
  .transform((value) => value === "on" || value === "true");

export const feedUrlSchema = z
  .string()
  .trim()
  .min(1, "Enter the feed's URL.")
  .max(2000, "That URL is too long.")
  .refine((value) => {
    if (!URL.canParse(value)) return false;
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  }, "Enter a full http:// or https:// address.")
  .refine(
    (value) => !URL.canParse(value) || (!new URL(value).username && !new URL(value).password),
    "Leave user names and passwords out of the URL.",
  );

export const sourceFormSchema = z.object({
  name: z.string().trim().min(1, "Enter a name.").max(120, "Keep the name under 120 characters."),
  url: feedUrlSchema,
  language: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/, "Use a language code such as en, ko or zh-hans."),
  pollIntervalMinutes: z.coerce
    .number({ message: "Enter a number of minutes." })
    .int("Use whole minutes.")
    .min(MIN_POLL_MINUTES, `Poll at most every ${MIN_POLL_MINUTES} minutes.`)
    .max(MAX_POLL_MINUTES, "Poll at least once a week."),
  fetchFullText: checkbox,
  active: checkbox,
  // Blank: re-check the source's pages by their age (hourly, daily, monthly); 0: never; else every N hours.
  recheckHours: z.preprocess(
    (value) => (value === undefined || value === null || (typeof value === "string" && !value.trim()) ? null : value),
    z.coerce
      .number({ message: "Enter a number of hours, 0, or nothing." })
      .int("Use whole hours.")
      .min(0, "Use 0 to never re-check.")
      .max(MAX_RECHECK_HOURS, "Re-check at least once a year.")
      .nullable(),
  ),
});

export const updateSourceSchema = sourceFormSchema.extend({ sourceId });
export const sourceIdSchema = z.object({ sourceId });
export const setSourceActiveSchema = z.object({
  sourceId,
  active: z.enum(["true", "false"]).transform((value) => value === "true"),
});
export const testFeedSchema = z.object({ url: feedUrlSchema });

export type SourceFormInput = z.infer<typeof sourceFormSchema>;
