// Feed dates as publishers really write them: ISO 8601 / RFC 3339 (date-iso.ts), Korean, Japanese and
// Chinese forms (date-east-asian.ts), and here RFC 822 with named zones ("EST", "PT"), day and month in
// either order, 12-hour clocks, and month names in the languages of the sources we follow (UOL writes
// "Seg, 24 Set 2018"). Date.parse is not used: it reads a zoneless string in the server's local time
// zone and knows no month name but English ones. What cannot be a date (an offset of -99:99, a clock of
// 1:2:3:4, 30 February) gives null rather than a guess.
import { parseEastAsianDate } from "./date-east-asian";
import { century, parseIsoDate } from "./date-iso";
import { buildDate, readOffset, readZone, type Zone } from "./date-parts";

// First three or four letters (accents removed) in English, Portuguese, Spanish, French, German, Italian,
// Dutch, Hungarian and Greek.
// prettier-ignore
const MONTHS: Record<string, number> = {
  jan: 1, ene: 1, gen: 1, janv: 1, ιαν: 1,
  feb: 2, fev: 2, φεβ: 2,
  mar: 3, mrt: 3, maa: 3, μαρ: 3,
  apr: 4, abr: 4, avr: 4, απρ: 4,
  may: 5, mai: 5, mag: 5, mei: 5, maj: 5, μαι: 5,
  jun: 6, giu: 6, juin: 6, ιουν: 6,
  jul: 7, lug: 7, juil: 7, ιουλ: 7,
  aug: 8, ago: 8, aou: 8, αυγ: 8,
  sep: 9, set: 9, sze: 9, σεπ: 9,
  oct: 10, out: 10, okt: 10, ott: 10, οκτ: 10,
  nov: 11, νοε: 11,
  dec: 12, dez: 12, dic: 12, δεκ: 12,
};

/**
 * The instant a feed date string denotes, or null when it cannot be read. A date without a zone is
 * taken as UTC (East Asian forms as UTC+9), so the result does not depend on where the worker runs.
 */
export function parseFeedDate(raw: string | null | undefined): Date | null {
  const text = raw?.replace(/\s+/g, " ").trim();
  if (!text) return null;
  const iso = parseIsoDate(text);
  if (iso !== undefined) return iso;
  const eastAsian = parseEastAsianDate(text);
  if (eastAsian !== undefined) return eastAsian;
  return parseWrittenDate(text);
}

function parseWrittenDate(text: string): Date | null {
  let day: number | null = null;
  let month: number | null = null;
  let year: number | null = null;
  let time: number[] | null = null;
  let meridiem: "am" | "pm" | null = null;
  let zone: Zone | null = null;

  for (const token of tokenize(text)) {
    const lower = token.toLowerCase().replace(/\.$/, "");
    const clock = lower.match(/^(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?(am|pm)?$/);
    const numeric = lower.match(/^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})$/);
    if (clock) {
      time = [+clock[1], +clock[2], clock[3] ? +clock[3] : 0];
      if (clock[4]) meridiem = clock[4] as "am" | "pm";
    } else if (numeric) {
      [year, month, day] = [+numeric[1], +numeric[2], +numeric[3]];
    } else if (lower === "am" || lower === "pm") {
      meridiem = lower;
    } else if (/^[+-][\da-z:]+$/.test(lower) || /^(gmt|utc)[+-]/.test(lower)) {
      const offset = readOffset(lower.replace(/^(gmt|utc)/, ""));
      // "+zz:00" or "-99:99" is not a zone to ignore: the date around it cannot be trusted either.
      if (offset === null) return null;
      zone = { offset };
    } else if (lower.includes(":")) {
      return null;
    } else if (/^\d{4}$/.test(lower) && year === null) {
      year = +lower;
    } else if (/^\d{1,2}(st|nd|rd|th)?$/.test(lower)) {
      const n = parseInt(lower, 10);
      if (day === null) day = n;
      else if (year === null) year = century(n);
    } else if (readZone(lower)) {
      zone = readZone(lower);
    } else if (/^\p{L}{3,}$/u.test(lower)) {
      // The last month-like word wins: a leading weekday can look like a month ("mar" is Tuesday in
      // Spanish and French).
      const plain = lower.normalize("NFD").replace(/\p{M}/gu, "");
      const found = MONTHS[plain.slice(0, 4)] ?? MONTHS[plain.slice(0, 3)];
      if (found) month = found;
    }
  }
  if (day === null || month === null || year === null) return null;
  const [clockHours, minutes, seconds] = time ?? [0, 0, 0];
  if (meridiem && clockHours > 12) return null;
  const hours =
    meridiem === "pm" && clockHours < 12 ? clockHours + 12 : meridiem === "am" && clockHours === 12 ? 0 : clockHours;
  return buildDate({ year, month, day, hours, minutes, seconds, zone });
}

/**
 * Words of the date, with the joined forms split: "16-Dec-2023", "2004-július-13T9:15-05:00" (an ISO date
 * with a month name), "10:00+0200" (a clock glued to its offset).
 */
function tokenize(text: string): string[] {
  return text
    .replace(/^(\d{4})-(\p{L}+)-(\d{1,2})T/u, "$3 $2 $1 ")
    .replace(/(\d:\d{2}(?::\d{2})?(?:[.,]\d+)?)([+-]\d{2}:?\d{2})\b/g, "$1 $2")
    .replace(/[()]/g, " ")
    .split(/[\s,]+/)
    .filter(Boolean)
    .flatMap((token) =>
      /^\d{1,2}[-/.][A-Za-z\u00c0-\u024f]+\.?[-/.]\d{2,4}$/.test(token) ? token.split(/[-/.]+/) : [token],
    );
}
