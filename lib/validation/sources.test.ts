import { describe, expect, it } from "vitest";
import { sourceFormSchema, testFeedSchema } from "./sources";

const valid = {
  name: " KCNA English ",
  url: "http://www.kcna.kp/en/rss/feed.rss",
  language: "EN",
  pollIntervalMinutes: "30",
};

describe("sourceFormSchema", () => {
  it("trims, lowers the language, coerces the interval and reads checkboxes", () => {
    expect(sourceFormSchema.parse({ ...valid, fetchFullText: "on" })).toEqual({
      name: "KCNA English",
      url: "http://www.kcna.kp/en/rss/feed.rss",
      language: "en",
      pollIntervalMinutes: 30,
      fetchFullText: true,
      active: false,
      recheckHours: null,
    });
  });

  it("refuses intervals under five minutes and fractions", () => {
    expect(sourceFormSchema.safeParse({ ...valid, pollIntervalMinutes: "4" }).error?.issues[0].message).toBe(
      "Poll at most every 5 minutes.",
    );
    expect(sourceFormSchema.safeParse({ ...valid, pollIntervalMinutes: "7.5" }).success).toBe(false);
  });

  it("accepts only http and https feed URLs", () => {
    for (const url of [
      "ftp://example.org/feed",
      "javascript:alert(1)",
      "file:///etc/passwd",
      "example.org/feed",
      "http://user:pw@example.org/feed",
    ]) {
      expect(testFeedSchema.safeParse({ url }).success, url).toBe(false);
    }
    expect(testFeedSchema.safeParse({ url: "https://example.org/feed.xml" }).success).toBe(true);
  });

  it("refuses a malformed language code", () => {
    expect(sourceFormSchema.safeParse({ ...valid, language: "english" }).success).toBe(false);
    expect(sourceFormSchema.parse({ ...valid, language: "zh-Hans" }).language).toBe("zh-hans");
  });
});

describe("the re-check interval", () => {
  it("reads blank as by age, 0 as never, hours as hours, and refuses the rest", () => {
    const parse = (recheckHours?: string) => sourceFormSchema.safeParse({ ...valid, recheckHours });
    expect(parse("").data?.recheckHours).toBeNull();
    expect(parse(undefined).data?.recheckHours).toBeNull();
    expect(parse("0").data?.recheckHours).toBe(0);
    expect(parse(" 6 ").data?.recheckHours).toBe(6);
    expect(parse("1.5").success).toBe(false);
    expect(parse("-1").success).toBe(false);
    expect(parse("every day").success).toBe(false);
  });
});
