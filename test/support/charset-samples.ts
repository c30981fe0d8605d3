// Feeds in legacy charsets with no declaration, made from real text, to measure the charset detector
// (lib/ingest/feed/legacy-charset.ts) in its test and in `npm run bench -- --only feeds`:
// - Korean New Year texts (test/fixtures/charsets/korean.jsonl) in EUC-KR (its UHC superset, as served),
//   a short item and a long one each;
// - Japanese, Chinese, Russian, Thai and Hebrew paragraphs (texts.json) in their legacy charsets, as a
//   one-line item, a paragraph and a whole feed;
// - the real Latin-1 feeds of test/fixtures/feeds with their declaration removed, whole, item by item and
//   title by title (short Latin text is where detectors go wrong), and the real UTF-8 feeds, as they
//   are and re-encoded in windows-1252;
// - feedparser's own undeclared samples (illformed/chardet).
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import iconv from "iconv-lite";

export type CharsetSample = { name: string; group: string; charset: string; bytes: Buffer };

const FIXTURES = path.join(process.cwd(), "test/fixtures");
const LATIN1_FEEDS = [
  "rss-parser/encoding.rss",
  "rss-parser/uolNoticias.rss",
  "feed-rs/rss_2.0_encoding_1.xml",
  "feed-rs/rss_1.0_iso8859.xml",
];
// prettier-ignore
const LEGACY: Record<string, Array<[group: string, charset: string]>> = {
  ja: [["Shift_JIS", "shift_jis"], ["EUC-JP", "euc-jp"]],
  "zh-Hans": [["GB2312/GBK", "gbk"]],
  "zh-Hant": [["Big5", "big5"]],
  ru: [["KOI8-R", "koi8-r"], ["windows-1251", "windows-1251"]],
  th: [["TIS-620", "tis-620"]],
  he: [["windows-1255", "windows-1255"]],
};
// prettier-ignore
const FEEDPARSER: Record<string, [group: string, charset: string]> = {
  "big5.xml": ["Big5", "big5"], "eucjp.xml": ["EUC-JP", "euc-jp"], "euckr.xml": ["EUC-KR", "cp949"],
  "gb2312.xml": ["GB2312/GBK", "gbk"], "koi8r.xml": ["KOI8-R", "koi8-r"], "shiftjis.xml": ["Shift_JIS", "shift_jis"],
  "tis620.xml": ["TIS-620", "tis-620"], "windows1255.xml": ["windows-1255", "windows-1255"],
};

export function buildCharsetSamples(): CharsetSample[] {
  const samples: CharsetSample[] = [];
  const add = (name: string, group: string, charset: string, text: string) => {
    const bytes = iconv.encode(text, charset);
    if (iconv.decode(bytes, charset) !== text) throw new Error(`${name} cannot be written in ${charset}`);
    samples.push({ name, group, charset, bytes });
  };

  const korean = readLines(path.join(FIXTURES, "charsets/korean.jsonl")).map(
    (line) => JSON.parse(line) as { title: string; published: string; body: string },
  );
  for (const { title, published, body } of korean) {
    add(`ko ${published} short`, "EUC-KR", "cp949", rss([{ title, body: body.slice(0, 120) }]));
    add(`ko ${published} long`, "EUC-KR", "cp949", rss([{ title, body }]));
  }

  const texts = JSON.parse(readFileSync(path.join(FIXTURES, "charsets/texts.json"), "utf8")) as Record<
    string,
    string[]
  >;
  for (const [language, charsets] of Object.entries(LEGACY)) {
    const paragraphs = texts[language];
    const items = paragraphs.map((paragraph) => ({ title: firstSentence(paragraph), body: paragraph }));
    for (const [group, charset] of charsets) {
      items.forEach((item, i) => {
        add(`${language} ${i} short`, group, charset, rss([{ title: item.title, body: item.body.slice(0, 80) }]));
        add(`${language} ${i} paragraph`, group, charset, rss([item]));
      });
      add(`${language} feed`, group, charset, rss(items));
    }
  }

  for (const feed of LATIN1_FEEDS) {
    const text = iconv
      .decode(readFileSync(path.join(FIXTURES, "feeds", feed)), "windows-1252")
      .replace(/<\?xml[^>]*\?>/, "");
    add(`${feed}`, "windows-1252", "windows-1252", text);
    [...text.matchAll(/<item[\s\S]*?<\/item>/g)].forEach(([item], i) =>
      add(
        `${feed} item ${i}`,
        "windows-1252 item",
        "windows-1252",
        `<rss version="2.0"><channel>${item}</channel></rss>`,
      ),
    );
    [...text.matchAll(/<title>([^<]*[\u00c0-\u00ff][^<]*)<\/title>/g)].forEach(([, title], i) =>
      add(`${feed} title ${i}`, "windows-1252 title", "windows-1252", rss([{ title, body: "" }])),
    );
  }
  for (const folder of ["rss-parser", "feed-rs"]) {
    for (const file of readdirSync(path.join(FIXTURES, "feeds", folder))) {
      const feed = `${folder}/${file}`;
      if (!/\.(rss|atom|xml)$/.test(file) || LATIN1_FEEDS.includes(feed)) continue;
      const text = readFileSync(path.join(FIXTURES, "feeds", feed), "utf8").replace(/<\?xml[^>]*\?>/, "");
      if (text.includes("\uFFFD")) continue;
      add(`${feed}`, "UTF-8", "utf-8", text);
      if (!/[^\x00-\x7f]/.test(text)) continue;
      const writable = [...text].filter(
        (char) => iconv.decode(iconv.encode(char, "windows-1252"), "windows-1252") === char,
      );
      add(`${feed} in windows-1252`, "windows-1252", "windows-1252", writable.join(""));
    }
  }

  const chardetFolder = path.join(FIXTURES, "feeds/feedparser/illformed/chardet");
  for (const [file, [group, charset]] of Object.entries(FEEDPARSER)) {
    samples.push({ name: `feedparser ${file}`, group, charset, bytes: readFileSync(path.join(chardetFolder, file)) });
  }
  return samples;
}

/** The text the sample holds, read with its true charset. */
export function trueText(sample: CharsetSample): string {
  return iconv.decode(sample.bytes, sample.charset, { stripBOM: true });
}

function rss(items: Array<{ title: string; body: string }>): string {
  const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const entries = items.map(
    (item, i) =>
      `<item><title>${escape(item.title)}</title><link>https://example.org/${i}</link><description>${escape(item.body)}</description></item>`,
  );
  return `<?xml version="1.0"?>\n<rss version="2.0"><channel><title>${escape(items[0].title.slice(0, 20))}</title>\n${entries.join("\n")}\n</channel></rss>\n`;
}

function firstSentence(paragraph: string): string {
  return paragraph.split(/[。.!?]/)[0].slice(0, 60);
}

function readLines(file: string): string[] {
  return readFileSync(file, "utf8").split("\n").filter(Boolean);
}
