// ISO 8601 dates as feeds write them: RFC 3339 and W3C-DTF ("2003-12-31T10:14:55.1234Z"), the reduced
// precisions W3C-DTF allows ("2003-12", "2003"), the basic format ("20031231T101455Z") and the two-digit
// years of ISO 8601:1988 that old feeds still carry ("031231", "03-12-31", "-0312"). A zone is read only
// after a time: "2013-01-27-01" is not a date.
import { buildDate, readZone, type DateParts } from "./date-parts";

const ISO =
  /^(?:(?<year>\d{4})(?:-(?<month>0?\d{1,2})(?:-(?<day>\d{1,2}))?|(?<basicMonth>\d{2})(?<basicDay>\d{2}))?|(?<shortYear>\d{2})-?(?<shortMonth>\d{2})-?(?<shortDay>\d{2})|-(?<impliedYear>\d{2})-?(?<impliedMonth>\d{2}))(?:(?:T|\s+)(?:(?<hours>\d{1,2}):(?<minutes>\d{2})(?::(?<seconds>\d{2})(?:[.,](?<fraction>\d+))?)?|(?<basicTime>\d{4}(?:\d{2})?))\s*(?<zone>Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?$/i;

export function parseIsoDate(text: string): Date | null | undefined {
  const match = text.match(ISO)?.groups;
  if (!match) return undefined;
  const parts: DateParts = match.year
    ? { year: +match.year, month: +(match.month ?? match.basicMonth ?? 1), day: +(match.day ?? match.basicDay ?? 1) }
    : match.shortYear
      ? { year: century(+match.shortYear), month: +match.shortMonth, day: +match.shortDay }
      : { year: century(+match.impliedYear), month: +match.impliedMonth, day: 1 };
  if (match.basicTime) {
    parts.hours = +match.basicTime.slice(0, 2);
    parts.minutes = +match.basicTime.slice(2, 4);
    parts.seconds = +(match.basicTime.slice(4, 6) || 0);
  } else if (match.hours) {
    parts.hours = +match.hours;
    parts.minutes = +match.minutes;
    parts.seconds = +(match.seconds ?? 0);
    parts.ms = match.fraction ? Math.round(Number(`0.${match.fraction}`) * 1000) : 0;
  }
  if (match.zone) {
    parts.zone = readZone(match.zone);
    if (!parts.zone) return null;
  }
  return buildDate(parts);
}

/** A two-digit year: 00-49 are this century, 50-99 the last. */
export function century(year: number): number {
  return year < 50 ? 2000 + year : 1900 + year;
}
