import { parseDay } from "@/lib/validation/article-filter-url";

// What a date field's value means for the filter. A browser's date field lets a click that lands in the
// year keep typing past four digits ("12024"), which is no day the filter can use: say so instead of
// ignoring it silently.

export type DateFieldReading = { kind: "day"; day: Date } | { kind: "empty" } | { kind: "invalid"; message: string };

export const LAST_YEAR = 9999;

export function readDateField(value: string, badInput = false): DateFieldReading {
  if (!value)
    return badInput ? { kind: "invalid", message: "Finish the date: day, month and year." } : { kind: "empty" };
  const year = Number(value.split("-")[0]);
  if (!/^\d{4}-/.test(value) || year > LAST_YEAR)
    return { kind: "invalid", message: "The year needs four digits, like 2024." };
  if (year < 1900) return { kind: "invalid", message: "Pick a year from 1900 on." };
  const day = parseDay(value);
  return day ? { kind: "day", day } : { kind: "invalid", message: "That day does not exist." };
}
