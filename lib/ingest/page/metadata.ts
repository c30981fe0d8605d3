// Publication time and language from a page's own metadata. Readability reads some of this (JSON-LD,
// article:published_time, <html lang>) but returns strings as found; we need a Date and a primary
// language tag, and pages spread these facts over more places than it looks at.

export type PageMetadata = { published: Date | null; language: string | null };

const PUBLISHED_META = [
  "article:published_time",
  "article:published",
  "og:published_time",
  "og:article:published_time",
  "parsely-pub-date",
  "sailthru.date",
  "dc.date.issued",
  "dcterms.issued",
  "dcterms.created",
  "citation_publication_date",
  "pubdate",
  "publishdate",
  "publish-date",
  "dc.date",
];
const LANGUAGE_META = ["content-language", "language", "dc.language", "dcterms.language", "og:locale", "inlanguage"];

// Codes ISO 639 withdrew but old sites still send; "und", "mul", "zxx" name no language at all.
const LANGUAGE_ALIASES: Record<string, string> = { iw: "he", in: "id", ji: "yi" };
const NOT_A_LANGUAGE = new Set(["und", "mul", "zxx", "mis"]);

// JSON-LD blocks this large are product catalogues or app state, not article metadata.
const MAX_JSON_LD_CHARS = 1_000_000;

/** Reads the metadata of a parsed page. Call it before anything (Readability) rewrites the document. */
export function readPageMetadata(document: Document): PageMetadata {
  return { published: readPublished(document), language: readLanguage(document) };
}

/**
 * The publication time. Structured metadata first (Open Graph / article meta, JSON-LD, schema.org
 * itemprop, Dublin Core and friends), and among those the first value that states its time zone: sites
 * often write a local time without zone in one place and the exact instant in another. A time without
 * zone is read as UTC. Only when the page has no such metadata does a bare <time datetime> count, the
 * one marked pubdate first: the first <time> of a page can as well belong to a comment or a sidebar.
 */
function readPublished(document: Document): Date | null {
  const structured = [
    ...readMetaValues(document, PUBLISHED_META.slice(0, 4)),
    ...readJsonLdDates(document),
    ...[...document.querySelectorAll("[itemprop=datePublished]")].map(
      (element) => element.getAttribute("content") ?? element.getAttribute("datetime") ?? element.textContent ?? "",
    ),
    ...readMetaValues(document, PUBLISHED_META.slice(4)),
  ]
    .map(parsePublishedDate)
    .filter((parsed) => parsed !== null);
  const chosen = structured.find((parsed) => parsed.hasZone) ?? structured[0];
  if (chosen) return chosen.date;

  const times = [
    ...document.querySelectorAll("time[pubdate][datetime]"),
    ...document.querySelectorAll("time[datetime]"),
  ];
  for (const time of times) {
    const parsed = parsePublishedDate(time.getAttribute("datetime") ?? "");
    if (parsed) return parsed.date;
  }
  return null;
}

const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * A date string as pages write it: ISO 8601 with the usual liberties ("2019-04-28 06:01:07",
 * "+0100" offsets), or an RFC 2822 style date with a year. Without a zone the time is read as UTC, so the
 * result does not depend on the machine's time zone. Null for anything else, including years outside
 * 1900-2200 (placeholders like 0001-01-01).
 */
export function parsePublishedDate(value: string): { date: Date; hasZone: boolean } | null {
  const text = value.trim();
  const iso = text.match(ISO_DATE);
  let date: Date;
  let hasZone: boolean;
  if (iso) {
    const [, year, month, day, hour = "00", minute = "00", second = "00", fraction, zone] = iso;
    const millis = fraction ? `.${fraction.slice(0, 3).padEnd(3, "0")}` : "";
    hasZone = zone !== undefined;
    date = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}${millis}${formatZone(zone)}`);
  } else {
    // V8's fallback parser reads "12" or "Story 2" as dates: ask for a 4-digit year and a month name.
    if (!/\b\d{4}\b/.test(text) || !/\b[a-z]{3}/i.test(text)) return null;
    hasZone = /\b(?:gmt|utc|z)\b|[+-]\d{4}\b/i.test(text);
    date = new Date(hasZone ? text : `${text} UTC`);
  }
  const year = date.getUTCFullYear();
  if (Number.isNaN(date.getTime()) || year < 1900 || year > 2200) return null;
  return { date, hasZone };
}

function formatZone(zone: string | undefined): string {
  if (!zone || zone.toUpperCase() === "Z") return "Z";
  const digits = zone.slice(1).replace(":", "");
  return `${zone[0]}${digits.slice(0, 2)}:${digits.slice(2, 4) || "00"}`;
}

/**
 * The page's language as a primary subtag ("en", "fr", "zh"): <html lang> (or xml:lang), then
 * Content-Language and language meta, then og:locale and schema.org inLanguage.
 */
function readLanguage(document: Document): string | null {
  const root = document.documentElement;
  const candidates = [
    root?.getAttribute("lang"),
    root?.getAttribute("xml:lang"),
    ...readMetaValues(document, LANGUAGE_META),
  ];
  for (const candidate of candidates) {
    const language = normalizeLanguageTag(candidate);
    if (language) return language;
  }
  return null;
}

/** The BCP 47 primary language subtag of a tag or locale ("en-US", "pt_BR", "zh-Hans-CN"), or null. */
export function normalizeLanguageTag(value: string | null | undefined): string | null {
  const primary = value?.split(",")[0].trim().split(/[-_]/)[0].toLowerCase() ?? "";
  if (!/^[a-z]{2,3}$/.test(primary) || NOT_A_LANGUAGE.has(primary)) return null;
  return LANGUAGE_ALIASES[primary] ?? primary;
}

/** Contents of <meta> whose name, property or http-equiv is one of `keys`, in the order of `keys`. */
function readMetaValues(document: Document, keys: string[]): string[] {
  const byKey = new Map<string, string[]>();
  for (const meta of document.querySelectorAll("meta[content]")) {
    const content = meta.getAttribute("content")?.trim();
    if (!content) continue;
    for (const attribute of ["property", "name", "http-equiv", "itemprop"]) {
      const key = meta.getAttribute(attribute)?.trim().toLowerCase();
      if (key && keys.includes(key)) byKey.set(key, [...(byKey.get(key) ?? []), content]);
    }
  }
  return keys.flatMap((key) => byKey.get(key) ?? []);
}

function readJsonLdDates(document: Document): string[] {
  const dates: string[] = [];
  for (const script of document.querySelectorAll('script[type="application/ld+json" i]')) {
    const source = (script.textContent ?? "").replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, "");
    if (source.length > MAX_JSON_LD_CHARS) continue;
    try {
      collectDatePublished(JSON.parse(source), dates, 0);
    } catch {
      // Broken JSON-LD is common (trailing commas, unescaped quotes); the other sources still count.
    }
  }
  return dates;
}

function collectDatePublished(node: unknown, dates: string[], depth: number): void {
  if (depth > 8 || node === null || typeof node !== "object") return;
  if (Array.isArray(node)) {
    for (const item of node) collectDatePublished(item, dates, depth + 1);
    return;
  }
  const record = node as Record<string, unknown>;
  if (typeof record.datePublished === "string") dates.push(record.datePublished);
  for (const [key, value] of Object.entries(record)) {
    if (key !== "datePublished") collectDatePublished(value, dates, depth + 1);
  }
}
