import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import {
  halfOf,
  loadZytePages,
  meanScore,
  presswatchExtractor,
  readabilityExtractor,
  scorePages,
  type PageScore,
  type ZytePage,
} from "@/lib/ingest/page/zyte-benchmark";

// Five pages of the public article-extraction benchmark with their hand-marked bodies
// (test/fixtures/pages/zyte/SOURCE.md), each showing one cleaning rule on a real page.
const DIR = fileURLToPath(new URL("../../../test/fixtures/pages/zyte", import.meta.url));

let pages: ZytePage[];
let scores: Record<"presswatch" | "readability", PageScore[]>;
const page = (prefix: string) => pages.find((entry) => entry.id.startsWith(prefix))!;
const lines = (prefix: string) => presswatchExtractor(page(prefix)).split("\n");

beforeAll(async () => {
  pages = await loadZytePages(DIR);
  scores = scorePages(pages, { presswatch: presswatchExtractor, readability: readabilityExtractor });
}, 120_000);

describe("the benchmark's pages", () => {
  it("load with their hand-marked bodies, all from the tune half", () => {
    expect(pages.map((entry) => entry.id.slice(0, 12))).toEqual([
      "11ea381ad92b",
      "23aaecd14171",
      "359fee228518",
      "35b158918c67",
      "6ebac05f637e",
    ]);
    expect(pages.every((entry) => halfOf(entry.id) === "tune" && entry.expected.length > 500)).toBe(true);
    expect(halfOf("00aa")).toBe("holdout");
    expect(halfOf("01aa")).toBe("tune");
  });

  it("score at least 0.96 each and never below Readability alone", () => {
    scores.presswatch.forEach((score, i) => {
      expect(score.f1).toBeGreaterThanOrEqual(0.96);
      expect(score.f1).toBeGreaterThanOrEqual(scores.readability[i].f1);
    });
    const ours = meanScore(scores.presswatch);
    const theirs = meanScore(scores.readability);
    expect(ours.n).toBe(5);
    expect(ours.f1).toBeGreaterThan(theirs.f1 + 0.05);
  });
});

describe("cleaning rules on real pages", () => {
  it("thehill.com: keeps the name in the sentence, drops its hover card and the byline", () => {
    expect(lines("6ebac05f637e")).toContain(
      "A New York man pleaded guilty to charges he threatened to kill Rep. Ilhan Omar (D-Minn.), the U.S. Attorney’s Office for the Western District of New York announced Monday.",
    );
    expect(lines("6ebac05f637e").join("\n")).not.toMatch(/Hillicon Valley|^By Justine Coleman/m);
  });

  it("cleveland.com: drops the 'You may also like...' box of linked paragraphs", () => {
    const text = lines("35b158918c67");
    expect(text).not.toContain("You may also like...");
    expect(text).not.toContain("Who will make the Rock Hall in 2020?");
    expect(text.at(-1)).toMatch(/^The Doobie Brothers are nominated/);
  });

  it("autoracing.com.br: keeps the standings table, rows of linked names included", () => {
    expect(lines("11ea381ad92b")).toContain("1 Kyle Busch 5040 5 1 17 27");
    expect(lines("11ea381ad92b")).toContain("40 Casey Mears 1 0 0 0 0");
  });

  it("comoeducarseusfilhos.com.br: keeps the article its class calls 'author-...'", () => {
    const score = scores.presswatch.find((entry) => entry.id.startsWith("23aaecd14171"))!;
    expect(score.recall).toBe(1);
  });

  it("sciencealert.com: drops the caption set in an inline span", () => {
    expect(lines("359fee228518").join("\n")).not.toContain("The first global geologic map of Titan.");
  });
});
