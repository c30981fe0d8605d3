import { describe, expect, it } from "vitest";

import { parseFeedDate } from "./date";

function iso(raw: string): string | null {
  return parseFeedDate(raw)?.toISOString() ?? null;
}

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

  it("reads 12-hour clocks", () => {
    expect(iso("Sat, Dec 16 2023 02:02:33 PM")).toBe("2023-12-16T14:02:33.000Z");
    expect(iso("Mon, 01 Jan 2024 12:30:00 AM GMT")).toBe("2024-01-01T00:30:00.000Z");
    expect(iso("Mon, 01 Jan 2024 12:30:00 PM GMT")).toBe("2024-01-01T12:30:00.000Z");
  });

  it("takes a date without a zone as UTC, wherever the worker runs", () => {
    expect(iso("2020-08-13 09:57:55")).toBe("2020-08-13T09:57:55.000Z");
    expect(iso("13 Aug 2020 09:57:55")).toBe("2020-08-13T09:57:55.000Z");
  });

  it.each(["", "   ", "not a date", "31 Feb 2020 10:00:00 GMT", "2020-13-01", "Jan 2020", "yesterday at noon"])(
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
