// Parses an article page copied from a KCNA Watch style aggregator (see test/fixtures/paste/kcna-watch-page.txt):
//   date header / source line ("KCNA KCNA.kp (En)") / title / "Date: 10/06/2021 | Source: KCNA.kp (En) | ..." /
//   body from the dateline "Pyongyang, June 10 (KCNA) --" to the end mark "-0-" /
//   "More From KCNA.kp (En)": per entry the title (twice), a teaser, "January 22, 2026", the teaser again / "More Articles".
// Pure and total: text that does not fit gives `errors`, never an exception.

export type Dateline = { place: string; month: number; day: number };

export type PastedArticle = {
  title: string;
  /** The aggregator's source label, e.g. "KCNA.kp (En)". */
  source: string;
  /** The outlet the article is filed under: "KCNA", "Rodong Sinmun", or the label without its language tag. */
  outlet: string;
  /** YYYY-MM-DD. */
  publishedDate: string;
  /** Paragraphs joined by "\n"; the dateline stays in, the end mark does not. */
  body: string;
  /** False for More-From teasers, whose text the aggregator cuts short. */
  complete: boolean;
  dateline: Dateline | null;
};

/** `main` is null whenever `errors` is not empty; warnings flag guesses the analyst should check. */
export type PasteParseResult = {
  main: PastedArticle | null;
  more: PastedArticle[];
  warnings: string[];
  errors: string[];
};

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
const META_DATE = /^Date:\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/i;
const MORE_FROM = /^More From\s+(\S.*)$/i;
const MORE_ARTICLES = /^More Articles$/i;
const END_MARK = /\s*-0-\s*$/;
const AGGREGATOR_HEADER = new RegExp(`^${MONTH_PATTERN}\\.?\\s+\\d{1,2},\\s*\\d{4}`, "i");

// Known outlets by the start of the aggregator's label; anything else keeps its label minus the "(En)" tag.
const OUTLETS: [RegExp, string][] = [
  [/^kcna\b/i, "KCNA"],
  [/^rodong\b/i, "Rodong Sinmun"],
];

export function parseKcnaWatchPaste(text: string, options: { now?: Date } = {}): PasteParseResult {
  const now = options.now ?? new Date();
  const warnings: string[] = [];
  const errors: string[] = [];
  const lines = normalizeLines(text);

  const moreIndex = findMoreFrom(lines);
  const mainLines = moreIndex === -1 ? lines : lines.slice(0, moreIndex);
  const more = moreIndex === -1 ? [] : parseMoreFrom(lines.slice(moreIndex), warnings);
  const main = parseMain(mainLines, now, warnings, errors);
  return { main: errors.length === 0 ? main : null, more, warnings, errors };
}

/** "KCNA.kp (En)" -> "KCNA", "Rodong Sinmun (En)" -> "Rodong Sinmun", "Uriminzokkiri (En)" -> "Uriminzokkiri". */
export function mapOutlet(source: string): string {
  const known = OUTLETS.find(([pattern]) => pattern.test(source));
  return known ? known[1] : source.replace(/\s*\([A-Za-z]{2}\)$/, "").trim();
}

export function parseDateline(paragraph: string): Dateline | null {
  const match = DATELINE.exec(paragraph);
  if (!match) return null;
  const month = monthNumber(match[2]);
  const day = Number(match[3]);
  if (!isValidDate(2000, month, day)) return null;
  return { place: match[1].trim(), month, day };
}

function normalizeLines(text: string): string[] {
  return text
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .replace(/[\u200B\u200C\u200D\u2060\uFEFF]/g, "")
    .split("\n")
    .map((line) => line.replace(/[\s\u00A0\u2007\u202F\u3000]+/g, " ").trim());
}

function findMoreFrom(lines: string[]): number {
  const endMark = lines.findIndex((line) => END_MARK.test(line));
  return lines.findIndex((line, index) => index > endMark && MORE_FROM.test(line));
}

function parseMain(lines: string[], now: Date, warnings: string[], errors: string[]): PastedArticle | null {
  const metaIndex = lines.findIndex((line) => META_DATE.test(line.split("|")[0].trim()));
  const meta = metaIndex === -1 ? null : parseMetaLine(lines[metaIndex]);
  const datelineIndex = lines.findIndex((line, index) => index > metaIndex && DATELINE.test(line));
  const bodyStart = metaIndex !== -1 ? metaIndex + 1 : datelineIndex;
  const headerEnd = metaIndex !== -1 ? metaIndex : datelineIndex;

  const sourceLabel = meta?.source ?? findSourceLine(lines.slice(0, Math.max(headerEnd, 0)));
  const title = headerEnd === -1 ? null : findTitle(lines.slice(0, headerEnd), sourceLabel);
  if (!title) errors.push("no title found");

  const body = bodyStart === -1 ? [] : collectBody(lines.slice(bodyStart), warnings);
  if (bodyStart !== -1 && body.length === 0) errors.push("no body found");
  const dateline = body.length > 0 ? parseDateline(body[0]) : null;

  const publishedDate = meta
    ? resolveMetaDate(meta.date, dateline, warnings)
    : inferDateFromDateline(dateline, now, warnings);
  if (!publishedDate) errors.push("no date found");
  else if (Date.parse(`${publishedDate}T00:00:00Z`) > now.getTime() + 86_400_000) {
    warnings.push(`The date ${publishedDate} is in the future.`);
  }

  let source = sourceLabel;
  if (!source && dateline) {
    source = DATELINE.exec(body[0])?.[4] ?? null;
    if (source) warnings.push(`No source line; the source "${source}" comes from the dateline.`);
  }
  if (!source) errors.push("no source found");

  if (!title || !publishedDate || !source || body.length === 0) return null;
  return { title, source, outlet: mapOutlet(source), publishedDate, body: body.join("\n"), complete: true, dateline };
}

function parseMetaLine(line: string): { date: [number, number, number]; source: string | null } {
  const segments = line.split("|").map((segment) => segment.trim());
  const [, first, second, year] = META_DATE.exec(segments[0]) ?? [];
  const sourceSegment = segments.find((segment) => /^Source:/i.test(segment));
  const source = sourceSegment?.replace(/^Source:\s*/i, "").trim() || null;
  return { date: [Number(first), Number(second), Number(year)], source };
}

function findSourceLine(header: string[]): string | null {
  // "KCNA KCNA.kp (En)": the outlet's short name, then the aggregator's label with its language tag.
  const line = header.find((candidate) => /^\S+\s+\S.*\([A-Za-z]{2}\)$/.test(candidate));
  return line ? line.replace(/^(Rodong Sinmun|\S+)\s+/i, "") : null;
}

function findTitle(header: string[], sourceLabel: string | null): string | null {
  const candidate = [...header].reverse().find((line) => line !== "");
  if (!candidate || AGGREGATOR_HEADER.test(candidate)) return null;
  if (sourceLabel && candidate.endsWith(sourceLabel)) return null;
  return candidate;
}

function collectBody(lines: string[], warnings: string[]): string[] {
  const paragraphs: string[] = [];
  let ended = false;
  let ignored = 0;
  for (const line of lines) {
    if (line === "") continue;
    if (ended) {
      ignored += 1;
      continue;
    }
    if (END_MARK.test(line)) {
      const rest = line.replace(END_MARK, "");
      if (rest) paragraphs.push(rest);
      ended = true;
      continue;
    }
    paragraphs.push(line);
  }
  if (!ended && paragraphs.length > 0) warnings.push("No end mark (-0-) found; the body runs to the end of the paste.");
  if (ignored > 0) warnings.push(`Ignored ${ignored} line(s) after the end mark.`);
  return paragraphs;
}

// The aggregator writes day/month/year. A page that writes month/day/year is caught by the dateline.
function resolveMetaDate(
  [first, second, year]: [number, number, number],
  dateline: Dateline | null,
  warnings: string[],
): string | null {
  const dayMonth = isValidDate(year, second, first) ? formatDate(year, second, first) : null;
  const monthDay = isValidDate(year, first, second) ? formatDate(year, first, second) : null;
  const raw = `${first}/${second}/${year}`;
  const agrees = (date: string | null) =>
    date !== null && dateline !== null && date.endsWith(`-${pad(dateline.month)}-${pad(dateline.day)}`);

  if (dayMonth && (!dateline || agrees(dayMonth))) return dayMonth;
  if (monthDay && agrees(monthDay)) {
    warnings.push(`The Date line ${raw} reads as month/day/year here: used ${monthDay} to agree with the dateline.`);
    return monthDay;
  }
  if (dayMonth) {
    if (dateline)
      warnings.push(
        `The dateline says ${describeDateline(dateline)} but the Date line ${raw} says ${dayMonth}; kept ${dayMonth}.`,
      );
    return dayMonth;
  }
  if (monthDay) {
    warnings.push(`The Date line ${raw} is not a valid day/month/year; read it as month/day/year: ${monthDay}.`);
    return monthDay;
  }
  return null;
}

// A paste without the Date line still has a dateline (month and day): take the latest such date not after `now`.
function inferDateFromDateline(dateline: Dateline | null, now: Date, warnings: string[]): string | null {
  if (!dateline) return null;
  const today = now.getTime() + 86_400_000;
  for (let year = now.getUTCFullYear(); year > now.getUTCFullYear() - 8; year -= 1) {
    if (isValidDate(year, dateline.month, dateline.day) && Date.UTC(year, dateline.month - 1, dateline.day) <= today) {
      const date = formatDate(year, dateline.month, dateline.day);
      warnings.push(`No Date line; the date ${date} comes from the dateline, with the year assumed.`);
      return date;
    }
  }
  return null;
}

function parseMoreFrom(lines: string[], warnings: string[]): PastedArticle[] {
  const source = MORE_FROM.exec(lines[0])?.[1].trim() ?? "";
  const outlet = mapOutlet(source);
  const content = lines.slice(1).filter((line) => line !== "");
  const stop = content.findIndex((line) => MORE_ARTICLES.test(line));
  const entries = stop === -1 ? content : content.slice(0, stop);

  const articles: PastedArticle[] = [];
  let start = 0;
  for (let index = 0; index < entries.length; index += 1) {
    const date = LONG_DATE.exec(entries[index]);
    if (!date) continue;
    const segment = entries.slice(start, index);
    start = index + 1;
    const publishedDate = isValidDate(Number(date[3]), monthNumber(date[1]), Number(date[2]))
      ? formatDate(Number(date[3]), monthNumber(date[1]), Number(date[2]))
      : null;
    if (segment.length < 2 || !publishedDate) {
      warnings.push(`Skipped a More From entry near "${entries[index]}": expected a title, a teaser and a valid date.`);
      continue;
    }
    // The title is the line the aggregator repeats; leftovers of a broken entry before it are dropped.
    const repeated = segment.findIndex((line, at) => at < segment.length - 2 && segment[at + 1] === line);
    const title = segment[Math.max(repeated, 0)];
    const teaser = segment[segment.length - 1];
    if (segment.length > 3 || (segment.length === 3 && repeated !== 0)) {
      warnings.push(
        `The More From entry "${title}" has unexpected lines; kept "${title}" as title and its last line as teaser.`,
      );
    }
    // The aggregator repeats the teaser after the date.
    if (entries[index + 1] === teaser) {
      index += 1;
      start = index + 1;
    }
    articles.push({
      title,
      source,
      outlet,
      publishedDate,
      body: teaser,
      complete: false,
      dateline: parseDateline(teaser),
    });
  }
  if (start < entries.length)
    warnings.push(`Ignored ${entries.length - start} line(s) after the last More From entry.`);
  return articles;
}

function monthNumber(name: string): number {
  return MONTHS.findIndex((month) => month.startsWith(name.toLowerCase().replace(/\.$/, "").slice(0, 3))) + 1;
}

function isValidDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || month < 1 || month > 12 || day < 1) return false;
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
