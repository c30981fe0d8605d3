import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";

import {
  decodeBytes,
  decodeFeedBytes,
  detectCharset,
  normalizeCharset,
  readContentTypeCharset,
  readXmlDeclarationCharset,
} from "./decode";

const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), "../../../test/fixtures/feeds");

function latin1(text: string): Uint8Array {
  return iconv.encode(text, "latin1");
}

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const DECLARED_LATIN1 = `<?xml version="1.0" encoding="ISO-8859-1"?><rss><title>Notícias</title></rss>`;

describe("decodeFeedBytes", () => {
  it("reads UOL's Latin-1 bytes without any declaration as windows-1252 (sniffed)", () => {
    const decoded = decodeFeedBytes(readFileSync(resolve(FIXTURES, "rss-parser/uolNoticias.rss")));
    expect(decoded).toMatchObject({
      charset: "windows-1252",
      source: "sniffed",
    });
    expect(decoded.text).toContain("Últimas Notícias");
    expect(decoded.text).not.toContain("\uFFFD");
  });

  it("follows the XML declaration of jn.pt's ISO-8859-1 feed", () => {
    const decoded = decodeFeedBytes(readFileSync(resolve(FIXTURES, "rss-parser/encoding.rss")));
    expect(decoded).toMatchObject({
      charset: "windows-1252",
      source: "xml-declaration",
    });
    expect(decoded.text).toContain("Jornal de Notícias - Últimas Notícias");
  });

  it("strips a UTF-8 byte-order mark and trusts it over the header", () => {
    const decoded = decodeFeedBytes(
      concat(new Uint8Array([0xef, 0xbb, 0xbf]), utf8("<rss>ü</rss>")),
      "text/xml; charset=iso-8859-1",
    );
    expect(decoded).toEqual({
      text: "<rss>ü</rss>",
      charset: "utf-8",
      source: "bom",
    });
  });

  it("decodes UTF-16 with a BOM, and without one from the zero bytes around `<`", () => {
    const le = concat(
      new Uint8Array([0xff, 0xfe]),
      iconv.encode(`<?xml version="1.0" encoding="UTF-16"?><rss>한</rss>`, "utf16le"),
    );
    expect(decodeFeedBytes(le)).toMatchObject({
      text: `<?xml version="1.0" encoding="UTF-16"?><rss>한</rss>`,
      source: "bom",
    });
    const be = iconv.encode("<rss>조선</rss>", "utf16be");
    expect(decodeFeedBytes(be)).toEqual({
      text: "<rss>조선</rss>",
      charset: "utf-16be",
      source: "sniffed",
    });
  });

  it.each([
    ["utf-32le", [0xff, 0xfe, 0, 0]],
    ["utf-32be", [0, 0, 0xfe, 0xff]],
  ] as const)("decodes %s with a BOM, and without one from the zero bytes around `<`", (charset, bom) => {
    const text = `<?xml version="1.0" encoding="UTF-32"?><rss><title>조선 😀</title></rss>`;
    const bare = iconv.encode(text, charset);
    expect(decodeFeedBytes(concat(new Uint8Array(bom), bare))).toEqual({ text, charset, source: "bom" });
    expect(decodeFeedBytes(bare)).toEqual({ text, charset, source: "sniffed" });
    expect(decodeFeedBytes(bare, `text/xml; charset=${charset}`)).toEqual({ text, charset, source: "header" });
  });

  it("prefers the Content-Type charset over the XML declaration", () => {
    const bytes = latin1(`<?xml version="1.0" encoding="UTF-8"?><rss><title>Notícias</title></rss>`);
    const decoded = decodeFeedBytes(bytes, 'application/rss+xml; charset="ISO-8859-1"');
    expect(decoded).toMatchObject({
      charset: "windows-1252",
      source: "header",
    });
    expect(decoded.text).toContain("Notícias");
  });

  it("falls back to windows-1252 when UTF-8 is declared but the bytes are not UTF-8", () => {
    const bytes = latin1(`<?xml version="1.0" encoding="UTF-8"?><rss><title>Inovação Tecnológica</title></rss>`);
    expect(decodeFeedBytes(bytes)).toMatchObject({
      charset: "windows-1252",
      source: "sniffed",
    });
    expect(decodeFeedBytes(bytes).text).toContain("Inovação Tecnológica");
    expect(decodeFeedBytes(bytes, "text/xml; charset=utf-8").text).toContain("Inovação Tecnológica");
  });

  it("prefers UTF-8 when a legacy charset is declared but the bytes are UTF-8 with multibyte characters", () => {
    const decoded = decodeFeedBytes(utf8(DECLARED_LATIN1));
    expect(decoded).toMatchObject({ charset: "utf-8", source: "sniffed" });
    expect(decoded.text).toContain("<title>Notícias</title>");
    expect(decodeFeedBytes(utf8("<rss>Ünïcödé</rss>"), "text/xml; charset=windows-1252").charset).toBe("utf-8");
  });

  it("keeps a declared legacy charset when the bytes are really in it", () => {
    expect(decodeFeedBytes(latin1(DECLARED_LATIN1)).text).toContain("<title>Notícias</title>");
    const korean = iconv.encode(
      `<?xml version="1.0" encoding="EUC-KR"?><rss><title>조선중앙통신</title></rss>`,
      "euc-kr",
    );
    expect(decodeFeedBytes(korean)).toMatchObject({
      charset: "euc-kr",
      source: "xml-declaration",
    });
    expect(decodeFeedBytes(korean).text).toContain("<title>조선중앙통신</title>");
  });

  it("decodes 0x80-0x9F as windows-1252 punctuation, not C1 controls", () => {
    const bytes = concat(
      latin1(`<?xml version="1.0" encoding="iso-8859-1"?><t>`),
      new Uint8Array([0x93, 0x41, 0x94, 0x80]),
      latin1("</t>"),
    );
    expect(decodeFeedBytes(bytes).text).toContain("<t>“A”€</t>");
  });

  it("calls plain ASCII UTF-8 by default, and undeclared valid UTF-8 sniffed", () => {
    expect(decodeFeedBytes(utf8("<rss><title>plain</title></rss>"))).toMatchObject({
      charset: "utf-8",
      source: "default",
    });
    expect(decodeFeedBytes(utf8("<rss><title>Çà</title></rss>"))).toMatchObject({
      charset: "utf-8",
      source: "sniffed",
    });
  });

  it("keeps UTF-8 for a UTF-8 document with one stray Latin-1 byte, and for one cut inside a character", () => {
    const mixed = concat(utf8("<rss>Пхеньян, Корея, Сеул "), latin1("©"), utf8(" 2024</rss>"));
    const decoded = decodeFeedBytes(mixed);
    expect(decoded.charset).toBe("utf-8");
    expect(decoded.text).toContain("Пхеньян, Корея, Сеул");
    const cut = utf8("<rss>Notícias é").slice(0, -1);
    expect(decodeFeedBytes(cut).charset).toBe("utf-8");
  });

  it("ignores an unknown charset label and uses the next clue", () => {
    const decoded = decodeFeedBytes(latin1(DECLARED_LATIN1), "text/xml; charset=x-no-such-charset");
    expect(decoded).toMatchObject({
      charset: "windows-1252",
      source: "xml-declaration",
    });
  });
});

describe("detectCharset (shared with the page extractor)", () => {
  it("uses a document-declared charset (e.g. an HTML <meta>) after the header", () => {
    const bytes = latin1("<html><meta charset=iso-8859-1><p>Notícias</p></html>");
    expect(detectCharset(bytes, { declared: "iso-8859-1" })).toEqual({
      charset: "windows-1252",
      source: "declared",
    });
    expect(
      detectCharset(bytes, {
        contentType: "text/html; charset=latin1",
        declared: "utf-8",
      }),
    ).toEqual({
      charset: "windows-1252",
      source: "header",
    });
  });

  it("ignores a UTF-16 claim on bytes that are plainly 8-bit", () => {
    expect(
      detectCharset(utf8("<html>é</html>"), {
        contentType: "text/html; charset=utf-16",
      }),
    ).toEqual({
      charset: "utf-8",
      source: "sniffed",
    });
  });

  it("decodeBytes drops the BOM and accepts aliases", () => {
    expect(decodeBytes(concat(new Uint8Array([0xef, 0xbb, 0xbf]), utf8("x")), "utf-8")).toBe("x");
    expect(decodeBytes(latin1("é"), "latin1")).toBe("é");
  });
});

describe("charset helpers", () => {
  it.each([
    ["text/xml; charset=UTF-8", "UTF-8"],
    ['application/rss+xml;charset="iso-8859-1"', "iso-8859-1"],
    ["text/html; Charset=windows-1251; foo=bar", "windows-1251"],
    ["text/xml", null],
  ])("readContentTypeCharset(%j)", (header, expected) => {
    expect(readContentTypeCharset(header)).toBe(expected);
  });

  it("reads the XML declaration's encoding only at the start of the document", () => {
    expect(
      readXmlDeclarationCharset(latin1(`<?xml version='1.0' encoding='Windows-1252' standalone="yes"?><a/>`)),
    ).toBe("Windows-1252");
    expect(readXmlDeclarationCharset(latin1(`<a><?xml version="1.0" encoding="koi8-r"?></a>`))).toBeNull();
    expect(readXmlDeclarationCharset(latin1(`<?xml version="1.0"?><a/>`))).toBeNull();
  });

  it("normalizeCharset maps Latin-1 aliases to windows-1252 and rejects unknown labels", () => {
    expect(normalizeCharset("ISO-8859-1")).toBe("windows-1252");
    expect(normalizeCharset(" latin1 ")).toBe("windows-1252");
    expect(normalizeCharset("UTF8")).toBe("utf-8");
    expect(normalizeCharset("EUC-KR")).toBe("euc-kr");
    expect(normalizeCharset("klingon")).toBeNull();
  });
});
