import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { normalizeLanguageTag, parsePublishedDate, readPageMetadata } from "@/lib/ingest/page/metadata";

const read = (html: string) => readPageMetadata(new JSDOM(html).window.document);
const iso = (date: Date | null) => date?.toISOString() ?? null;

describe("parsePublishedDate", () => {
  it("reads ISO 8601 with the liberties pages take", () => {
    expect(parsePublishedDate("2021-11-01T10:52:50+0100")).toEqual({
      date: new Date("2021-11-01T09:52:50Z"),
      hasZone: true,
    });
    expect(parsePublishedDate("2017-11-16T14:15+0000")).toEqual({
      date: new Date("2017-11-16T14:15:00Z"),
      hasZone: true,
    });
    expect(parsePublishedDate("2015-07-24T05:36:09.123456+01:00")?.date).toEqual(new Date("2015-07-24T04:36:09.123Z"));
    expect(parsePublishedDate("2016-03-01T08:00:00-05")?.date).toEqual(new Date("2016-03-01T13:00:00Z"));
  });

  it("reads a time without zone as UTC, whatever the machine's zone", () => {
    expect(parsePublishedDate("2019-04-28 06:01:07")).toEqual({
      date: new Date("2019-04-28T06:01:07Z"),
      hasZone: false,
    });
    expect(parsePublishedDate("2017-03-10")).toEqual({ date: new Date("2017-03-10T00:00:00Z"), hasZone: false });
    expect(parsePublishedDate("Fri, 24 Jul 2015 05:36:09 GMT")).toEqual({
      date: new Date("2015-07-24T05:36:09Z"),
      hasZone: true,
    });
    expect(parsePublishedDate("July 24, 2015 10:00")).toEqual({
      date: new Date("2015-07-24T10:00:00Z"),
      hasZone: false,
    });
  });

  it("refuses what is not a date", () => {
    for (const value of ["", "12", "Story 2", "yesterday", "0001-01-01T00:00:00Z", "2015-13-45", "1"]) {
      expect(parsePublishedDate(value), value).toBeNull();
    }
  });
});

describe("normalizeLanguageTag", () => {
  it("keeps the primary subtag of tags and locales", () => {
    expect(["en-US", "pt_BR", "zh-Hans-CN", "FR", " de ", "ko-KP", "en, fr", "iw"].map(normalizeLanguageTag)).toEqual([
      "en",
      "pt",
      "zh",
      "fr",
      "de",
      "ko",
      "en",
      "he",
    ]);
    expect(["", "x-default", "und", "english", "12", null, undefined].map(normalizeLanguageTag)).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });
});

describe("readPageMetadata", () => {
  it("prefers a published time that states its zone among the structured sources", () => {
    const html = `<html lang="pt-BR"><head>
      <meta property="article:published_time" content="2018-12-21 12:55:00">
      <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","datePublished":"2018-12-21T10:55:00-02:00"}]}</script>
      </head><body><time datetime="2001-01-01T00:00:00Z">old</time></body></html>`;
    expect(read(html)).toEqual({ published: new Date("2018-12-21T12:55:00Z"), language: "pt" });
  });

  it("takes the first structured value when none states a zone", () => {
    const html = `<head><meta itemprop="datePublished" content="2019-04-28 06:01:07"><meta name="dc.date" content="2019-04-29"></head>`;
    expect(iso(read(html).published)).toBe("2019-04-28T06:01:07.000Z");
  });

  it("survives broken JSON-LD and falls back to <time pubdate>, then any <time datetime>", () => {
    const broken = `<script type="application/ld+json">{"datePublished": "2020-01-01",}</script>`;
    expect(
      read(`${broken}<time datetime="2020-05-05">a</time><time pubdate datetime="2020-06-06T12:00Z">b</time>`)
        .published,
    ).toEqual(new Date("2020-06-06T12:00:00Z"));
    expect(iso(read(`${broken}<time datetime="soon">a</time><time datetime="2020-05-05">b</time>`).published)).toBe(
      "2020-05-05T00:00:00.000Z",
    );
    expect(read("<p>No dates here.</p>").published).toBeNull();
  });

  it("reads the language from <html lang>, then meta, then og:locale", () => {
    expect(read('<html lang="en-GB"><head><meta property="og:locale" content="fr_FR"></head></html>').language).toBe(
      "en",
    );
    expect(read('<html><head><meta http-equiv="Content-Language" content="ko-KP"></head></html>').language).toBe("ko");
    expect(read('<html lang=""><head><meta property="og:locale" content="cs_CZ"></head></html>').language).toBe("cs");
    expect(read("<p>Nothing</p>").language).toBeNull();
  });
});
