// Runs feedparser's test documents through our feed parser and checks the fields feedparser's own
// assertions check, where we carry that field: feed title and link; entry title, link, id, summary,
// content, date, author and categories; the entry count, the format, and the charset the bytes were read
// in. Assertions on fields we do not keep (tagline, copyright, enclosures, xml:lang, geo...) are skipped.
//
// How a value is compared, and why (feedparser returns some fields as markup where we keep text):
// - titles, summaries and authors are plain text for us: ours must equal the text a reader sees in
//   feedparser's value (its markup parsed as HTML, whitespace collapsed);
// - content is kept as markup through our sanitizer: ours must equal feedparser's value passed through
//   the same sanitizer, so their sanitizer's choices and ours do not count, only what the parser read;
// - links are compared as URLs (http://example.com and http://example.com/ are one address);
// - dates as UTC instants to the second; the charset by the text it gives: reading the bytes with our
//   charset must give the same text as reading them with the one feedparser names.
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

import { decodeFeedBytes } from "@/lib/ingest/feed/decode";
import { parseFeed, type FeedItem, type ParsedFeed } from "@/lib/ingest/feed/parse";
import {
  asUrl,
  declaresPlainText,
  readWithLabel,
  sameInstant,
  sameMarkup,
  sameText,
  storedMarkup,
} from "./feedparser-compare";
import {
  parseExpectation,
  readDocumentHeader,
  type Clause,
  type Operand,
  type Path,
  type PyValue,
} from "./feedparser-expect";

export type FieldName =
  | "feed.title"
  | "feed.link"
  | "entry.title"
  | "entry.link"
  | "entry.id"
  | "entry.summary"
  | "entry.content"
  | "entry.date"
  | "entry.author"
  | "entry.tag"
  | "entries"
  | "encoding"
  | "version";

export type FieldCheck = {
  /** Document path relative to the suite's root, e.g. "wellformed/atom/entry_title.xml". */
  document: string;
  field: FieldName;
  expect: string;
  pass: boolean;
  /** What we produced, for the failure message. */
  actual: string;
};

/** feedparser's test server: documents without a Content-Location header resolve relative URLs here. */
const DOCUMENT_ORIGIN = "http://127.0.0.1:8097/tests/";

// prettier-ignore
const VERSIONS: Record<string, ParsedFeed["format"]> = {
  rss090: "rdf", rss10: "rdf",
  rss091n: "rss", rss091u: "rss", rss092: "rss", rss093: "rss", rss094: "rss", rss20: "rss", rss: "rss",
  atom01: "atom", atom02: "atom", atom03: "atom", atom10: "atom", atom: "atom", json1: "json", json11: "json",
};

/** Every test document under `root` (recursively), as paths relative to it. */
export function listSuiteDocuments(root: string, folder = ""): string[] {
  return readdirSync(path.join(root, folder))
    .sort()
    .flatMap((entry) => {
      const relative = path.join(folder, entry);
      if (statSync(path.join(root, relative)).isDirectory()) return listSuiteDocuments(root, relative);
      return /\.(xml|json)$/.test(entry) && entry !== "date-cases.json" ? [relative] : [];
    });
}

/** The checks one document makes on fields we carry; [] when it checks none of them. */
export function checkDocument(root: string, document: string): FieldCheck[] {
  const bytes = new Uint8Array(readFileSync(path.join(root, document)));
  const header = readDocumentHeader(bytes);
  if (!header) return [];
  const alternatives = parseExpectation(header.expect);
  const mapped = alternatives.map((clauses) => clauses.map((clause) => ({ clause, field: fieldOfClause(clause) })));
  if (!mapped.some((clauses) => clauses.some(({ field }) => field))) return [];

  const documentUrl = DOCUMENT_ORIGIN + document.split(path.sep).join("/");
  // As in feedparser, a Content-Location that is not an http(s) URL is ignored.
  const location = header.headers["content-location"];
  const resolved = location && URL.canParse(location, documentUrl) ? new URL(location, documentUrl) : null;
  const url = resolved && /^https?:$/.test(resolved.protocol) ? resolved.href : documentUrl;
  const contentType = header.headers["content-type"] ?? null;
  let feed: ParsedFeed | null = null;
  let error = "";
  try {
    feed = parseFeed(bytes, { contentType, url });
  } catch (caught) {
    error = caught instanceof Error ? caught.message : String(caught);
  }
  const text = Buffer.from(bytes).toString("latin1").replace(/\0/g, "");
  const context: Context = { feed, error, bytes, contentType, text };

  // An `or` (one document) passes when any alternative's checks all pass; it counts as its first field.
  const results = mapped.map((clauses) =>
    clauses.flatMap(({ clause, field }) => (field ? [{ field, ...evaluate(clause, field, context) }] : [])),
  );
  const passing = results.find((checks) => checks.length && checks.every((check) => check.pass));
  const chosen = passing ?? results.find((checks) => checks.length)!;
  return chosen.map((check) => ({ document, expect: header.expect, ...check }));
}

type Context = {
  feed: ParsedFeed | null;
  error: string;
  bytes: Uint8Array;
  contentType: string | null;
  /** The document as text (Latin-1 view, NULs dropped), to read declared types from. */
  text: string;
};

function fieldOfClause(clause: Clause): FieldName | null {
  if ("unsupported" in clause) return null;
  const operands = "equal" in clause ? clause.equal : [clause.truthy];
  for (const operand of operands) {
    const field = "path" in operand ? fieldOfPath(operand.path) : "len" in operand ? fieldOfLen(operand.len) : null;
    if (field) return field;
    if ("ord" in operand) return fieldOfPath(operand.ord);
  }
  return null;
}

function fieldOfLen(target: Path): FieldName | null {
  return target.length === 1 && target[0] === "entries" ? "entries" : null;
}

function fieldOfPath(target: Path): FieldName | null {
  const key = target.map(String).join(".");
  if (key === "encoding") return "encoding";
  if (key === "version") return "version";
  if (/^feed\.(title|title_detail\.value)$/.test(key)) return "feed.title";
  if (key === "feed.link") return "feed.link";
  const entry = key.match(/^entries\.\d+\.(.+)$/)?.[1];
  if (!entry) return null;
  if (/^(title|title_detail\.value)$/.test(entry)) return "entry.title";
  if (entry === "link") return "entry.link";
  if (entry === "id" || entry === "guid") return "entry.id";
  if (/^(description|summary|summary_detail\.value)$/.test(entry)) return "entry.summary";
  if (entry === "content.0.value") return "entry.content";
  if (/^(published|updated|created|date)_parsed$/.test(entry)) return "entry.date";
  if (/^(author|author_detail\.name)$/.test(entry)) return "entry.author";
  if (/^tags\.\d+\.term$/.test(entry)) return "entry.tag";
  return null;
}

function evaluate(clause: Clause, field: FieldName, context: Context): { pass: boolean; actual: string } {
  if ("unsupported" in clause) return { pass: false, actual: "" };
  if (field === "encoding") return evaluateEncoding(clause, context);
  if (!context.feed) return { pass: false, actual: `error: ${context.error}` };
  if ("truthy" in clause) {
    const value = ours(clause.truthy, field, context.feed);
    const truthy = Array.isArray(value) ? value.length > 0 : Boolean(value);
    return { pass: truthy !== clause.negated, actual: JSON.stringify(value) };
  }
  const [first, ...others] = clause.equal;
  const expected = others.find((operand): operand is { literal: PyValue } => "literal" in operand)?.literal ?? null;
  const operand = "literal" in first ? others[0] : first;
  const value = ours(operand, field, context.feed);
  const equal = matches(field, value, expected, context, operand);
  return { pass: equal !== clause.negated, actual: String(JSON.stringify(value)) };
}

type Ours = string | number | string[] | Date | null | undefined;

function ours(operand: Operand, field: FieldName, feed: ParsedFeed): Ours {
  if ("literal" in operand) return null;
  if ("len" in operand) return feed.items.length;
  const target = "path" in operand ? operand.path : operand.ord;
  if (field === "feed.title") return feed.title;
  if (field === "feed.link") return feed.link;
  if (field === "version") return feed.format;
  const item: FeedItem | undefined = feed.items[Number(target[1])];
  if (!item) return undefined;
  switch (field) {
    case "entry.title":
      return item.title;
    case "entry.link":
      return item.link;
    case "entry.id":
      return item.guid;
    case "entry.summary":
      // feedparser's summary falls back to the content, as the body we store does.
      return item.summary ?? storedMarkup(item, item.summaryHtml ?? item.contentHtml);
    case "entry.content":
      return storedMarkup(item, item.contentHtml);
    case "entry.date":
      return item.published;
    case "entry.author":
      return item.author;
    case "entry.tag":
      return item.categories;
    default:
      return null;
  }
}

function matches(field: FieldName, value: Ours, expected: PyValue, context: Context, operand: Operand): boolean {
  const feed = context.feed!;
  if ("ord" in operand) return typeof value === "string" && value.codePointAt(0) === expected && value.length === 1;
  if (expected === null || expected === false) return value === null || value === undefined || value === "";
  const item = feed.items["path" in operand ? Number(operand.path[1]) : 0];
  const plain = declaresPlainText(context.text, ELEMENT_OF[field], field.startsWith("feed."));
  switch (field) {
    case "entries":
      return value === expected;
    case "version":
      return value === VERSIONS[String(expected)];
    case "feed.link":
    case "entry.link":
      return typeof value === "string" && value === asUrl(String(expected));
    case "entry.id":
      return value === String(expected);
    case "entry.date":
      return value instanceof Date && Array.isArray(expected) && sameInstant(value, expected as number[]);
    case "entry.tag":
      return Array.isArray(value) && value.includes(String(expected).trim());
    case "entry.summary":
      if (item && item.summary === null) return sameMarkup(value, String(expected), plain, item);
      return sameText(value, String(expected), plain);
    case "entry.content":
      return sameMarkup(value, String(expected), plain, item);
    default:
      return sameText(value, String(expected), plain);
  }
}

// feedparser returns an Atom text construct typed as plain text ("text", "text/plain", or no type) as
// that text, and markup for the HTML and XHTML types. The harness reads the declared type of the element
// the field comes from, so "History of the <blink> tag" typed text/plain is compared as text.
const ELEMENT_OF: Partial<Record<FieldName, string[]>> = {
  "feed.title": ["title"],
  "entry.title": ["title"],
  "entry.summary": ["summary", "content"],
  "entry.content": ["content"],
};

// feedparser names the charset it read the bytes in; the check is that we read the same characters.
function evaluateEncoding(clause: Clause, context: Context): { pass: boolean; actual: string } {
  const expected = "equal" in clause ? clause.equal.find((operand) => "literal" in operand) : undefined;
  const label = expected && "literal" in expected ? String(expected.literal) : "";
  const decoded = decodeFeedBytes(context.bytes, context.contentType);
  const reference = readWithLabel(context.bytes, label);
  return { pass: reference !== null && decoded.text === reference, actual: decoded.charset };
}
