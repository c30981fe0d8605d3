// Feed reading fidelity, each against an independent answer:
//   feeds.feedparser.checks_passed   field checks of feedparser's own test documents that pass (their
//                                    Expect: headers; the rest are listed in feedparser-suite.test.ts)
//   feeds.dates.exact                feedparser's date table read to the second
//   feeds.charset.<group>.accuracy   undeclared legacy-charset samples read as written (real text
//                                    encoded with iconv-lite, real feeds), and the same with the WHATWG
//                                    default every undeclared non-UTF-8 document gets in a browser
import { readFileSync } from "node:fs";
import path from "node:path";
import iconv from "iconv-lite";
import { parseFeedDate } from "@/lib/ingest/feed/date";
import { decodeFeedBytes } from "@/lib/ingest/feed/decode";
import { buildCharsetSamples, trueText } from "@/test/support/charset-samples";
import { checkDocument, listSuiteDocuments } from "@/test/support/feedparser-suite";
import type { BenchOptions } from "./types";

const SUITE = path.join(process.cwd(), "test/fixtures/feeds/feedparser");

export async function benchFeeds({ emit, log }: BenchOptions): Promise<void> {
  const checks = listSuiteDocuments(SUITE).flatMap((document) => checkDocument(SUITE, document));
  const passed = checks.filter((check) => check.pass).length;
  emit({ bench: "feeds.feedparser.checks_passed", value: passed, unit: "checks", n: checks.length });

  const cases = (
    JSON.parse(readFileSync(path.join(SUITE, "date-cases.json"), "utf8")) as Array<{
      input: string;
      expected: number[] | null;
    }>
  ).filter((c) => c.input);
  const exact = cases.filter((c) => JSON.stringify(dateParts(parseFeedDate(c.input))) === JSON.stringify(c.expected));
  emit({ bench: "feeds.dates.exact", value: exact.length, unit: "dates", n: cases.length });

  const samples = buildCharsetSamples();
  const groups = [...new Set(samples.map((sample) => sample.group))];
  const whatwg = (bytes: Buffer) => {
    const utf8 = decodeFeedBytes(bytes).charset === "utf-8";
    return iconv.decode(bytes, utf8 ? "utf-8" : "windows-1252", { stripBOM: true });
  };
  for (const group of [...groups, "all"]) {
    const inGroup = samples.filter((sample) => group === "all" || sample.group === group);
    const ours = inGroup.filter((sample) => decodeFeedBytes(sample.bytes).text === trueText(sample)).length;
    const browser = inGroup.filter((sample) => whatwg(sample.bytes) === trueText(sample)).length;
    const name = group.toLowerCase().replace(/[^a-z0-9]+/g, "_");
    emit({
      bench: `feeds.charset.${name}.accuracy`,
      value: round(ours / inGroup.length),
      unit: "ratio",
      n: inGroup.length,
    });
    emit({
      bench: `feeds.charset.${name}.whatwg_default_accuracy`,
      value: round(browser / inGroup.length),
      unit: "ratio",
      n: inGroup.length,
    });
  }
  log?.(
    `feeds: ${passed}/${checks.length} feedparser checks, ${exact.length}/${cases.length} dates, ${samples.length} charset samples`,
  );
}

function dateParts(date: Date | null): number[] | null {
  if (!date) return null;
  return [
    date.getUTCFullYear(),
    date.getUTCMonth() + 1,
    date.getUTCDate(),
    date.getUTCHours(),
    date.getUTCMinutes(),
    date.getUTCSeconds(),
  ];
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
