import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { mapOutlet, parseDateline, parseKcnaWatchPaste } from "./parse-kcna-watch";

const page = readFileSync(new URL("../../../test/fixtures/paste/kcna-watch-page.txt", import.meta.url), "utf8");
const now = new Date("2026-01-22T12:00:00Z");

const FIRST_SENTENCE =
  "Pyongyang, June 10 (KCNA) -- A video conference of the Red Cross Society of the Democratic People's Republic of Korea took place on June 8 and 9.";
const LAST_SENTENCE =
  "The conference adopted its until-2030 strategy, orientation of work of its each department and the modified rules and elected members of the new guidance organ.";

function withoutMoreFrom(text: string): string {
  return text.slice(0, text.indexOf("More From KCNA.kp (En)"));
}

function bodyOnly(text: string): string {
  return text.slice(text.indexOf("Pyongyang, June 10"), text.indexOf("-0-") + 3);
}

describe("parseKcnaWatchPaste on the real seed page", () => {
  const result = parseKcnaWatchPaste(page, { now });

  it("finds the main article with its title, source, outlet and day/month/year date", () => {
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.main).toMatchObject({
      title: "Conference of DPRK Red Cross Society Held",
      source: "KCNA.kp (En)",
      outlet: "KCNA",
      publishedDate: "2021-06-10",
      complete: true,
      dateline: { place: "Pyongyang", month: 6, day: 10 },
    });
  });

  it("keeps the body from the dateline to the end mark, one paragraph per line", () => {
    const paragraphs = result.main!.body.split("\n");
    expect(paragraphs).toHaveLength(9);
    expect(paragraphs[0]).toBe(FIRST_SENTENCE);
    expect(paragraphs.at(-1)).toBe(LAST_SENTENCE);
    expect(result.main!.body).not.toContain("-0-");
    expect(result.main!.body).not.toContain("More From");
  });

  it("turns the no-break space in the page into a plain space", () => {
    expect(page).toContain("Society\u00A0and");
    expect(result.main!.body).toContain("Central Committee of the DPRK Red Cross Society and other officials");
    expect(result.main!.body).not.toContain("\u00A0");
  });

  it("reads the 18 More From entries as incomplete teasers with their dates", () => {
    expect(result.more).toHaveLength(18);
    expect(result.more[0]).toEqual({
      title: "Korean Toffee Making - Part of DPRK's Intangible Cultural Heritage",
      source: "KCNA.kp (En)",
      outlet: "KCNA",
      publishedDate: "2026-01-22",
      body: "Pyongyang, January 22 (KCNA) -- Korean toffee making is a part of the intangible cultural heritage of the DPRK. It is a chewy",
      complete: false,
      dateline: { place: "Pyongyang", month: 1, day: 22 },
    });
    expect(result.more[2]).toMatchObject({
      title: "Rider's Uniforms in Mirim Riding Club",
      body: "One day in June 2014, the respected Comrade Kim Jong Un visited the Mirim Riding Club. When he reached the main lobby of the",
      dateline: null,
    });
    expect(result.more[8]).toMatchObject({ title: "Scientific Farming in DPRK", publishedDate: "2026-01-21" });
    expect(result.more.at(-1)).toMatchObject({
      title: "New Houses Built at Farms in Kangwon Province",
      publishedDate: "2026-01-20",
      body: "Pyongyang, January 20 (KCNA) -- Several farms in Kangwon Province of the DPRK have presented unusual scenes of rural rejuvenation.",
    });
    expect(result.more.filter((entry) => entry.title === "Press Review").map((entry) => entry.publishedDate)).toEqual([
      "2026-01-22",
      "2026-01-21",
    ]);
    expect(result.more.every((entry) => !entry.complete)).toBe(true);
  });
});

describe("parseKcnaWatchPaste on variants of the seed page", () => {
  const reference = parseKcnaWatchPaste(page, { now });

  it("gives the same result for CRLF line ends", () => {
    expect(parseKcnaWatchPaste(page.replace(/\n/g, "\r\n"), { now })).toEqual(reference);
  });

  it("gives the same result with extra blank lines, tabs and no-break spaces", () => {
    const noisy = page.replace(/\n\n/g, "\n \n\u00A0\n\n").replace("Conference of DPRK", "Conference\tof  DPRK");
    expect(parseKcnaWatchPaste(noisy, { now })).toEqual(reference);
  });

  it("reads a page without the More From section", () => {
    const result = parseKcnaWatchPaste(withoutMoreFrom(page), { now });
    expect(result.main).toEqual(reference.main);
    expect(result.more).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it("prefers the month/day/year reading when only it matches the dateline, and warns", () => {
    const result = parseKcnaWatchPaste(page.replace("Date: 10/06/2021", "Date: 06/10/2021"), { now });
    expect(result.main?.publishedDate).toBe("2021-06-10");
    expect(result.warnings).toEqual([expect.stringContaining("month/day/year")]);
  });

  it("keeps day/month/year and warns when the dateline contradicts both readings", () => {
    const result = parseKcnaWatchPaste(page.replace("Date: 10/06/2021", "Date: 11/06/2021"), { now });
    expect(result.main?.publishedDate).toBe("2021-06-11");
    expect(result.warnings).toEqual([expect.stringMatching(/dateline says June 10 .* kept 2021-06-11/)]);
  });

  it("reads month/day/year when day/month/year is impossible and there is no dateline", () => {
    const text = page.replace("Date: 10/06/2021", "Date: 06/25/2021").replace("Pyongyang, June 10 (KCNA) -- ", "");
    const result = parseKcnaWatchPaste(text, { now });
    expect(result.main?.publishedDate).toBe("2021-06-25");
    expect(result.main?.dateline).toBeNull();
    expect(result.warnings).toEqual([expect.stringContaining("not a valid day/month/year")]);
  });

  it("reports an impossible Date line as an error", () => {
    const result = parseKcnaWatchPaste(page.replace("Date: 10/06/2021", "Date: 31/31/2021"), { now });
    expect(result.main).toBeNull();
    expect(result.errors).toEqual(["no date found"]);
  });

  it("runs the body to the More From section when the end mark is missing, and warns", () => {
    const result = parseKcnaWatchPaste(page.replace(" -0-", ""), { now });
    expect(result.main?.body.split("\n").at(-1)).toBe(LAST_SENTENCE);
    expect(result.more).toHaveLength(18);
    expect(result.warnings).toEqual([expect.stringContaining("No end mark")]);
  });

  it("runs the body to the end of the text without end mark or More From", () => {
    const result = parseKcnaWatchPaste(withoutMoreFrom(page).replace(" -0-", ""), { now });
    expect(result.main?.body.split("\n")).toHaveLength(9);
    expect(result.main?.body.split("\n").at(-1)).toBe(LAST_SENTENCE);
  });

  it("asks for a title when only the body was pasted", () => {
    const result = parseKcnaWatchPaste(bodyOnly(page), { now });
    expect(result.main).toBeNull();
    expect(result.errors).toEqual(["no title found"]);
  });

  it("dates a title-and-body paste from the dateline, with the year before `now`", () => {
    const text = `Conference of DPRK Red Cross Society Held\n\n${bodyOnly(page)}`;
    const result = parseKcnaWatchPaste(text, { now: new Date("2021-07-01T00:00:00Z") });
    expect(result.errors).toEqual([]);
    expect(result.main).toMatchObject({
      title: "Conference of DPRK Red Cross Society Held",
      publishedDate: "2021-06-10",
      source: "KCNA",
      outlet: "KCNA",
    });
    expect(result.main?.body.split("\n").at(-1)).toBe(LAST_SENTENCE);
    expect(result.warnings).toHaveLength(2);
    expect(parseKcnaWatchPaste(text, { now }).main?.publishedDate).toBe("2025-06-10");
  });

  it("takes the source from the source line when the Date line is missing", () => {
    const text = page.replace("KCNA KCNA.kp (En)", "Rodong Sinmun Rodong Sinmun (En)").replace(/^Date: .*$/m, "");
    const result = parseKcnaWatchPaste(text, { now });
    expect(result.errors).toEqual([]);
    expect(result.main).toMatchObject({
      title: "Conference of DPRK Red Cross Society Held",
      source: "Rodong Sinmun (En)",
      outlet: "Rodong Sinmun",
      publishedDate: "2025-06-10",
    });
    expect(result.warnings).toEqual([expect.stringContaining("year assumed")]);
  });

  it("warns about a date in the future", () => {
    const result = parseKcnaWatchPaste(page, { now: new Date("2021-01-01T00:00:00Z") });
    expect(result.main?.publishedDate).toBe("2021-06-10");
    expect(result.warnings).toEqual(["The date 2021-06-10 is in the future."]);
  });

  it("does not treat the source line as a title when the title is missing", () => {
    const result = parseKcnaWatchPaste(page.replace("Conference of DPRK Red Cross Society Held\n", ""), { now });
    expect(result.errors).toEqual(["no title found"]);
  });

  it("skips a More From entry without a teaser and keeps the others", () => {
    const text = page.replace(
      "Scientific Research Achievements Made in DPRK\n\nScientific Research Achievements Made in DPRK\n\nPyongyang, January 22 (KCNA) -- The Hamhung Branch of the State Academy of Sciences in the DPRK strives to make research successes\n\n",
      "Scientific Research Achievements Made in DPRK\n\n",
    );
    const result = parseKcnaWatchPaste(text, { now });
    expect(result.more).toHaveLength(17);
    expect(result.more[1].title).toBe("Rider's Uniforms in Mirim Riding Club");
    expect(result.warnings).toEqual([
      expect.stringContaining('Skipped a More From entry near "January 22, 2026"'),
      expect.stringContaining('kept "Rider\'s Uniforms in Mirim Riding Club" as title'),
    ]);
  });
});

describe("parseKcnaWatchPaste on text in another format", () => {
  it.each([
    ["empty text", ""],
    ["a sentence", "Hello, this is not an article."],
    ["a JSON object", '{"title": "x", "body": "y"}'],
    ["random lines", "lorem ipsum\n\ndolor sit amet\nconsectetur"],
  ])("returns errors, not an exception, for %s", (_label, text) => {
    const result = parseKcnaWatchPaste(text, { now });
    expect(result.main).toBeNull();
    expect(result.more).toEqual([]);
    expect(result.errors).toContain("no title found");
    expect(result.errors).toContain("no date found");
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
