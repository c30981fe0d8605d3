import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseKcnaWatchPaste, type PasteParseResult } from "./parse-kcna-watch";
import { parseDateline } from "./paste-dates";
import { mapOutlet } from "./pasted-article";

const page = readFileSync(new URL("../../../test/fixtures/paste/kcna-watch-page.txt", import.meta.url), "utf8");
const now = new Date("2026-01-22T12:00:00Z");

const FIRST_SENTENCE =
  "Pyongyang, June 10 (KCNA) -- A video conference of the Red Cross Society of the Democratic People's Republic of Korea took place on June 8 and 9.";
const LAST_SENTENCE =
  "The conference adopted its until-2030 strategy, orientation of work of its each department and the modified rules and elected members of the new guidance organ.";

const full = (result: PasteParseResult) => result.articles.filter((article) => article.complete);
const teasers = (result: PasteParseResult) => result.articles.filter((article) => !article.complete);
const main = (result: PasteParseResult) => full(result)[0] ?? null;

function withoutMoreFrom(text: string): string {
  return text.slice(0, text.indexOf("More From KCNA.kp (En)"));
}

function bodyOnly(text: string): string {
  return text.slice(text.indexOf("Pyongyang, June 10"), text.indexOf("-0-") + 3);
}

describe("parseKcnaWatchPaste on the real seed page", () => {
  const result = parseKcnaWatchPaste(page, { now });

  it("finds the article with its title, source, outlet, day/month/year date and title line", () => {
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(full(result)).toHaveLength(1);
    expect(main(result)).toMatchObject({
      title: "Conference of DPRK Red Cross Society Held",
      source: "KCNA.kp (En)",
      outlet: "KCNA",
      publishedDate: "2021-06-10",
      complete: true,
      dateline: { place: "Pyongyang", month: 6, day: 10 },
      line: 4,
      url: null,
    });
  });

  it("keeps the body from the dateline to the end mark, one paragraph per line", () => {
    const paragraphs = main(result)!.body.split("\n");
    expect(paragraphs).toHaveLength(9);
    expect(paragraphs[0]).toBe(FIRST_SENTENCE);
    expect(paragraphs.at(-1)).toBe(LAST_SENTENCE);
    expect(main(result)!.body).not.toContain("-0-");
    expect(main(result)!.body).not.toContain("More From");
  });

  it("turns the no-break space in the page into a plain space", () => {
    expect(page).toContain("Society\u00A0and");
    expect(main(result)!.body).toContain("Central Committee of the DPRK Red Cross Society and other officials");
    expect(main(result)!.body).not.toContain("\u00A0");
  });

  it("reads the 18 More From entries as incomplete teasers with their dates and lines", () => {
    const more = teasers(result);
    expect(more).toHaveLength(18);
    expect(more[0]).toEqual({
      title: "Korean Toffee Making - Part of DPRK's Intangible Cultural Heritage",
      source: "KCNA.kp (En)",
      outlet: "KCNA",
      publishedDate: "2026-01-22",
      body: "Pyongyang, January 22 (KCNA) -- Korean toffee making is a part of the intangible cultural heritage of the DPRK. It is a chewy",
      complete: false,
      dateline: { place: "Pyongyang", month: 1, day: 22 },
      line: 28,
      url: null,
    });
    expect(more[2]).toMatchObject({ title: "Rider's Uniforms in Mirim Riding Club", dateline: null });
    expect(more[8]).toMatchObject({ title: "Scientific Farming in DPRK", publishedDate: "2026-01-21" });
    expect(more.at(-1)).toMatchObject({
      title: "New Houses Built at Farms in Kangwon Province",
      publishedDate: "2026-01-20",
      body: "Pyongyang, January 20 (KCNA) -- Several farms in Kangwon Province of the DPRK have presented unusual scenes of rural rejuvenation.",
    });
    expect(more.filter((entry) => entry.title === "Press Review").map((entry) => entry.publishedDate)).toEqual([
      "2026-01-22",
      "2026-01-21",
    ]);
  });
});

describe("parseKcnaWatchPaste on variants of the seed page", () => {
  const reference = parseKcnaWatchPaste(page, { now });

  it("gives the same result for CRLF line ends", () => {
    expect(parseKcnaWatchPaste(page.replace(/\n/g, "\r\n"), { now })).toEqual(reference);
  });

  it("gives the same articles with extra blank lines, tabs and no-break spaces", () => {
    const noisy = page.replace(/\n\n/g, "\n \n\u00A0\n\n").replace("Conference of DPRK", "Conference\tof  DPRK");
    const result = parseKcnaWatchPaste(noisy, { now });
    const withoutLine = (articles: PasteParseResult["articles"]) =>
      articles.map((article) => ({ ...article, line: 0 }));
    expect(withoutLine(result.articles)).toEqual(withoutLine(reference.articles));
    expect(result.warnings).toEqual([]);
  });

  it("reads a page without the More From section", () => {
    const result = parseKcnaWatchPaste(withoutMoreFrom(page), { now });
    expect(result.articles).toEqual([main(reference)]);
    expect(result.warnings).toEqual([]);
  });

  it("reads an ISO Date line as the date, not as the title", () => {
    const result = parseKcnaWatchPaste(page.replace("Date: 10/06/2021", "Date: 2021-06-10"), { now });
    expect(result.errors).toEqual([]);
    expect(main(result)).toEqual(main(reference));
  });

  it("prefers the month/day/year reading when only it matches the dateline, and warns with the line", () => {
    const result = parseKcnaWatchPaste(page.replace("Date: 10/06/2021", "Date: 06/10/2021"), { now });
    expect(main(result)?.publishedDate).toBe("2021-06-10");
    expect(result.warnings).toEqual([expect.stringMatching(/^Line 6: .*month\/day\/year/)]);
  });

  it("keeps day/month/year and warns when the dateline contradicts both readings", () => {
    const result = parseKcnaWatchPaste(page.replace("Date: 10/06/2021", "Date: 11/06/2021"), { now });
    expect(main(result)?.publishedDate).toBe("2021-06-11");
    expect(result.warnings).toEqual([expect.stringMatching(/^Line 6: the dateline says June 10 .* kept 2021-06-11/)]);
  });

  it("reads month/day/year when day/month/year is impossible and there is no dateline", () => {
    const text = page.replace("Date: 10/06/2021", "Date: 06/25/2021").replace("Pyongyang, June 10 (KCNA) -- ", "");
    const result = parseKcnaWatchPaste(text, { now });
    expect(main(result)).toMatchObject({ publishedDate: "2021-06-25", dateline: null });
    expect(result.warnings).toEqual([expect.stringContaining("not a valid day/month/year")]);
  });

  it("names the line of an impossible Date line", () => {
    const result = parseKcnaWatchPaste(page.replace("Date: 10/06/2021", "Date: 31/31/2021"), { now });
    expect(full(result)).toEqual([]);
    expect(result.errors).toEqual([
      'Line 6: the Date line of "Conference of DPRK Red Cross Society Held" cannot be read: "31/31/2021" is not a real day.',
    ]);
  });

  it("runs the body to the More From section when the end mark is missing, and warns", () => {
    const result = parseKcnaWatchPaste(page.replace(" -0-", ""), { now });
    expect(main(result)?.body.split("\n").at(-1)).toBe(LAST_SENTENCE);
    expect(teasers(result)).toHaveLength(18);
    expect(result.warnings).toEqual([
      'Line 4: no end mark (-0-) after "Conference of DPRK Red Cross Society Held"; its text runs to line 25.',
    ]);
  });

  it("asks for a title when only the body was pasted, naming the line", () => {
    const result = parseKcnaWatchPaste(bodyOnly(page), { now });
    expect(result.articles).toEqual([]);
    expect(result.errors).toEqual([
      'Line 1: the article starting "Pyongyang, June 10 (KCNA) -- A video co…" has no title above it.',
    ]);
  });

  it("dates a title-and-body paste from the dateline, with the year before `now`", () => {
    const text = `Conference of DPRK Red Cross Society Held\n\n${bodyOnly(page)}`;
    const result = parseKcnaWatchPaste(text, { now: new Date("2021-07-01T00:00:00Z") });
    expect(result.errors).toEqual([]);
    expect(main(result)).toMatchObject({ publishedDate: "2021-06-10", source: "KCNA", outlet: "KCNA", line: 1 });
    expect(result.warnings).toEqual([
      'Line 1: "Conference of DPRK Red Cross Society Held" has no Date line or source line; its source KCNA and date 2021-06-10 come from the dateline, with the year assumed.',
    ]);
    expect(main(parseKcnaWatchPaste(text, { now }))?.publishedDate).toBe("2025-06-10");
  });

  it("takes the source from the source line when the Date line is missing", () => {
    const text = page.replace("KCNA KCNA.kp (En)", "Rodong Sinmun Rodong Sinmun (En)").replace(/^Date: .*$/m, "");
    const result = parseKcnaWatchPaste(text, { now });
    expect(result.errors).toEqual([]);
    expect(main(result)).toMatchObject({
      title: "Conference of DPRK Red Cross Society Held",
      source: "Rodong Sinmun (En)",
      outlet: "Rodong Sinmun",
      publishedDate: "2025-06-10",
    });
    expect(result.warnings).toEqual([expect.stringContaining("has no Date line; its date 2025-06-10 comes from")]);
  });

  it("warns about a date in the future", () => {
    const result = parseKcnaWatchPaste(page, { now: new Date("2021-01-01T00:00:00Z") });
    expect(main(result)?.publishedDate).toBe("2021-06-10");
    expect(result.warnings).toEqual([
      'Line 4: the date 2021-06-10 of "Conference of DPRK Red Cross Society Held" is in the future.',
    ]);
  });

  it("does not treat the source line as a title when the title is missing", () => {
    const result = parseKcnaWatchPaste(page.replace("Conference of DPRK Red Cross Society Held\n", ""), { now });
    expect(full(result)).toEqual([]);
    expect(result.errors).toEqual(["Line 5: the Date line has no title above it."]);
  });

  it("skips a More From entry without a teaser and keeps the others, naming the lines", () => {
    const text = page.replace(
      "Scientific Research Achievements Made in DPRK\n\nScientific Research Achievements Made in DPRK\n\nPyongyang, January 22 (KCNA) -- The Hamhung Branch of the State Academy of Sciences in the DPRK strives to make research successes\n\n",
      "Scientific Research Achievements Made in DPRK\n\n",
    );
    const result = parseKcnaWatchPaste(text, { now });
    expect(teasers(result)).toHaveLength(17);
    expect(teasers(result)[1].title).toBe("Rider's Uniforms in Mirim Riding Club");
    expect(result.warnings).toEqual([
      expect.stringMatching(/^Line 40: skipped a More From entry near "January 22, 2026"/),
      expect.stringMatching(
        /^Line 44: the More From entry "Rider's Uniforms in Mirim Riding Club" has unexpected lines/,
      ),
    ]);
  });

  it("says which lines it did not read instead of dropping them silently", () => {
    const text = page.replace("More From KCNA.kp (En)", "Share this article\nPrint\n\nMore From KCNA.kp (En)");
    const result = parseKcnaWatchPaste(text, { now });
    expect(result.articles).toHaveLength(19);
    expect(result.warnings).toEqual([
      'Lines 26–27 were not read as part of any article (2 lines starting "Share this article").',
    ]);
  });
});

describe("parseKcnaWatchPaste on text in another format", () => {
  it.each([
    ["empty text", ""],
    ["a sentence", "Hello, this is not an article."],
    ["a JSON object", '{"title": "x", "body": "y"}'],
    ["random lines", "lorem ipsum\n\ndolor sit amet\nconsectetur"],
  ])("returns an error, not an exception, for %s", (_label, text) => {
    const result = parseKcnaWatchPaste(text, { now });
    expect(result.articles).toEqual([]);
    expect(result.errors).toEqual([expect.stringMatching(/^No article found: expected a title followed by/)]);
  });
});

describe("mapOutlet and parseDateline", () => {
  it("maps aggregator labels to outlets", () => {
    expect(mapOutlet("KCNA.kp (En)")).toBe("KCNA");
    expect(mapOutlet("Rodong Sinmun (En)")).toBe("Rodong Sinmun");
    expect(mapOutlet("Uriminzokkiri (En)")).toBe("Uriminzokkiri");
    expect(mapOutlet("The Pyongyang Times")).toBe("The Pyongyang Times");
  });

  it("reads full and abbreviated month names and rejects impossible days", () => {
    expect(parseDateline("Pyongyang, June 10 (KCNA) -- A video")).toEqual({ place: "Pyongyang", month: 6, day: 10 });
    expect(parseDateline("Pyongyang, Sept. 3 (KCNA) -- Text")).toEqual({ place: "Pyongyang", month: 9, day: 3 });
    expect(parseDateline("Pyongyang, February 30 (KCNA) -- Text")).toBeNull();
    expect(parseDateline("One day in June 2014, the respected")).toBeNull();
  });
});
