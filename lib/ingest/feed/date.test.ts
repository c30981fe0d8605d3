import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

import { parseFeedDate } from "./date";

// feedparser's own date table (test/fixtures/feeds/SOURCE.md): [year, month, day, hour, minute, second]
// in UTC, or null for what must be refused.
type DateCase = { fn: string; input: string; expected: number[] | null };
const FEEDPARSER_CASES: DateCase[] = JSON.parse(
  readFileSync(path.join(process.cwd(), "test/fixtures/feeds/feedparser/date-cases.json"), "utf8"),
);
// "03335" (2003, day 335, ISO 8601:1988) is the one case not read: a reader of five-digit ordinal dates
// would also take "22013", which feedparser's W3C-DTF table refuses, for 13 January 2022.
const NOT_READ = new Set(["03335"]);

function iso(raw: string): string | null {
  return parseFeedDate(raw)?.toISOString() ?? null;
}

function parts(date: Date | null): number[] | null {
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

describe("parseFeedDate on feedparser's date table", () => {
  it.each(FEEDPARSER_CASES.filter((c) => !NOT_READ.has(c.input)).map((c) => [c.fn, c.input, c.expected] as const))(
    "%s %j",
    (_, input, expected) => {
      expect(parts(parseFeedDate(input))).toEqual(expected);
    },
  );

  it("has the cases it was measured on", () => {
    expect(FEEDPARSER_CASES.filter((c) => c.input)).toHaveLength(64);
    expect(parseFeedDate("03335")).toBeNull();
  });
});

describe("parseFeedDate", () => {
  it.each([
    ["Wed, 31 Jan 2018 07:26:05 GMT", "2018-01-31T07:26:05.000Z"],
    ["Thu, 12 Nov 2015 21:16:39 +0000", "2015-11-12T21:16:39.000Z"],
    ["Sun, 17 Dec 2023 00:58:40 -0500", "2023-12-17T05:58:40.000Z"],
    ["Tue, 10 Jun 2003 04:00:00 EST", "2003-06-10T09:00:00.000Z"],
    ["Tue, 10 Jun 2003 04:00:00 PDT", "2003-06-10T11:00:00.000Z"],
    ["Mon, 01 Jan 2024 09:00:00 KST", "2024-01-01T00:00:00.000Z"],
    ["Fri, 31 May 19 12:17:58 -0700", "2019-05-31T19:17:58.000Z"],
    ["Wed, 03 Jan 2018 13:47:00 GMT\r\n      ", "2018-01-03T13:47:00.000Z"],
    ["Wed Jan 31 2018 07:26:05 GMT+0100 (Central European Standard Time)", "2018-01-31T06:26:05.000Z"],
    ["16-Dec-2023 10:00", "2023-12-16T10:00:00.000Z"],
  ])("reads RFC 822 and its variants: %s", (raw, expected) => {
    expect(iso(raw)).toBe(expected);
  });

  it.each([
    ["2017-06-15T10:29:47-07:00", "2017-06-15T17:29:47.000Z"],
    ["2016-06-01T15:35:00.001Z", "2016-06-01T15:35:00.001Z"],
    ["2018-01-31T07:26:05+0000", "2018-01-31T07:26:05.000Z"],
    ["2023-07-23T17:38:30+00:00", "2023-07-23T17:38:30.000Z"],
    ["2020-08-13", "2020-08-13T00:00:00.000Z"],
  ])("reads ISO 8601: %s", (raw, expected) => {
    expect(iso(raw)).toBe(expected);
  });

  it.each([
    ["Seg, 24 Set 2018 19:42:40 -0300", "2018-09-24T22:42:40.000Z"],
    ["mar., 24 sept. 2018 10:00:00 +0200", "2018-09-24T08:00:00.000Z"],
    ["Mittwoch, 3. März 2021 10:00:00 +0100", "2021-03-03T09:00:00.000Z"],
    ["martes, 5 de febrero de 2019 08:00:00 GMT", "2019-02-05T08:00:00.000Z"],
    ["gio, 15 ago 2019 12:00:00 +0200", "2019-08-15T10:00:00.000Z"],
  ])("reads month names in other languages, a leading weekday never taken for the month: %s", (raw, expected) => {
    expect(iso(raw)).toBe(expected);
  });

  it("reads US zones named without standard or daylight time by the rules of that date", () => {
    expect(iso("Mon, 26 January 2004 16:31:00 PT")).toBe("2004-01-27T00:31:00.000Z");
    expect(iso("Mon, 26 July 2004 16:31:00 PT")).toBe("2004-07-26T23:31:00.000Z");
    expect(iso("Sun, 09 Mar 2025 01:30:00 ET")).toBe("2025-03-09T06:30:00.000Z");
    expect(iso("Sun, 09 Mar 2025 03:30:00 ET")).toBe("2025-03-09T07:30:00.000Z");
    expect(iso("Tue, 10 Jun 2003 04:00:00 EST")).toBe("2003-06-10T09:00:00.000Z");
    expect(iso("Wed, 19 Aug 2009 18:28:00 Etc/GMT")).toBe("2009-08-19T18:28:00.000Z");
  });

  it.each([
    ["2004년 05월 28일  01:31:15", "2004-05-27T16:31:15.000Z"],
    ["2004-05-25 오후 11:23:17", "2004-05-25T14:23:17.000Z"],
    ["2024년 1월 15일 (월) 오전 9시 30분", "2024-01-15T00:30:00.000Z"],
    ["2024.01.15 (월) 17:05", "2024-01-15T08:05:00.000Z"],
    ["2004年05月28日", "2004-05-27T15:00:00.000Z"],
    ["2004年5月28日（金）午後3時20分", "2004-05-28T06:20:00.000Z"],
    ["2004年05月28日 星期五 下午 3:20", "2004-05-28T06:20:00.000Z"],
    ["2004年05月28日 10:00 +08:00", "2004-05-28T02:00:00.000Z"],
  ])("reads the Korean, Japanese and Chinese way, as UTC+9 unless a zone is given: %s", (raw, expected) => {
    expect(iso(raw)).toBe(expected);
  });

  it.each([
    ["2003-12", "2003-12-01T00:00:00.000Z"],
    ["2003", "2003-01-01T00:00:00.000Z"],
    ["20031231T101455Z", "2003-12-31T10:14:55.000Z"],
    ["031231", "2003-12-31T00:00:00.000Z"],
    ["2004-júl-13T9:15-05:00", "2004-07-13T14:15:00.000Z"],
    ["Κυρ, 11 Ιούλ 2004 12:00:00 EST", "2004-07-11T17:00:00.000Z"],
    ["Thu, 01 Jan 0100 00:00:01 +0100", "0099-12-31T23:00:01.000Z"],
  ])("reads reduced precision, basic ISO forms, Hungarian and Greek months, early years: %s", (raw, expected) => {
    expect(iso(raw)).toBe(expected);
  });

  it.each([
    "9999-12-31T23:59:59-99:99",
    "2003-12-31T10:14:55+15:00",
    "2003-13-01",
    "2003-12-32",
    "2003-12-31T24:30:00Z",
    "2013-01-27-01",
    "Sun, 16 Dec 2012 1:2:3:4 GMT",
    "Sun, 16 Dec 2012 11:47:32 +zz:00",
    "Mon, 01 Jan 2024 13:00:00 PM GMT",
    "2024년 13월 1일",
    "2004年05月28日 午後15時",
  ])("refuses a date or time that cannot exist: %s", (raw) => {
    expect(parseFeedDate(raw)).toBeNull();
  });

  it("reads 12-hour clocks", () => {
    expect(iso("Sat, Dec 16 2023 02:02:33 PM")).toBe("2023-12-16T14:02:33.000Z");
    expect(iso("Mon, 01 Jan 2024 12:30:00 AM GMT")).toBe("2024-01-01T00:30:00.000Z");
    expect(iso("Mon, 01 Jan 2024 12:30:00 PM GMT")).toBe("2024-01-01T12:30:00.000Z");
  });

  it("takes a date without a zone as UTC, wherever the worker runs", () => {
    expect(iso("2020-08-13 09:57:55")).toBe("2020-08-13T09:57:55.000Z");
    expect(iso("13 Aug 2020 09:57:55")).toBe("2020-08-13T09:57:55.000Z");
  });

  it.each(["", "   ", "not a date", "31 Feb 2020 10:00:00 GMT", "Jan 2020", "yesterday at noon"])(
    "returns null for what it cannot read: %j",
    (raw) => {
      expect(parseFeedDate(raw)).toBeNull();
    },
  );

  it("returns null for a missing value", () => {
    expect(parseFeedDate(undefined)).toBeNull();
    expect(parseFeedDate(null)).toBeNull();
  });
});
