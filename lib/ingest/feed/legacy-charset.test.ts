import { describe, expect, it } from "vitest";

import { buildCharsetSamples, trueText } from "@/test/support/charset-samples";
import { decodeFeedBytes } from "./decode";
import { parseFeed } from "./parse";

// Real text in each legacy charset, served with no declaration (test/support/charset-samples.ts says
// which). The detector's choice is judged by the text it gives, so naming EUC-KR's superset counts.
const samples = buildCharsetSamples();

describe("undeclared legacy charsets", () => {
  const groups = [...new Set(samples.map((sample) => sample.group))];

  it.each(groups)("reads %s text as written", (group) => {
    const wrong = samples
      .filter((sample) => sample.group === group)
      .filter((sample) => decodeFeedBytes(sample.bytes).text !== trueText(sample))
      .map((sample) => `${sample.name} read as ${decodeFeedBytes(sample.bytes).charset}`);
    expect(wrong).toEqual([]);
  });

  it("covers every charset the detector must get right, with real text", () => {
    for (const group of ["EUC-KR", "Shift_JIS", "GB2312/GBK", "Big5", "KOI8-R", "windows-1252", "UTF-8"]) {
      expect(samples.filter((sample) => sample.group === group).length, group).toBeGreaterThanOrEqual(8);
    }
  });

  it("stores Korean titles from an undeclared EUC-KR feed as Korean", () => {
    const sample = samples.find(
      (candidate) => candidate.name.startsWith("ko 1977") && candidate.name.endsWith("long"),
    )!;
    const feed = parseFeed(sample.bytes);
    expect(feed.items[0].title).toBe("신년사");
    expect(feed.items[0].summary).toContain("파쑈적폭압");
  });
});
