// Reads the expectation that each of feedparser's test documents carries in its comment header:
//   Header:  Content-type: application/xml; charset=utf-8      (the HTTP header feedparser's test server sends)
//   Expect:  not bozo and entries[0]['title'] == 'Example <b>Atom</b>'
// The Expect line is a Python expression over feedparser's result. Only the small subset the suite uses is
// read here: clauses joined by `and` (one document uses `or`), each a chain of `==` between a field path
// (feed['title'], entries[0].summary, entries[0]['content'][0]['value'], encoding, version, len(...)) and a
// Python literal (strings with escapes and `+` concatenation, numbers, tuples, None, True, False).

export type PyValue = string | number | boolean | null | PyValue[] | { [key: string]: PyValue };
export type Path = Array<string | number>;
export type Operand = { path: Path } | { len: Path } | { ord: Path } | { literal: PyValue };
/** One Python clause: operands that must all be equal (or differ), or a truth test (`not entries[0]['x']`). */
export type Clause =
  { equal: Operand[]; negated: boolean } | { truthy: Operand; negated: boolean } | { unsupported: string };
/** Alternatives of conjunctions: `a and b or c` is [[a, b], [c]]. */
export type Expectation = Clause[][];

export type DocumentHeader = {
  description: string;
  expect: string;
  /** HTTP headers the test server sends with the document, lower-cased names. */
  headers: Record<string, string>;
};

/**
 * The header of a test document. Its bytes may be UTF-16 or UTF-32, so the header is read from a Latin-1
 * view with NUL bytes removed: every header line is ASCII (non-ASCII expectations are written as \u escapes).
 */
export function readDocumentHeader(bytes: Uint8Array): DocumentHeader | null {
  const text = Buffer.from(bytes).toString("latin1").replace(/\0/g, "");
  const comment = text.match(/<!--([\s\S]*?)-->/) ?? text.match(/"__TEST__":\s*"([\s\S]*?)-->"/);
  if (!comment) return null;
  const expect = comment[1].match(/Expect:\s*([\s\S]*?)(?:\n\s*[A-Z][A-Za-z]+:|$)/);
  if (!expect) return null;
  const headers: Record<string, string> = {};
  for (const [, name, value] of comment[1].matchAll(/^\s*Header:\s*([A-Za-z-]+):\s*(.*?)\s*$/gm)) {
    headers[name.toLowerCase()] = value;
  }
  return {
    description: comment[1].match(/Description:\s*(.*)/)?.[1].trim() ?? "",
    expect: expect[1].trim(),
    headers,
  };
}

export function parseExpectation(source: string): Expectation {
  return splitTopLevel(source, " or ").map((alternative) =>
    splitTopLevel(alternative, " and ").map((clause) => parseClause(clause.trim())),
  );
}

function parseClause(source: string): Clause {
  let text = source;
  while (text.startsWith("(") && text.endsWith(")") && closingParen(text, 0) === text.length - 1) {
    text = text.slice(1, -1).trim();
  }
  try {
    const negated = text.startsWith("not ");
    if (negated) return { truthy: new Reader(text.slice(4)).operandToEnd(), negated };
    for (const [operator, negated] of [
      ["==", false],
      ["!=", true],
      [" is ", false],
    ] as const) {
      const parts = splitTopLevel(text, operator);
      if (parts.length > 1) return { equal: parts.map((part) => new Reader(part).operandToEnd()), negated };
    }
    return { truthy: new Reader(text).operandToEnd(), negated: false };
  } catch {
    return { unsupported: source };
  }
}

/** Splits at `separator` where it is outside quotes and brackets. */
function splitTopLevel(source: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "'" || c === '"') {
      i = stringEnd(source, i) - 1;
    } else if ("([{".includes(c)) depth++;
    else if (")]}".includes(c)) depth--;
    else if (depth === 0 && source.startsWith(separator, i)) {
      parts.push(source.slice(start, i).trim());
      start = i + separator.length;
      i = start - 1;
    }
  }
  parts.push(source.slice(start).trim());
  return parts;
}

function closingParen(source: string, open: number): number {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (c === "'" || c === '"') i = stringEnd(source, i) - 1;
    else if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return i;
  }
  return -1;
}

/** Index just past the Python string literal starting at `start` (single, double or triple quoted). */
function stringEnd(source: string, start: number): number {
  const quote = source.startsWith(source[start].repeat(3), start) ? source[start].repeat(3) : source[start];
  let i = start + quote.length;
  while (i < source.length) {
    if (source[i] === "\\") i += 2;
    else if (source.startsWith(quote, i)) return i + quote.length;
    else i++;
  }
  throw new Error(`unterminated string at ${start}`);
}

const ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", "\\": "\\", "'": "'", '"': '"', "\n": "" };

class Reader {
  private at = 0;
  constructor(private readonly source: string) {
    this.source = source.trim();
  }

  operandToEnd(): Operand {
    const operand = this.operand();
    this.skipSpace();
    if (this.at !== this.source.length) throw new Error(`unexpected ${this.source.slice(this.at)}`);
    return operand;
  }

  private operand(): Operand {
    this.skipSpace();
    const call = this.source.slice(this.at).match(/^(len|ord)\(/);
    if (call) {
      this.at += call[0].length;
      const path = this.path();
      this.expect(")");
      return call[1] === "len" ? { len: path } : { ord: path };
    }
    if (/[A-Za-z_]/.test(this.source[this.at]) && !/^(None|True|False|u['"])/.test(this.source.slice(this.at))) {
      return { path: this.path() };
    }
    let value = this.literal();
    for (;;) {
      this.skipSpace();
      if (this.source[this.at] !== "+") return { literal: value };
      this.at++;
      this.skipSpace();
      value = String(value) + String(this.literal());
    }
  }

  private path(): Path {
    const name = this.source.slice(this.at).match(/^[A-Za-z_]\w*/)![0];
    this.at += name.length;
    const path: Path = [name];
    for (;;) {
      if (this.source[this.at] === "[") {
        this.at++;
        const key = this.literal();
        this.expect("]");
        path.push(typeof key === "number" ? key : String(key));
      } else if (this.source.startsWith(".get(", this.at) || this.source.startsWith(".has_key(", this.at)) {
        this.at = this.source.indexOf("(", this.at) + 1;
        path.push(String(this.literal()));
        this.expect(")");
      } else if (this.source[this.at] === "." && /[A-Za-z_]/.test(this.source[this.at + 1])) {
        const key = this.source.slice(this.at + 1).match(/^\w+/)![0];
        this.at += 1 + key.length;
        path.push(key);
      } else return path;
    }
  }

  private literal(): PyValue {
    this.skipSpace();
    const rest = this.source.slice(this.at);
    const word = rest.match(/^(None|True|False)\b/);
    if (word) {
      this.at += word[1].length;
      return word[1] === "None" ? null : word[1] === "True";
    }
    const number = rest.match(/^-?\d+(\.\d+)?/);
    if (number) {
      this.at += number[0].length;
      return Number(number[0]);
    }
    if (rest.startsWith("u'") || rest.startsWith('u"')) this.at++;
    const c = this.source[this.at];
    if (c === "'" || c === '"') return this.string();
    if (c === "(" || c === "[") return this.sequence(c === "(" ? ")" : "]");
    if (c === "{") return this.dict();
    throw new Error(`no literal at ${rest}`);
  }

  private string(): string {
    const end = stringEnd(this.source, this.at);
    const quote = this.source.startsWith(this.source[this.at].repeat(3), this.at) ? 3 : 1;
    const body = this.source.slice(this.at + quote, end - quote);
    this.at = end;
    return body.replace(/\\(x[\da-fA-F]{2}|u[\da-fA-F]{4}|U[\da-fA-F]{8}|[\s\S])/g, (whole, code: string) => {
      if (code.length > 1) return String.fromCodePoint(parseInt(code.slice(1), 16));
      return ESCAPES[code] ?? whole;
    });
  }

  private sequence(close: string): PyValue[] {
    this.at++;
    const items: PyValue[] = [];
    for (;;) {
      this.skipSpace();
      if (this.source[this.at] === close) {
        this.at++;
        return items;
      }
      items.push(this.literal());
      this.skipSpace();
      if (this.source[this.at] === ",") this.at++;
    }
  }

  private dict(): { [key: string]: PyValue } {
    this.at++;
    const entries: Record<string, PyValue> = {};
    for (;;) {
      this.skipSpace();
      if (this.source[this.at] === "}") {
        this.at++;
        return entries;
      }
      const key = String(this.literal());
      this.expect(":");
      entries[key] = this.literal();
      this.skipSpace();
      if (this.source[this.at] === ",") this.at++;
    }
  }

  private expect(token: string): void {
    this.skipSpace();
    if (!this.source.startsWith(token, this.at)) throw new Error(`expected ${token} at ${this.source.slice(this.at)}`);
    this.at += token.length;
  }

  private skipSpace(): void {
    while (/\s/.test(this.source[this.at] ?? "")) this.at++;
  }
}
