import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseKcnaWatchPaste } from "./parse-kcna-watch";
import { countPasteOutcomes, describePaste, describePasteSave, pasteToItems } from "./paste-items";

const page = readFileSync(new URL("../../../test/fixtures/paste/kcna-watch-page.txt", import.meta.url), "utf8");
const now = new Date("2026-01-22T12:00:00Z");

describe("describePaste on the real seed page", () => {
  const preview = describePaste(parseKcnaWatchPaste(page, { now }));

  it("shows the main article's title, outlet, day, first and last paragraph and paragraph count", () => {
    expect(preview.errors).toEqual([]);
    expect(preview.main).toEqual({
      title: "Conference of DPRK Red Cross Society Held",
      outlet: "KCNA",
      source: "KCNA.kp (En)",
      publishedDate: "2021-06-10",
      day: "10 Jun 2021",
      firstParagraph: expect.stringMatching(/^Pyongyang, June 10 \(KCNA\) -- A video conference/),
      lastParagraph: expect.stringMatching(/elected members of the new guidance organ\.$/),
      paragraphCount: 9,
    });
  });

  it("lists the 18 More From entries with title, teaser and day", () => {
    expect(preview.more).toHaveLength(18);
    expect(preview.more[0]).toEqual({
      title: "Korean Toffee Making - Part of DPRK's Intangible Cultural Heritage",
      outlet: "KCNA",
      teaser: expect.stringMatching(/^Pyongyang, January 22 \(KCNA\) -- Korean toffee making/),
      publishedDate: "2026-01-22",
      day: "22 Jan 2026",
    });
    expect(preview.more.at(-1)).toMatchObject({
      title: "New Houses Built at Farms in Kangwon Province",
      day: "20 Jan 2026",
    });
  });

  it("passes on the parser's warning when the dateline corrects the date order", () => {
    const swapped = describePaste(parseKcnaWatchPaste(page.replace("Date: 10/06/2021", "Date: 06/10/2021"), { now }));
    expect(swapped.main?.day).toBe("10 Jun 2021");
    expect(swapped.warnings).toEqual([expect.stringMatching(/month\/day\/year.*2021-06-10/)]);
  });

  it("has errors and no main article for text that is not an aggregator page", () => {
    const broken = describePaste(parseKcnaWatchPaste("just some words\nand more words", { now }));
    expect(broken.main).toBeNull();
    expect(broken.errors.length).toBeGreaterThan(0);
  });
});

describe("pasteToItems", () => {
  it("stores the main article complete and the More From entries as teasers, each on its day at 00:00 UTC", () => {
    const items = pasteToItems(parseKcnaWatchPaste(page, { now }));
    expect(items).toHaveLength(19);
    expect(items[0]).toMatchObject({
      title: "Conference of DPRK Red Cross Society Held",
      source: "KCNA",
      language: "en",
      complete: true,
      location: "main article",
    });
    expect(items[0].publishedAt.toISOString()).toBe("2021-06-10T00:00:00.000Z");
    expect(items[0].body.split("\n")).toHaveLength(9);
    expect(items[0].body).not.toContain("-0-");
    expect(items.slice(1).every((item) => item.complete === false && item.source === "KCNA")).toBe(true);
    expect(items[1].publishedAt.toISOString()).toBe("2026-01-22T00:00:00.000Z");
    expect(items[18]).toMatchObject({
      title: "New Houses Built at Farms in Kangwon Province",
      location: "More From entry 18",
    });
  });

  it("stores nothing from a paste with errors", () => {
    const withoutDate = page.replace(/^Date: .*$/m, "").replace(/^Pyongyang, June 10 \(KCNA\) -- /m, "");
    const parsed = parseKcnaWatchPaste(withoutDate, { now });
    expect(parsed.errors).not.toEqual([]);
    expect(pasteToItems(parsed)).toEqual([]);
  });
});

describe("countPasteOutcomes and describePasteSave", () => {
  it("reports new articles, teasers and known items as the analyst reads them", () => {
    const counts = countPasteOutcomes([
      { index: 0, status: "created", articleId: 1 },
      ...Array.from({ length: 17 }, (_, i) => ({ index: i + 1, status: "created" as const })),
      { index: 18, status: "duplicate" as const },
      { index: 19, status: "duplicate" as const },
      { index: 20, status: "near_duplicate" as const, similarity: 0.9 },
    ]);
    expect(counts).toEqual({ articles: 1, completed: 0, teasers: 17, known: 3, failed: 0 });
    expect(describePasteSave(counts)).toBe("Saved: 1 new article, 17 teasers (3 already known).");
  });

  it("says so when the paste adds nothing", () => {
    const counts = countPasteOutcomes(
      Array.from({ length: 19 }, (_, index) => ({ index, status: "duplicate" as const })),
    );
    expect(describePasteSave(counts)).toBe("Nothing new: 19 items already known.");
  });

  it("reports a teaser completed by the main article and failures", () => {
    const counts = countPasteOutcomes([
      { index: 0, status: "completed", articleId: 7 },
      { index: 1, status: "created" },
      { index: 2, status: "failed", error: "title: must not be empty" },
    ]);
    expect(counts).toEqual({ articles: 0, completed: 1, teasers: 1, known: 0, failed: 1 });
    expect(describePasteSave(counts)).toBe(
      "Saved: the full text of 1 stored teaser, 1 teaser. 1 item could not be stored; see the run for the reasons.",
    );
  });
});
