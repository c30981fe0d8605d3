import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseKcnaWatchPaste } from "./parse-kcna-watch";
import { countPasteOutcomes, describePaste, describePasteRun, describePasteSave, pasteToItems } from "./paste-items";

const fixture = (name: string) =>
  readFileSync(new URL(`../../../test/fixtures/paste/${name}`, import.meta.url), "utf8");
const page = fixture("kcna-watch-page.txt");
const now = new Date("2026-01-22T12:00:00Z");

describe("describePaste", () => {
  it("lists the seed page's article and its 18 teasers with title, source, day, first words and paragraphs", () => {
    const preview = describePaste(parseKcnaWatchPaste(page, { now }));
    expect(preview).toMatchObject({ full: 1, teasers: 18, teasersOnly: false, errors: [], warnings: [] });
    expect(preview.articles).toHaveLength(19);
    expect(preview.articles[0]).toEqual({
      title: "Conference of DPRK Red Cross Society Held",
      outlet: "KCNA",
      source: "KCNA.kp (En)",
      publishedDate: "2021-06-10",
      day: "10 Jun 2021",
      firstWords:
        "Pyongyang, June 10 (KCNA) -- A video conference of the Red Cross Society of the Democratic People's Republic of Korea took place on June 8 and 9. Present there were…",
      paragraphCount: 9,
      complete: true,
      line: 4,
    });
    expect(preview.articles[1]).toMatchObject({
      title: "Korean Toffee Making - Part of DPRK's Intangible Cultural Heritage",
      day: "22 Jan 2026",
      complete: false,
      paragraphCount: 1,
      firstWords: expect.stringMatching(/^Pyongyang, January 22 \(KCNA\) -- Korean toffee making/),
    });
    expect(preview.articles.at(-1)).toMatchObject({ title: "New Houses Built at Farms in Kangwon Province" });
  });

  it("lists two pasted articles and a More From list in the paste's order", () => {
    const preview = describePaste(parseKcnaWatchPaste(fixture("two-articles-and-more-from.txt"), { now }));
    expect(preview).toMatchObject({ full: 2, teasers: 4, teasersOnly: false });
    expect(preview.articles.map((article) => [article.line, article.complete])).toEqual([
      [4, true],
      [21, true],
      [43, false],
      [53, false],
      [63, false],
      [73, false],
    ]);
  });

  it("marks a paste of teasers alone, which needs the analyst's confirmation", () => {
    const preview = describePaste(parseKcnaWatchPaste(fixture("more-from-only.txt"), { now }));
    expect(preview).toMatchObject({ full: 0, teasers: 18, teasersOnly: true, errors: [] });
  });

  it("shows the first 50 problems of a paste that has thousands, and how many more there are", () => {
    const junk = Array.from(
      { length: 120 },
      (_, i) => `Title ${i}\nDate: 99/99/2021 | Source: KCNA.kp (En)\nText ${i}.`,
    ).join("\n");
    const preview = describePaste(parseKcnaWatchPaste(junk, { now }));
    expect(preview.errors).toHaveLength(51);
    expect(preview.errors[0]).toMatch(/^Line 2: the Date line of "Title 0" cannot be read/);
    expect(preview.errors.at(-1)).toBe("… and 70 more.");
  });

  it("passes the parser's errors on, naming the line", () => {
    const broken = describePaste(parseKcnaWatchPaste("just some words\nand more words", { now }));
    expect(broken.articles).toEqual([]);
    expect(broken.errors).toEqual([expect.stringMatching(/^No article found/)]);
  });
});

describe("pasteToItems", () => {
  it("stores full articles complete and More From entries as teasers, each on its day at 00:00 UTC, located by line", () => {
    const items = pasteToItems(parseKcnaWatchPaste(page, { now }));
    expect(items).toHaveLength(19);
    expect(items[0]).toMatchObject({
      title: "Conference of DPRK Red Cross Society Held",
      source: "KCNA",
      language: "en",
      complete: true,
      url: null,
      location: "line 4",
    });
    expect(items[0].publishedAt.toISOString()).toBe("2021-06-10T00:00:00.000Z");
    expect(items[0].body).not.toContain("-0-");
    expect(items.slice(1).every((item) => item.complete === false && item.source === "KCNA")).toBe(true);
    expect(items[1].publishedAt.toISOString()).toBe("2026-01-22T00:00:00.000Z");
    expect(items[18]).toMatchObject({ title: "New Houses Built at Farms in Kangwon Province", location: "line 198" });
  });

  it("stores nothing from a paste with errors, even its good articles", () => {
    const text = fixture("two-articles-and-more-from.txt").replace("Date: 09/11/2024", "Date: 39/11/2024");
    const parsed = parseKcnaWatchPaste(text, { now });
    expect(parsed.articles.length).toBeGreaterThan(0);
    expect(pasteToItems(parsed)).toEqual([]);
  });

  it("names the run after its article, its first article, or its teasers", () => {
    const items = (name: string) => pasteToItems(parseKcnaWatchPaste(fixture(name), { now }));
    expect(describePasteRun(items("kcna-watch-page.txt"))).toBe("Conference of DPRK Red Cross Society Held");
    expect(describePasteRun(items("title-and-text-three.txt"))).toBe(
      "Reconstruction Project Propelled in Flood-hit Areas of DPRK and 2 more articles",
    );
    expect(describePasteRun(items("more-from-only.txt"))).toBe("18 teasers from KCNA");
  });
});

describe("countPasteOutcomes and describePasteSave", () => {
  const items = pasteToItems(parseKcnaWatchPaste(fixture("two-articles-and-more-from.txt"), { now }));

  it("reports new articles, teasers and known items as the analyst reads them", () => {
    const counts = countPasteOutcomes(items, [
      { index: 0, status: "created", articleId: 1 },
      { index: 1, status: "created", articleId: 2 },
      { index: 2, status: "created", articleId: 3 },
      { index: 3, status: "created", articleId: 4 },
      { index: 4, status: "duplicate", articleId: 5 },
      { index: 5, status: "near_duplicate", articleId: 6, similarity: 0.9 },
    ]);
    expect(counts).toEqual({ articles: 2, completed: 0, teasers: 2, known: 2, failed: 0 });
    expect(describePasteSave(counts)).toBe("Saved: 2 new articles, 2 teasers (2 already known).");
  });

  it("says so when the paste adds nothing", () => {
    const counts = countPasteOutcomes(
      items,
      items.map((_, index) => ({ index, status: "duplicate" as const })),
    );
    expect(describePasteSave(counts)).toBe("Nothing new: 6 items already known.");
  });

  it("reports a teaser completed by a full article, and failures", () => {
    const counts = countPasteOutcomes(items, [
      { index: 0, status: "completed", articleId: 7 },
      { index: 1, status: "created", articleId: 8 },
      { index: 2, status: "created", articleId: 9 },
      { index: 3, status: "failed", error: "title: must not be empty" },
    ]);
    expect(counts).toEqual({ articles: 1, completed: 1, teasers: 1, known: 0, failed: 1 });
    expect(describePasteSave(counts)).toBe(
      "Saved: 1 new article, the full text of 1 stored teaser, 1 teaser. 1 item could not be stored; see the run for the reasons.",
    );
  });
});
