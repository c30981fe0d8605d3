import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseKcnaWatchPaste } from "./parse-kcna-watch";

// Pastes in the shapes a browser copy produces, built from real corpus articles (test/fixtures/paste/README.md).
// Every full article read must be the corpus record: its title, day, outlet and exactly its paragraphs.

const fixture = (name: string) =>
  readFileSync(new URL(`../../../test/fixtures/paste/${name}`, import.meta.url), "utf8");
type CorpusRecord = { title: string; published: string; source: string; url: string; body: string };
const corpus: CorpusRecord[] = fixture("corpus-articles.jsonl")
  .trim()
  .split("\n")
  .map((line) => JSON.parse(line));
const now = new Date("2024-11-10T12:00:00Z");

function record(title: string): CorpusRecord {
  return corpus.find((candidate) => candidate.title === title)!;
}

/** What the corpus record becomes: the end mark is not part of the stored text. */
function expected(title: string) {
  const { published, source, body } = record(title);
  return { title, publishedDate: published, outlet: source, body: body.replace(/\s*-0-$/, ""), complete: true };
}

const TRIPLETS = "549th Triplets Born at Pyongyang Maternity Hospital in DPRK";
const KUMDAE = "Farmers of Kumdae Farm in DPRK Move into New Houses";
const RECONSTRUCTION = "Reconstruction Project Propelled in Flood-hit Areas of DPRK";
const HAEJU = "General Secretary Kim Jong Un Sends Home-prepared Medicines to Haeju City Committee of WPK";

describe("several articles in one paste", () => {
  it("reads two pages copied one after the other, and the second one's More From list", () => {
    const result = parseKcnaWatchPaste(fixture("two-articles-and-more-from.txt"), { now });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    const [first, second, ...more] = result.articles;
    expect(first).toMatchObject({ ...expected(TRIPLETS), source: "KCNA.kp (En)", line: 4 });
    expect(second).toMatchObject({ ...expected(KUMDAE), line: 21 });
    expect(more.map((teaser) => [teaser.title, teaser.publishedDate, teaser.complete])).toEqual([
      ["Respected Comrade Kim Jong Un Sends Floral Basket to Lao President", "2024-11-10", false],
      [RECONSTRUCTION, "2024-11-09", false],
      ["Press Review", "2024-11-09", false],
      ["Schoolchildren's Rabbit Show Held in DPRK", "2024-11-08", false],
    ]);
    for (const teaser of more) expect(record(teaser.title).body.replace(/\n/g, " ")).toContain(teaser.body);
  });

  it("ends a Rodong Sinmun text without end mark where the next page's header starts", () => {
    const result = parseKcnaWatchPaste(fixture("rodong-then-kcna.txt"), { now });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.articles).toHaveLength(2);
    expect(result.articles[0]).toMatchObject({ ...expected(HAEJU), source: "Rodong Sinmun (En)", dateline: null });
    expect(result.articles[1]).toMatchObject(expected(TRIPLETS));
  });

  it("splits three title-and-text copies at their end marks, dating each from its dateline", () => {
    const result = parseKcnaWatchPaste(fixture("title-and-text-three.txt"), { now });
    expect(result.errors).toEqual([]);
    expect(result.articles).toEqual([
      expect.objectContaining({ ...expected(RECONSTRUCTION), source: "KCNA", line: 1 }),
      expect.objectContaining({ ...expected(TRIPLETS), line: 15 }),
      expect.objectContaining({ ...expected(KUMDAE), line: 27 }),
    ]);
    expect(result.warnings).toHaveLength(3);
    expect(result.warnings[1]).toBe(
      `Line 15: "${TRIPLETS}" has no Date line or source line; its source KCNA and date 2024-11-09 come from the dateline, with the year assumed.`,
    );
  });

  it("reads the good articles and names the line of the broken one", () => {
    const text = fixture("two-articles-and-more-from.txt").replace(
      "Date: 09/11/2024 | Source: KCNA.kp (En)",
      "Date: 39/11/2024 | Source: KCNA.kp (En)",
    );
    const result = parseKcnaWatchPaste(text, { now });
    expect(result.errors).toEqual([
      `Line 6: the Date line of "${TRIPLETS}" cannot be read: "39/11/2024" is not a real day.`,
    ]);
    expect(result.articles.filter((article) => article.complete).map((article) => article.title)).toEqual([KUMDAE]);
  });

  it("warns when one article is pasted twice", () => {
    const text = fixture("iso-date.txt");
    const result = parseKcnaWatchPaste(`${text}\n${text}`, { now });
    expect(result.articles).toHaveLength(2);
    expect(result.warnings).toEqual([`Line 21: "${TRIPLETS}" is pasted twice (also line 4); it is stored once.`]);
  });
});

describe("the metadata row in the shapes a copy gives it", () => {
  const reference = parseKcnaWatchPaste(fixture("iso-date.txt"), { now });

  it("reads an ISO Date line as the date and keeps the title", () => {
    expect(reference.errors).toEqual([]);
    expect(reference.warnings).toEqual([]);
    expect(reference.articles).toEqual([
      expect.objectContaining({ ...expected(TRIPLETS), source: "KCNA.kp (En)", line: 4 }),
    ]);
  });

  it.each(["cells-tabs.txt", "cells-lines.txt"])(
    "reads %s like the one-line row: no `|` or Source cell in the body, the dateline kept",
    (name) => {
      const result = parseKcnaWatchPaste(fixture(name), { now });
      expect(result).toEqual(reference);
      expect(result.articles[0].body).not.toMatch(/\||Source:|Read original/);
      expect(result.articles[0].dateline).toEqual({ place: "Pyongyang", month: 11, day: 9 });
    },
  );

  it("reads the row copied as tab-separated cells with no `|` between them", () => {
    const text = fixture("cells-tabs.txt").replace(/\t\|\t/g, "\t");
    expect(text).toContain("Date: 09/11/2024\tSource: KCNA.kp (En)\tRead original");
    expect(parseKcnaWatchPaste(text, { now })).toEqual(reference);
  });

  it("keeps the original's address when the copy carries it instead of the link text", () => {
    const url = record(TRIPLETS).url;
    const text = fixture("iso-date.txt").replace("Read original version at source", url);
    expect(parseKcnaWatchPaste(text, { now }).articles[0].url).toBe(url);
  });

  it("reads a Date label whose value is on the next line", () => {
    const text = fixture("cells-lines.txt").replace("Date: 09/11/2024", "Date:\n09/11/2024");
    expect(parseKcnaWatchPaste(text, { now }).articles[0]).toMatchObject({ publishedDate: "2024-11-09", line: 4 });
  });
});

describe("a More From list pasted alone", () => {
  const list = fixture("more-from-only.txt");

  it("reads the 18 entries as teasers, with no error", () => {
    const result = parseKcnaWatchPaste(list, { now: new Date("2026-01-22T12:00:00Z") });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.articles).toHaveLength(18);
    expect(result.articles.every((article) => !article.complete && article.outlet === "KCNA")).toBe(true);
    expect(result.articles[0]).toMatchObject({
      title: "Korean Toffee Making - Part of DPRK's Intangible Cultural Heritage",
      line: 3,
    });
  });

  it("reads the entries without their heading, taking the source from the datelines", () => {
    const result = parseKcnaWatchPaste(list.replace("More From KCNA.kp (En)\n", ""), { now });
    expect(result.errors).toEqual([]);
    expect(result.articles).toHaveLength(18);
    expect(result.articles.every((article) => article.outlet === "KCNA")).toBe(true);
    expect(result.warnings).toEqual(['No "More From" heading: the source KCNA comes from the teasers\' datelines.']);
  });

  it("names the line of a headless entry whose source cannot be told", () => {
    const teaser = "One day in June 2014, the respected Comrade Kim Jong Un visited the Mirim Riding Club.";
    const entry = [
      "Rider's Uniforms in Mirim Riding Club",
      "Rider's Uniforms in Mirim Riding Club",
      teaser,
      "January 22, 2026",
      teaser,
    ];
    const result = parseKcnaWatchPaste(entry.join("\n\n"), { now });
    expect(result.articles).toEqual([]);
    expect(result.errors).toEqual([
      `Line 1: no source for "Rider's Uniforms in Mirim Riding Club": its teaser has no dateline.`,
    ]);
  });
});
