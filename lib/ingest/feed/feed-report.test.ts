import { describe, expect, it } from "vitest";
import iconv from "iconv-lite";

import { reportFeed } from "./feed-report";

const KOREAN = "조선중앙통신사 보도: 평양에서 새해를 맞으며 열린 경축행사에 수많은 근로자들과 청년학생들이 참가하였다.";

function feed(items: string): string {
  return `<rss version="2.0"><channel><title>통신 보도</title><link>https://example.org/</link>${items}</channel></rss>`;
}

describe("reportFeed", () => {
  it("reports an undeclared EUC-KR feed as the worker stores it, with the charset it was read in", () => {
    const bytes = iconv.encode(
      feed(
        `<item><title>새해 경축행사</title><link>https://example.org/1</link><description>${KOREAN.repeat(6)}</description><pubDate>Mon, 01 Jan 2024 09:00:00 +0900</pubDate></item>`,
      ),
      "cp949",
    );
    expect(reportFeed(bytes)).toEqual({
      title: "통신 보도",
      link: "https://example.org/",
      format: "rss",
      charset: { name: "cp949", from: "sniffed" },
      items: [
        {
          title: "새해 경축행사",
          link: "https://example.org/1",
          published: "2024-01-01T00:00:00.000Z",
          text: KOREAN.repeat(6),
        },
      ],
    });
  });

  it("marks an item without a date and one whose page the worker would fetch, and titles an untitled one", () => {
    const bytes = Buffer.from(
      feed(
        `<item><link>/stories/2</link><description>A teaser only.</description></item>` +
          `<item><description>${"Words of a full article. ".repeat(20)}</description><pubDate>2024-02-03</pubDate></item>`,
      ),
      "utf8",
    );
    const report = reportFeed(bytes, { url: "https://example.org/feeds/rss.xml" });
    expect(report.charset).toEqual({ name: "utf-8", from: "sniffed" });
    expect(report.items).toEqual([
      {
        title: "A teaser only.",
        link: "https://example.org/stories/2",
        published: null,
        undated: true,
        text: "A teaser only.",
        pageFetched: true,
      },
      {
        title: "Words of a full article. ".repeat(20).slice(0, 119).trimEnd() + "…",
        link: null,
        published: "2024-02-03T00:00:00.000Z",
        text: "Words of a full article. ".repeat(20).trim(),
      },
    ]);
  });
});
