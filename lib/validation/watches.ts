import { z } from "zod";
import { recordId } from "@/lib/validation/article-actions";

// A watch's settings as the dialog, the REST API and the tests send them. Checkboxes post "on" or nothing.

export const WATCH_FREQUENCIES = ["IMMEDIATE", "HOURLY", "DAILY", "WEEKLY"] as const;
export const WATCH_CHANNELS = ["EMAIL", "WEBHOOK"] as const;

const flag = z.preprocess((value) => {
  if (typeof value === "string") return /^(on|true|1|yes)$/i.test(value.trim());
  return value ?? false;
}, z.boolean());

const optionalText = z.preprocess(
  (value) => (typeof value === "string" && value.trim() === "" ? null : value),
  z.string().trim().max(2_000).nullable().default(null),
);

export const watchSettingsSchema = z.object({
  email: flag,
  emailFrequency: z.enum(WATCH_FREQUENCIES).default("IMMEDIATE"),
  digestHour: z.coerce
    .number()
    .int()
    .min(0, "Pick an hour from 0 to 23.")
    .max(23, "Pick an hour from 0 to 23.")
    .default(8),
  digestWeekday: z.coerce.number().int().min(0).max(6).default(1),
  webhookUrl: optionalText.pipe(
    z.url({ protocol: /^https?$/, message: "The webhook address must be an http(s) URL." }).nullable(),
  ),
  /** Unchanged when left empty and a secret is already set; a new one is made when none is. */
  webhookSecret: optionalText,
  spike: flag,
  spikeK: z.coerce.number().min(1).max(10).default(3),
  spikeMinCount: z.coerce.number().int().min(1).max(10_000).default(5),
  silenceDays: z.preprocess(
    (value) => (value === "" || value === undefined ? null : value),
    z.coerce.number().int().min(1, "Silence needs at least 1 day.").max(365).nullable(),
  ),
});

export type WatchSettingsInput = z.input<typeof watchSettingsSchema>;
export type WatchSettings = z.output<typeof watchSettingsSchema>;

export const saveWatchSchema = watchSettingsSchema.extend({ viewId: recordId });
export const watchViewSchema = z.object({ viewId: recordId });

/** The REST API's view (POST /api/v1/views): name, query string as in the desk URL, shared, and a watch. */
export const apiCreateViewSchema = z.object({
  name: z.string({ message: "Name the view." }),
  query: z.string().max(4_000).default(""),
  shared: z.boolean().default(false),
  /** Watch settings, or null / absent for no watch (checked whole by watchSettingsSchema once merged). */
  watch: z.record(z.string(), z.unknown()).nullable().optional(),
});

/** PATCH /api/v1/views/{id}: only what is given changes; `watch: null` stops watching. */
export const apiUpdateViewSchema = z.object({
  name: z.string().optional(),
  query: z.string().max(4_000).optional(),
  shared: z.boolean().optional(),
  /** Only the settings given change (merged over the current ones, then checked whole). */
  watch: z.record(z.string(), z.unknown()).nullable().optional(),
});
