import { readFileSync } from "node:fs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeHtml, readMetaCharset } from "@/lib/ingest/page/charset";

const encode = (text: string, charset: string) => new Uint8Array(iconv.encode(text, charset));
const utf8 = (text: string) => new TextEncoder().encode(text);
const page = (head: string, body: string) =>
  `<!doctype html><html><head>${head}<title>t</title></head><body><p>${body}</p></body></html>`;

describe("decodeHtml", () => {
  it("trusts the Content-Type charset over the meta and says so", () => {
    const bytes = encode(page('<meta charset="utf-8">', "Пхеньян сообщает"), "windows-1251");
    expect(decodeHtml(bytes, "text/html; charset=windows-1251")).toMatchObject({
      charset: "windows-1251",
      source: "header",
    });
    expect(decodeHtml(bytes, "text/html; charset=windows-1251").text).toContain("Пхеньян сообщает");
  });

  it("reads <meta charset> and <meta http-equiv> when the header has none", () => {
    const korean = encode(page('<meta charset="euc-kr">', "조선중앙통신 보도"), "cp949");
    expect(decodeHtml(korean, "text/html")).toMatchObject({ charset: "cp949", source: "meta" });
    expect(decodeHtml(korean, "text/html").text).toContain("조선중앙통신 보도");

    const russian = encode(
      page('<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">', "Корея"),
      "windows-1251",
    );
    expect(decodeHtml(russian)).toMatchObject({ charset: "windows-1251", source: "meta" });
    expect(decodeHtml(russian).text).toContain("Корея");
  });

  it("detects the charset of a page that declares none, as feeds do", () => {
    const text =
      "조선중앙통신사 보도: 평양에서 새해를 맞으며 열린 경축행사에 수많은 근로자들과 청년학생들이 참가하였다.";
    const korean = encode(page("", text), "cp949");
    expect(decodeHtml(korean, "text/html")).toMatchObject({ charset: "cp949", source: "sniffed" });
    expect(decodeHtml(korean, "text/html").text).toContain(text);
    const japanese = encode(page("", "気象庁によると、今週末は西日本を中心に大雨となるおそれがある。"), "shift_jis");
    expect(decodeHtml(japanese).text).toContain("気象庁によると、今週末は西日本を中心に大雨となるおそれがある。");
  });

  it("decodes a GB2312 label with the GBK superset browsers use", () => {
    // 镕 (as in Zhu Rongji) is in GBK but not in GB2312: Chinese sites labelled gb2312 use it anyway.
    const bytes = encode(page('<meta charset="gb2312">', "朱镕基 人工智能"), "gbk");
    expect(decodeHtml(bytes)).toMatchObject({ charset: "gb18030", source: "meta" });
    expect(decodeHtml(bytes).text).toContain("朱镕基 人工智能");
  });

  it("prefers UTF-8 bytes to a declared legacy charset (qq: meta gb2312, bytes UTF-8)", () => {
    const bytes = new Uint8Array(
      readFileSync(new URL("../../../test/fixtures/pages/readability/qq/source.html", import.meta.url)),
    );
    expect(readMetaCharset(bytes)).toBe("gb2312");
    const decoded = decodeHtml(bytes);
    expect(decoded).toMatchObject({ charset: "utf-8", source: "sniffed" });
    expect(decoded.text).toContain("DeepMind新电脑已可利用记忆自学 人工智能迈上新台阶");
    expect(decoded.text).not.toContain("\uFFFD");

    const labelled = encode(page("", "café – naïve"), "utf-8");
    expect(decodeHtml(labelled, "text/html; charset=ISO-8859-1")).toMatchObject({
      charset: "utf-8",
      source: "sniffed",
    });
  });

  it("keeps a declared legacy charset when the bytes are not UTF-8", () => {
    const bytes = encode(page('<meta charset="iso-8859-2">', "Praha – Łódź"), "iso-8859-2");
    expect(decodeHtml(bytes)).toMatchObject({ charset: "iso-8859-2", source: "meta" });
    expect(decodeHtml(bytes).text).toContain("Łódź");
  });

  it("falls back to windows-1252 for undeclared bytes that are not UTF-8", () => {
    const bytes = encode(page("", "\u201cCaf\u00e9\u201d \u20ac5"), "windows-1252");
    expect(decodeHtml(bytes, "text/html")).toMatchObject({ charset: "windows-1252", source: "sniffed" });
    expect(decodeHtml(bytes).text).toContain("\u201cCaf\u00e9\u201d \u20ac5");
  });

  it("reads a declared ISO-8859-1 page as windows-1252, as browsers do", () => {
    const bytes = encode(page("", "\u201cquoted\u201d"), "windows-1252");
    expect(decodeHtml(bytes, "text/html; charset=iso-8859-1")).toMatchObject({
      charset: "windows-1252",
      source: "header",
    });
    expect(decodeHtml(bytes, "text/html; charset=iso-8859-1").text).toContain("\u201cquoted\u201d");
  });

  it("lets a byte-order mark beat the header and meta, and strips it", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(page('<meta charset="windows-1252">', "Ünïcödé"))]);
    const decoded = decodeHtml(bytes, "text/html; charset=windows-1252");
    expect(decoded).toMatchObject({ charset: "utf-8", source: "bom" });
    expect(decoded.text.startsWith("<!doctype")).toBe(true);
    expect(decoded.text).toContain("Ünïcödé");

    const utf16 = new Uint8Array([0xff, 0xfe, ...encode(page("", "평양"), "utf-16le")]);
    expect(decodeHtml(utf16, "text/html; charset=utf-8")).toMatchObject({ charset: "utf-16le", source: "bom" });
    expect(decodeHtml(utf16).text).toContain("평양");
  });

  it("ignores unknown labels, and reads a meta claiming UTF-16 on ASCII bytes as UTF-8", () => {
    const bytes = utf8(page('<meta charset="utf-16">', "Ünïcödé"));
    expect(decodeHtml(bytes, "text/html; charset=no-such-charset")).toMatchObject({ charset: "utf-8", source: "meta" });
    expect(decodeHtml(bytes).text).toContain("Ünïcödé");
  });

  it("defaults to UTF-8 for plain ASCII with no declaration", () => {
    expect(decodeHtml(utf8(page("", "plain")))).toMatchObject({ charset: "utf-8", source: "default" });
  });
});

describe("readMetaCharset", () => {
  it("finds the first declaration in the first 4 KB, outside comments", () => {
    const head =
      '<!-- <meta charset="koi8-r"> --><meta name="x" content="y"><META HTTP-EQUIV=content-type CONTENT="text/html;charset=Shift_JIS">';
    expect(readMetaCharset(utf8(head))).toBe("Shift_JIS");
    expect(readMetaCharset(utf8("<meta charset='big5'/>"))).toBe("big5");
    expect(readMetaCharset(utf8(`<html><head>${" ".repeat(5000)}<meta charset="koi8-r">`))).toBeNull();
    expect(readMetaCharset(utf8('<meta content="text/html; charset=koi8-r">'))).toBeNull();
  });
});
