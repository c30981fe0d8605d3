import { describe, expect, it } from "vitest";
import { guessSourceName } from "./guess-source";

const sources = [
  { name: "KCNA", url: "http://www.kcna.kp/en" },
  { name: "BBC News", url: "https://www.bbc.co.uk/news" },
  { name: "Rodong Sinmun", url: null },
];

describe("guessSourceName", () => {
  it("picks the registered source on the same site, with or without www.", () => {
    expect(guessSourceName("https://bbc.co.uk/news/world-1234", null, sources)).toEqual({
      name: "BBC News",
      known: true,
    });
    expect(guessSourceName("http://kcna.kp/en/article/q/abc.kcmsf", "Korean Central News Agency", sources)).toEqual({
      name: "KCNA",
      known: true,
    });
  });

  it("matches a subdomain of a registered site", () => {
    expect(guessSourceName("https://news.bbc.co.uk/2/hi/asia/1.stm", null, sources)).toEqual({
      name: "BBC News",
      known: true,
    });
  });

  it("falls back to the page's site name, matched to a source case-insensitively", () => {
    expect(guessSourceName("http://127.0.0.1:4000/bbc.html", "bbc news", sources)).toEqual({
      name: "BBC News",
      known: true,
    });
    expect(guessSourceName("https://www.nknews.org/2024/01/x", "NK News", sources)).toEqual({
      name: "NK News",
      known: false,
    });
  });

  it("uses the host when the page names no site", () => {
    expect(guessSourceName("https://www.example.org/a", null, sources)).toEqual({ name: "example.org", known: false });
  });
});
