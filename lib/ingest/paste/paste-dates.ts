// The dates an aggregator page carries: the Date cell (day/month/year on KCNA Watch, ISO or written out when
// copied from elsewhere), the More From entries' "January 22, 2026", and the dateline "Pyongyang, June 10
// (KCNA) --", which has a month and a day but no year.

export type Dateline = { place: string; month: number; day: number };

const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
const MONTH_PATTERN =
  "(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";
const DATELINE = new RegExp(
  `^([\\p{Lu}][\\p{L}'.\\- ]{1,40}?),\\s+${MONTH_PATTERN}\\.?\\s+(\\d{1,2})\\s*\\(([^)]{2,40})\\)\\s*(?:--|—|–)`,
  "u",
);
const LONG_DATE = new RegExp(`^${MONTH_PATTERN}\\.?\\s+(\\d{1,2}),\\s*(\\d{4})$`, "i");
const DAY_MONTH_YEAR_WORDS = new RegExp(`^(\\d{1,2})\\s+${MONTH_PATTERN}\\.?,?\\s+(\\d{4})$`, "i");
/** The aggregator's own header ("January 22, 2026Jan 22, 2026") and a More From entry's date both start so. */
export const LONG_DATE_START = new RegExp(`^${MONTH_PATTERN}\\.?\\s+\\d{1,2},\\s*\\d{4}`, "i");
const NUMERIC = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
// ISO 8601, with or without a time after it ("2021-06-10T09:00:00+09:00"): the day as written is the date.
const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;
const YEAR_FIRST = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/;

export function parseDateline(paragraph: string): Dateline | null {
  const match = DATELINE.exec(paragraph);
  if (!match) return null;
  const month = monthNumber(match[2]);
  const day = Number(match[3]);
  if (!isValidDate(2000, month, day)) return null;
  return { place: match[1].trim(), month, day };
}

/** The agency in the dateline's brackets: "KCNA" in "Pyongyang, June 10 (KCNA) --". */
export function datelineAgency(paragraph: string): string | null {
  return DATELINE.exec(paragraph)?.[4].trim() ?? null;
}

/** "January 22, 2026" as YYYY-MM-DD; null when it is not such a date or not a real day. */
export function parseLongDate(text: string): string | null {
  const match = LONG_DATE.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[3]), monthNumber(match[1]), Number(match[2])];
  return isValidDate(year, month, day) ? formatDate(year, month, day) : null;
}

export type MetaDate = { date: string; warning?: string } | { error: string };

/**
 * The value of a Date cell. KCNA Watch writes day/month/year; a page that writes month/day/year is caught by
 * the dateline. ISO and written-out dates are unambiguous.
 */
export function parseMetaDate(raw: string, dateline: Dateline | null): MetaDate {
  const value = raw.trim();
  const unambiguous = readUnambiguous(value);
  if (unambiguous !== undefined) {
    if (unambiguous === null) return { error: `"${value}" is not a real day` };
    return dateline && !agrees(unambiguous, dateline)
      ? {
          date: unambiguous,
          warning: `the dateline says ${describeDateline(dateline)} but the Date line says ${unambiguous}; kept ${unambiguous}`,
        }
      : { date: unambiguous };
  }
  const numeric = NUMERIC.exec(value);
  if (!numeric) return { error: `"${value}" is not a date (expected dd/mm/yyyy or yyyy-mm-dd)` };
  const [first, second, year] = numeric.slice(1, 4).map(Number);
  const dayMonth = isValidDate(year, second, first) ? formatDate(year, second, first) : null;
  const monthDay = isValidDate(year, first, second) ? formatDate(year, first, second) : null;
  if (dayMonth && (!dateline || agrees(dayMonth, dateline))) return { date: dayMonth };
  if (monthDay && dateline && agrees(monthDay, dateline))
    return {
      date: monthDay,
      warning: `the Date line ${value} reads as month/day/year here: used ${monthDay} to agree with the dateline`,
    };
  if (dayMonth)
    return {
      date: dayMonth,
      warning: `the dateline says ${describeDateline(dateline!)} but the Date line ${value} says ${dayMonth}; kept ${dayMonth}`,
    };
  if (monthDay)
    return {
      date: monthDay,
      warning: `the Date line ${value} is not a valid day/month/year; read it as month/day/year: ${monthDay}`,
    };
  return { error: `"${value}" is not a real day` };
}

/** undefined: not one of these forms; null: the form, but no such day. */
function readUnambiguous(value: string): string | null | undefined {
  const iso = ISO.exec(value) ?? YEAR_FIRST.exec(value);
  if (iso) return checked(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const long = parseLongDate(value);
  if (long || LONG_DATE.test(value)) return long;
  const words = DAY_MONTH_YEAR_WORDS.exec(value);
  if (words) return checked(Number(words[3]), monthNumber(words[2]), Number(words[1]));
  return undefined;
}

function checked(year: number, month: number, day: number): string | null {
  return isValidDate(year, month, day) ? formatDate(year, month, day) : null;
}

/** A paste without a Date line still has a dateline: the latest such day not after `now`. */
export function inferDateFromDateline(dateline: Dateline, now: Date): string | null {
  const latest = now.getTime() + 86_400_000;
  for (let year = now.getUTCFullYear(); year > now.getUTCFullYear() - 8; year -= 1) {
    if (isValidDate(year, dateline.month, dateline.day) && Date.UTC(year, dateline.month - 1, dateline.day) <= latest)
      return formatDate(year, dateline.month, dateline.day);
  }
  return null;
}

function agrees(date: string, dateline: Dateline): boolean {
  return date.endsWith(`-${pad(dateline.month)}-${pad(dateline.day)}`);
}

function monthNumber(name: string): number {
  return MONTHS.findIndex((month) => month.startsWith(name.toLowerCase().replace(/\.$/, "").slice(0, 3))) + 1;
}

function isValidDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || year < 1800 || month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function formatDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${pad(month)}-${pad(day)}`;
}

function pad(value: number): string {
  return String(value).padStart(2, "0");
}

function describeDateline(dateline: Dateline): string {
  const month = MONTHS[dateline.month - 1];
  return `${month[0].toUpperCase()}${month.slice(1)} ${dateline.day}`;
}
