import { z } from "zod";

// One article as it arrives from a file, the API or the CLI, before dedup and storage.

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?([Zz]|[+-]\d{2}:?\d{2})$/;

function describeValue(value: unknown): string {
  if (typeof value !== "string") return (JSON.stringify(value) ?? String(value)).slice(0, 60);
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
}

// Before 1800 is a typo (no outlet we follow is that old), and Date.UTC maps years 0-99 to the 1900s.
function isRealDay(year: number, month: number, day: number): boolean {
  if (year < 1800) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** "2024-08-04" (00:00 UTC) or "2024-08-04T09:30:00+09:00"; null for anything else, impossible days included. */
export function parsePublishedDate(text: string): Date | null {
  const value = text.trim();
  const dateOnly = DATE_ONLY.exec(value);
  if (dateOnly) {
    const [year, month, day] = dateOnly.slice(1, 4).map(Number);
    return isRealDay(year, month, day) ? new Date(Date.UTC(year, month - 1, day)) : null;
  }
  const dateTime = DATE_TIME.exec(value);
  if (!dateTime) return null;
  const [year, month, day, hour, minute] = dateTime.slice(1, 6).map(Number);
  const second = Number(dateTime[6] ?? 0);
  const zone = dateTime[8];
  const zoneHours = /^[Zz]$/.test(zone) ? 0 : Number(zone.slice(1, 3));
  const zoneMinutes = /^[Zz]$/.test(zone) ? 0 : Number(zone.slice(-2));
  if (!isRealDay(year, month, day) || hour > 23 || minute > 59 || second > 59 || zoneHours > 14 || zoneMinutes > 59)
    return null;
  const time = Date.parse(value.replace(" ", "T"));
  return Number.isNaN(time) ? null : new Date(time);
}

const trimmed = (field: string, max: number) =>
  z
    .string({
      error: (issue) =>
        `${field}: expected text, got ${issue.input === undefined ? "nothing" : describeValue(issue.input)}`,
    })
    .trim()
    .min(1, { error: `${field}: must not be empty` })
    .max(max, { error: `${field}: longer than ${max.toLocaleString("en")} characters` });

// An empty CSV cell, or a JSON null, means "not given" for the optional fields.
const emptyToUndefined = (value: unknown) =>
  value === null || (typeof value === "string" && value.trim() === "") ? undefined : value;

const TRUE_WORDS = new Set(["true", "1", "yes"]);
const FALSE_WORDS = new Set(["false", "0", "no"]);

export const incomingArticleSchema = z.object(
  {
    title: trimmed("title", 1000),
    published: z.unknown().transform((value, ctx) => {
      const date = typeof value === "string" ? parsePublishedDate(value) : null;
      if (date) return date;
      ctx.addIssue({
        code: "custom",
        message: `published: expected a date like 2024-08-04, got ${value === undefined ? "nothing" : describeValue(value)}`,
      });
      return z.NEVER;
    }),
    source: trimmed("source", 200),
    url: z.preprocess(
      emptyToUndefined,
      z
        .string({ error: (issue) => `url: expected text, got ${describeValue(issue.input)}` })
        .trim()
        .max(2048, { error: "url: longer than 2,048 characters" })
        .pipe(
          z.url({
            protocol: /^https?$/,
            error: (issue) => `url: expected an http(s) address, got ${describeValue(issue.input)}`,
          }),
        )
        .optional(),
    ),
    body: trimmed("body", 1_000_000),
    language: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .trim()
        .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, {
          error: (issue) => `language: expected a code like "en", got ${describeValue(issue.input)}`,
        })
        .transform((code) => code.toLowerCase())
        .default("en"),
    ),
    /** A teaser: a title and the first lines, stored as incomplete until the full text arrives. */
    teaser: z.preprocess(
      (value) => {
        const given = emptyToUndefined(value);
        if (typeof given !== "string") return given;
        const word = given.trim().toLowerCase();
        return TRUE_WORDS.has(word) ? true : FALSE_WORDS.has(word) ? false : given;
      },
      z
        .boolean({ error: (issue) => `teaser: expected true or false, got ${describeValue(issue.input)}` })
        .default(false),
    ),
  },
  { error: (issue) => `expected an object with title, published, source and body, got ${describeValue(issue.input)}` },
);

export type IncomingArticle = z.output<typeof incomingArticleSchema>;

/** One line per problem, e.g. `published: expected a date like 2024-08-04, got "yesterday"`. */
export function formatIncomingArticleError(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const field = issue.path.join(".");
      return field && !issue.message.startsWith(`${field}:`) ? `${field}: ${issue.message}` : issue.message;
    })
    .join("; ");
}
