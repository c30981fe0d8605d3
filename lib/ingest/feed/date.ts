// Feed dates as publishers really write them: ISO 8601 / RFC 3339, RFC 822 with named zones ("EST"),
// day and month in either order, 12-hour clocks, and month names in the languages of the sources we
// follow (UOL writes "Seg, 24 Set 2018"). Date.parse is not used: it reads a zoneless string in the
// server's local time zone and knows no month name but English ones.

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

// First three letters (accents removed) in English, Portuguese, Spanish, French, German, Italian, Dutch.
// prettier-ignore
const MONTHS: Record<string, number> = {
  jan: 1, ene: 1, gen: 1, janv: 1,
  feb: 2, fev: 2,
  mar: 3, mrt: 3, maa: 3,
  apr: 4, abr: 4, avr: 4,
  may: 5, mai: 5, mag: 5, mei: 5,
  jun: 6, giu: 6, juin: 6,
  jul: 7, lug: 7, juil: 7,
  aug: 8, ago: 8, aou: 8,
  sep: 9, set: 9,
  oct: 10, out: 10, okt: 10, ott: 10,
  nov: 11,
  dec: 12, dez: 12, dic: 12,
};

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * The instant a feed date string denotes, or null when it cannot be read. A date without a zone is
 * taken as UTC, so the result does not depend on where the worker runs.
 */
export function parseFeedDate(raw: string | null | undefined): Date | null {
  const text = raw?.replace(/\s+/g, " ").trim();
  if (!text) return null;
  const iso = text.match(ISO);
  if (iso) {
    const [, y, mo, d, h = "0", mi = "0", s = "0", fraction = "0", zone] = iso;
    const ms = Math.round(Number(`0.${fraction}`) * 1000);
    return buildDate(+y, +mo, +d, +h, +mi, +s, ms, zone ? readOffset(zone) : 0);
  }
  return parseWrittenDate(text);
}

function parseWrittenDate(text: string): Date | null {
  let day: number | null = null;
  let month: number | null = null;
  let year: number | null = null;
  let time: number[] | null = null;
  let meridiem: "am" | "pm" | null = null;
  let offset: number | null = null;

  const tokens = text
    .replace(/[()]/g, " ")
    .split(/[\s,]+/)
    .flatMap((token) =>
      /^\d{1,2}[-/.][A-Za-z\u00c0-\u024f]+\.?[-/.]\d{2,4}$/.test(token) ? token.split(/[-/.]+/) : [token],
    );
  for (const token of tokens) {
    const lower = token.toLowerCase().replace(/\.$/, "");
    const clock = lower.match(/^(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?(am|pm)?$/);
    if (clock) {
      time = [+clock[1], +clock[2], clock[3] ? +clock[3] : 0];
      if (clock[4]) meridiem = clock[4] as "am" | "pm";
    } else if (lower === "am" || lower === "pm") {
      meridiem = lower;
    } else if (/^[+-]\d{2}:?\d{2}$/.test(lower) || /^(gmt|utc)[+-]\d{1,2}(:?\d{2})?$/.test(lower)) {
      offset = readOffset(lower.replace(/^(gmt|utc)/, ""));
    } else if (/^\d{4}$/.test(lower) && year === null) {
      year = +lower;
    } else if (/^\d{1,2}(st|nd|rd|th)?$/.test(lower)) {
      const n = parseInt(lower, 10);
      if (day === null) day = n;
      else if (year === null) year = n < 50 ? 2000 + n : 1900 + n;
    } else if (lower in ZONES) {
      offset = ZONES[lower];
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
  const hours =
    meridiem === "pm" && clockHours < 12 ? clockHours + 12 : meridiem === "am" && clockHours === 12 ? 0 : clockHours;
  return buildDate(year, month, day, hours, minutes, seconds, 0, offset ?? 0);
}

function readOffset(zone: string): number {
  const lower = zone.toLowerCase();
  if (lower in ZONES) return ZONES[lower];
  const match = lower.match(/^([+-])(\d{1,2}):?(\d{2})?$/);
  if (!match) return 0;
  const minutes = +match[2] * 60 + (match[3] ? +match[3] : 0);
  return match[1] === "-" ? -minutes : minutes;
}

function buildDate(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  ms: number,
  offset: number,
): Date | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || s > 60) return null;
  const utc = Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59), ms);
  const check = new Date(Date.UTC(y, mo - 1, d));
  // Rejects 30 February rather than rolling it over to March.
  if (check.getUTCDate() !== d) return null;
  return new Date(utc - offset * 60_000);
}
