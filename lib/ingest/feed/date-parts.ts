// What the feed date readers (date.ts) share: zone names, UTC offsets and the one place an instant is
// built, which rejects what no calendar or clock has (month 13, 30 February, 25:00, an offset of -99:99).

// Offsets in minutes. CST is taken as US Central (RFC 822), IST as India (the likelier in news feeds).
// prettier-ignore
const ZONES: Record<string, number> = {
  z: 0, ut: 0, utc: 0, gmt: 0, wet: 0,
  bst: 60, cet: 60, met: 60, wat: 60, west: 60,
  cest: 120, eet: 120, sast: 120, mest: 120,
  eest: 180, msk: 180,
  ist: 330, pkt: 300, ict: 420, wib: 420,
  hkt: 480, sgt: 480, awst: 480, pht: 480,
  jst: 540, kst: 540, acst: 570, aest: 600, aedt: 660, nzst: 720, nzdt: 780,
  brt: -180, art: -180, brst: -120, adt: -180, ast: -240, edt: -240, est: -300, cdt: -300,
  cst: -360, mdt: -360, mst: -420, pdt: -420, pst: -480, akdt: -480, akst: -540, hst: -600,
};

// North American zones named without saying standard or daylight time ("16:31 PT"): their offset is
// the one in force on that date, by the US rules (Canada's Atlantic provinces follow them too).
// prettier-ignore
const GENERIC_ZONES: Record<string, number> = { at: -240, et: -300, ct: -360, mt: -420, pt: -480, akt: -540 };

/** The largest UTC offset in use is +14:00 (Kiribati); anything beyond is not a time zone. */
const MAX_OFFSET_MINUTES = 14 * 60;

export type Zone = { offset: number } | { generic: number };

/** A zone name (EST, KST, PT, Etc/GMT) or a numeric offset (+0900, -05:00, GMT+1), or null. */
export function readZone(token: string): Zone | null {
  const lower = token.toLowerCase().replace(/^etc\//, "");
  if (lower in ZONES) return { offset: ZONES[lower] };
  if (lower in GENERIC_ZONES) return { generic: GENERIC_ZONES[lower] };
  const offset = readOffset(lower.replace(/^(gmt|utc)(?=[+-])/, ""));
  return offset === null ? null : { offset };
}

/** A numeric UTC offset in minutes ("+09:00", "-0500", "+9"), or null when it is not a possible one. */
export function readOffset(text: string): number | null {
  const match = text.match(/^([+-])(\d{1,2})(?::?(\d{2}))?$/);
  if (!match) return null;
  const minutes = match[3] ? +match[3] : 0;
  const total = +match[2] * 60 + minutes;
  if (minutes > 59 || total > MAX_OFFSET_MINUTES) return null;
  return match[1] === "-" ? -total : total;
}

export type DateParts = {
  year: number;
  month: number;
  day: number;
  hours?: number;
  minutes?: number;
  seconds?: number;
  ms?: number;
  zone?: Zone | null;
};

/** The instant, or null for a date or time that does not exist. A date without a zone is UTC. */
export function buildDate(parts: DateParts): Date | null {
  const { year, month, day, hours = 0, minutes = 0, seconds = 0, ms = 0 } = parts;
  if (month < 1 || month > 12 || day < 1 || day > 31 || minutes > 59 || seconds > 60) return null;
  if (hours > 24 || (hours === 24 && (minutes > 0 || seconds > 0 || ms > 0))) return null;
  const midnight = new Date(0);
  // Date.UTC would read years 0-99 as 1900-1999; setUTCFullYear does not.
  midnight.setUTCFullYear(year, month - 1, day);
  // Rejects 30 February rather than rolling it over to March.
  if (midnight.getUTCMonth() !== month - 1 || midnight.getUTCDate() !== day) return null;
  const zone = parts.zone;
  const offset = !zone ? 0 : "offset" in zone ? zone.offset : zone.generic + (usDaylightTime(parts) ? 60 : 0);
  const clock = ((hours * 60 + minutes - offset) * 60 + Math.min(seconds, 59)) * 1000 + ms;
  return new Date(midnight.getTime() + clock);
}

/** Whether US daylight saving time is in force at this local date and hour (rules since 1967). */
function usDaylightTime({ year, month, day, hours = 0 }: DateParts): boolean {
  const [start, end] =
    year >= 2007
      ? [nthSunday(year, 3, 2), nthSunday(year, 11, 1)]
      : year >= 1987
        ? [nthSunday(year, 4, 1), lastSunday(year, 10)]
        : [lastSunday(year, 4), lastSunday(year, 10)];
  const at = Date.UTC(year, month - 1, day, hours);
  return at >= Date.UTC(year, start.month - 1, start.day, 2) && at < Date.UTC(year, end.month - 1, end.day, 2);
}

function nthSunday(year: number, month: number, n: number): { month: number; day: number } {
  const firstWeekday = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  return { month, day: 1 + ((7 - firstWeekday) % 7) + (n - 1) * 7 };
}

function lastSunday(year: number, month: number): { month: number; day: number } {
  const last = new Date(Date.UTC(year, month, 0));
  return { month, day: last.getUTCDate() - last.getUTCDay() };
}
