// The legacy charset of bytes that are not UTF-8 and say nothing about themselves (no BOM, header or
// declaration). Browsers fall back to windows-1252 here (WHATWG), which garbles every Korean, Japanese,
// Chinese, Cyrillic, Thai or Hebrew feed sent that way. Two detectors were measured on the same samples
// (real Korean, Japanese, Chinese, Russian, Thai and Hebrew text encoded with iconv-lite, the real Latin-1
// and UTF-8 feeds of test/fixtures/feeds, feedparser's undeclared samples; `npm run bench -- --only feeds`):
//   windows-1252 only                 92/220
//   chardet 2.2.0 (ICU's algorithm)  208/220  misses short Russian texts, reads Thai as Chinese or Korean
//   jschardet 4.1.0 (chardet 7 port) 214/220  long Korean texts with a UHC-only syllable (DPRK texts
//                                             have them: 쑈, 틍, 뗠) read as GB18030; short Latin-1 texts
//                                             as windows-1257
//   this combination                 220/220
// jschardet decides, restricted to the charsets of the modern web. Its single-byte guesses for Latin text
// come with confidence under 0.05, its right answers for Cyrillic, Thai and Hebrew at 0.17 or more: under
// 0.15 the WHATWG default stands. Where it names an East Asian multibyte charset without conviction
// (confidence under 0.5), chardet's check of the multibyte structure, which is right on all of them,
// chooses among the East Asian charsets.
import { detect as detectWithIcu } from "chardet";
import iconv from "iconv-lite";
import { chardet as chardet7 } from "jschardet";

/** What is sampled: enough text for both detectors, a bounded cost on a 10 MB feed. */
const SAMPLE_BYTES = 64 * 1024;
const SINGLE_BYTE_FLOOR = 0.15;
const MULTIBYTE_SURE = 0.5;

// Detector names -> the WHATWG superset that iconv-lite decodes (pages and feeds labelled with the narrow
// name use the wide one, as browsers assume).
const CANONICAL: Record<string, string> = {
  "euc-kr": "cp949",
  cp949: "cp949",
  uhc: "cp949",
  shift_jis: "windows-31j",
  cp932: "windows-31j",
  "euc-jp": "euc-jp",
  gb2312: "gb18030",
  gbk: "gb18030",
  gb18030: "gb18030",
  big5: "big5hkscs",
  big5hkscs: "big5hkscs",
  "tis-620": "windows-874",
  cp874: "windows-874",
  "iso-8859-11": "windows-874",
  "iso-8859-8": "windows-1255",
  "iso-8859-1": "windows-1252",
  ascii: "windows-1252",
};
const EAST_ASIAN = new Set(["cp949", "windows-31j", "euc-jp", "gb18030", "big5hkscs"]);

/** A charset name iconv-lite knows, for bytes known not to be UTF-8; "windows-1252" when unsure. */
export function guessLegacyCharset(bytes: Uint8Array): string {
  const sample = bytes.subarray(0, SAMPLE_BYTES);
  const guess = chardet7.detect(sample, { encodingEra: chardet7.EncodingEra.MODERN_WEB, preferSuperset: true });
  const name = canonical(guess.encoding);
  if (!name) return "windows-1252";
  if (!EAST_ASIAN.has(name)) return guess.confidence >= SINGLE_BYTE_FLOOR ? name : "windows-1252";
  if (guess.confidence >= MULTIBYTE_SURE) return name;
  const second = canonical(detectWithIcu(sample));
  return second && EAST_ASIAN.has(second) ? second : name;
}

function canonical(label: string | null | undefined): string | null {
  const lower = label?.toLowerCase();
  if (!lower) return null;
  const name = CANONICAL[lower] ?? lower;
  return iconv.encodingExists(name) ? name : null;
}
