import type { WatchFrequency } from "@/lib/generated/prisma/enums";

// When a watch's email digest is due: hourly on the hour, daily at a local hour, weekly on a local weekday at
// that hour, in the user's time zone (UTC when they have none). digestPeriodStart gives the last such moment
// at or before `now`; a digest is due when the watch has not yet gathered up to it.

/** The wall-clock parts of `date` in `timeZone`. */
function zonedParts(date: Date, timeZone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      weekday: "short",
    })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  const weekday = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(parts.weekday);
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday,
  };
}

/** The instant at which the clock in `timeZone` shows this date and hour (the earlier one in a DST overlap). */
export function zonedTime(year: number, month: number, day: number, hour: number, timeZone: string): Date {
  const wanted = Date.UTC(year, month - 1, day, hour);
  let guess = wanted;
  // Two corrections settle any offset, including across a change of offset between guess and answer.
  for (let i = 0; i < 3; i++) {
    const p = zonedParts(new Date(guess), timeZone);
    const shown = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    guess += wanted - shown;
  }
  return new Date(guess);
}

function safeZone(timeZone: string | null | undefined): string {
  try {
    new Intl.DateTimeFormat("en", { timeZone: timeZone ?? "UTC" });
    return timeZone ?? "UTC";
  } catch {
    return "UTC";
  }
}

export function digestPeriodStart(
  settings: { emailFrequency: WatchFrequency; digestHour: number; digestWeekday: number },
  timeZone: string | null | undefined,
  now: Date,
): Date | null {
  if (settings.emailFrequency === "IMMEDIATE") return null;
  if (settings.emailFrequency === "HOURLY") return new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);
  const zone = safeZone(timeZone);
  const today = zonedParts(now, zone);
  // Walk back day by day (at most a week) to the last day the digest is sent whose hour has come.
  for (let back = 0; back <= 7; back++) {
    const day = new Date(Date.UTC(today.year, today.month - 1, today.day - back));
    const weekday = day.getUTCDay();
    if (settings.emailFrequency === "WEEKLY" && weekday !== settings.digestWeekday) continue;
    const at = zonedTime(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), settings.digestHour, zone);
    if (at.getTime() <= now.getTime()) return at;
  }
  return null;
}
