// Checks on XML text before feedsmith reads it: which document this is, and whether it is well-formed.
import { XMLValidator } from "fast-xml-parser";
import iconv from "iconv-lite";

import { FeedParseError } from "./errors";

/** Local name of the document element, lower-cased; prolog (declaration, PIs, comments, doctype) skipped. */
export function readRootName(xml: string): string | null {
  let at = 0;
  for (;;) {
    while (at < xml.length && /\s/.test(xml[at])) at++;
    let end: number;
    if (xml.startsWith("<?", at)) end = xml.indexOf("?>", at) + 2;
    else if (xml.startsWith("<!--", at)) end = xml.indexOf("-->", at) + 3;
    else if (xml.slice(at, at + 9).toUpperCase() === "<!DOCTYPE") end = doctypeEnd(xml, at);
    else break;
    if (end < at + 2) return null;
    at = end;
  }
  const match = /<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/y;
  match.lastIndex = at;
  return match.exec(xml)?.[1].toLowerCase() ?? null;
}

function doctypeEnd(xml: string, at: number): number {
  const close = xml.indexOf(">", at);
  const subset = xml.indexOf("[", at);
  if (subset === -1 || close === -1 || close < subset) return close + 1;
  const subsetEnd = xml.indexOf("]", subset);
  return subsetEnd === -1 ? 0 : xml.indexOf(">", subsetEnd) + 1;
}

const ENTITY_REF = /(?:#\d{1,7}|#x[\da-fA-F]{1,6}|[A-Za-z_:][\w.:-]{0,40});/y;

/**
 * Publishers often write a bare `&` ("Q&A", unescaped query strings). That is the one well-formedness
 * error repaired here, as `&amp;`, because it cannot change the document's structure; CDATA sections and
 * comments are left as they are.
 */
export function escapeBareAmpersands(xml: string): string {
  let out = "";
  let at = 0;
  let amp = xml.indexOf("&");
  let cdata = xml.indexOf("<![CDATA[");
  let comment = xml.indexOf("<!--");
  while (amp !== -1) {
    if (cdata !== -1 && cdata < at) cdata = xml.indexOf("<![CDATA[", at);
    if (comment !== -1 && comment < at) comment = xml.indexOf("<!--", at);
    if (amp < at) amp = xml.indexOf("&", at);
    if (amp === -1) break;
    const section = earliestBefore(amp, cdata, comment);
    if (section !== -1) {
      const close = section === cdata ? "]]>" : "-->";
      const end = xml.indexOf(close, section + 4);
      if (end === -1) break;
      out += xml.slice(at, end + close.length);
      at = end + close.length;
      continue;
    }
    ENTITY_REF.lastIndex = amp + 1;
    out += xml.slice(at, amp + 1) + (ENTITY_REF.test(xml) ? "" : "amp;");
    at = amp + 1;
  }
  return at === 0 ? xml : out + xml.slice(at);
}

/** The smaller of two indexes that lie before `limit` (-1 means absent), or -1. */
function earliestBefore(limit: number, a: number, b: number): number {
  const first = a !== -1 && a < limit ? a : -1;
  const second = b !== -1 && b < limit ? b : -1;
  if (first === -1) return second;
  return second === -1 ? first : Math.min(first, second);
}

const C1 = /[\u0080-\u009f]|&#(?:\d{3}|x[89][\da-f]);/gi;

/**
 * C1 control characters (U+0080-U+009F), raw or as character references, stand for the windows-1252
 * characters with those byte values: publishers paste from Word and write "don&#146;t". No news text
 * means a C1 control, and HTML (whose text most feed fields carry) reads those references the same way.
 */
export function replaceC1Controls(xml: string): string {
  return xml.replace(C1, (match) => {
    const hex = match[2] === "x" || match[2] === "X";
    const code = match.length === 1 ? match.charCodeAt(0) : parseInt(match.slice(hex ? 3 : 2), hex ? 16 : 10);
    if (code < 0x80 || code > 0x9f) return match;
    const windows1252 = iconv.decode(Buffer.from([code]), "windows-1252");
    return windows1252 === "\ufffd" ? match : windows1252;
  });
}

export function assertWellFormed(xml: string): void {
  const result = XMLValidator.validate(xml);
  if (result === true) return;
  const { msg, line } = result.err;
  const unclosed = readUnclosedTags(msg);
  if (unclosed) {
    const lastLine = xml.split("\n").length;
    const tags = unclosed.map((name) => `<${name}>`).join(", ");
    throw new FeedParseError(
      `The feed is not well-formed XML (line ${lastLine}): unexpected end of input, ${tags} never closed. It may have been cut off.`,
      "malformed",
    );
  }
  throw new FeedParseError(`The feed is not well-formed XML (line ${line}): ${msg}`, "malformed");
}

// The validator reports elements left open at the end of input as "Unclosed tag 'x'." or, for several,
// "Invalid '[ \"rss\", \"channel\" ]' found." (a JSON array).
function readUnclosedTags(message: string): string[] | null {
  const single = message.match(/^Unclosed tag '([^']+)'\.$/);
  if (single) return [single[1]];
  const several = message.match(/^Invalid '(\[.*\])' found\.$/);
  if (!several) return null;
  try {
    const names: unknown = JSON.parse(several[1]);
    return Array.isArray(names) ? names.map(String) : null;
  } catch {
    return null;
  }
}
