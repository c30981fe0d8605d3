import { describe, expect, it } from "vitest";
import { dateFromDateline, dateFromUrl, inferPublishedDay } from "@/lib/ingest/page/inferred-date";

describe("inferPublishedDay", () => {
  it("reads the day from state-media addresses", () => {
    expect(dateFromUrl("http://www.rodong.rep.kp/en/index.php?strPageID=SF01_02_01&newsID=2021-06-17-0001")).toEqual(
      new Date("2021-06-17T00:00:00Z"),
    );
    expect(dateFromUrl("http://kcna.co.jp/item/2016/201601/news04/20160104-07ee.html")).toEqual(
      new Date("2016-01-04T00:00:00Z"),
    );
    expect(dateFromUrl("https://example.org/2019/3/5/story")).toEqual(new Date("2019-03-05T00:00:00Z"));
    expect(dateFromUrl("https://example.org/news/20191345-x.html")).toBeNull();
    expect(dateFromUrl("http://www.kcna.kp/en/article/q/fa7e154f.kcmsf")).toBeNull();
  });

  it("takes the year printed beside a day that matches the dateline's, and nothing else", () => {
    const page = "Latest [2024.01.01.] Other story\nNew Year greeted [2024.01.02.]\n";
    expect(dateFromDateline("Pyongyang, January 2 (KCNA) -- The New Year", page)).toEqual(
      new Date("2024-01-02T00:00:00Z"),
    );
    expect(dateFromDateline("Pyongyang, March 9 (KCNA) -- ...", page)).toBeNull();
    expect(dateFromDateline("No dateline here.", page)).toBeNull();
  });

  it("prefers the address, and gives null rather than a guess", () => {
    expect(inferPublishedDay("https://x.example/2020/02/29/a", "Pyongyang, January 2 (KCNA)", "[2024.01.02.]")).toEqual(
      new Date("2020-02-29T00:00:00Z"),
    );
    expect(inferPublishedDay("https://x.example/a", "Text", "")).toBeNull();
  });
});
