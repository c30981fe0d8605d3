import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { jaccard, NEAR_DUPLICATE_MIN_SIMILARITY, textWords, wordPairs } from "@/lib/ingest/near-duplicate";
import { classifyRevision } from "@/lib/ingest/revision/classify";
import type { RevisionEvidence, RevisionItem } from "@/lib/ingest/revision/evidence";

// Real texts (test/fixtures/versions/README.md): formulaic different stories of one day, KCNA's own
// re-issued texts, and edits made here by hand from a real 59-word story.

type Story = { title: string; published: string; source: string; url: string; body: string };
type EditRecord = { url: string; versions: { title: string; body: string }[] };

const readJsonl = <T>(name: string) =>
  readFileSync(new URL(`../../../test/fixtures/versions/${name}`, import.meta.url), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as T);
const stories = readJsonl<Story>("same-day-stories.jsonl");
const records = readJsonl<EditRecord>("real-edits.jsonl");

function story(title: string, published?: string): RevisionItem {
  const found = stories.find((s) => s.title === title && (!published || s.published === published));
  if (!found) throw new Error(`no fixture story "${title}"`);
  return { ...found, publishedAt: new Date(`${found.published}T00:00:00Z`) };
}

function version(record: EditRecord, index: number, url: string | null = record.url): RevisionItem {
  const { title, body } = record.versions[index];
  return { title, body, source: "KCNA", publishedAt: new Date("2024-09-14T00:00:00Z"), url };
}

const isEdit = (stored: RevisionItem, incoming: RevisionItem) => classifyRevision(stored, incoming).edit;

describe("classifyRevision on KCNA's own re-issued texts", () => {
  it.each(records.map((record) => [record.versions[0].title, record] as const))(
    "%s: an edit under its URL, under a new URL and pasted without one",
    (_, record) => {
      expect(isEdit(version(record, 0), version(record, 1))).toBe(true);
      expect(isEdit(version(record, 0), version(record, 1, `${record.url}?page=2`))).toBe(true);
      expect(isEdit(version(record, 0), version(record, 1, null))).toBe(true);
    },
  );

  it("takes a re-translation's spelled-out names for what they are, not for other names", () => {
    const shoigu = records.find((record) => record.versions[0].title.includes("Shoigu"))!;
    const verdict = classifyRevision(version(shoigu, 0, null), version(shoigu, 1, null));
    expect(verdict.edit).toBe(true);
    expect((verdict.evidence as RevisionEvidence).keptA).toBeGreaterThan(0.85);
  });

  it("finds the commentary re-issued with corrections on the next day's page", () => {
    const title = "KCNA blasts U.S. decision to send carrier to S. Korea";
    expect(isEdit(story(title, "2003-03-13"), story(title, "2003-03-14"))).toBe(true);
  });
});

describe("classifyRevision on different stories of one day", () => {
  const pairs = [
    ["Condolences to Egyptian President", "Condolences to French President"],
    ["Kim Yong Nam Greets Belarusian President", "Kim Yong Nam Greets Rwandan President"],
    ["Day of Sun to Be Observed in Spain", "Day of Sun to Be Observed in Italy"],
    ["Greetings to DPRK FM", "Greetings to South African FM"],
    ["Congratulations to Kim Jong Un from Diplomatic Corps", "Floral Basket to Kim Jong Un from Palestinian President"],
    ["Talks between Delegations of WPK, MPP Held", "Agreement on Cooperation between WPK and MPP Signed"],
    ["President of international fund arrives", "Vice-Premier meets President of international fund"],
  ];

  it.each(pairs)("keeps %s and %s apart, either way round, with or without URLs", (first, second) => {
    const a = story(first);
    const b = story(second);
    for (const [stored, incoming] of [
      [a, b],
      [b, a],
      [a, { ...b, url: null }],
    ])
      expect(classifyRevision(stored, incoming)).toMatchObject({ edit: false });
  });

  it("sees the name swapped in the title and the text of formulaic siblings", () => {
    const verdict = classifyRevision(
      story("Condolences to Egyptian President"),
      story("Condolences to French President"),
    );
    const evidence = verdict.evidence as RevisionEvidence;
    expect(evidence.nameSwaps).toBeGreaterThanOrEqual(2);
    expect(evidence.swapped.join(" ")).toMatch(/egyptian.*>.*french/);
  });

  it("keeps two stories of one day under one title apart by their dates and places", () => {
    const [first, second] = stories.filter((s) => s.title === "Kim Il Sung to Be Remembered in Russia");
    const a = { ...first, publishedAt: new Date(`${first.published}T00:00:00Z`) };
    const b = { ...second, publishedAt: new Date(`${second.published}T00:00:00Z`) };
    expect(isEdit(a, b)).toBe(false);
    expect(isEdit(b, a)).toBe(false);
  });

  it("does not take one body under two unrelated titles (a scraper's error) for a title change", () => {
    const guests = story("Kim Yong Nam Meets Foreign Guests");
    const congo = story("Figure of Democratic Congo Here");
    expect(classifyRevision(guests, congo)).toMatchObject({ edit: false, rule: "different" });
  });
});

describe("classifyRevision on edits of a 59-word story", () => {
  const original = story("Condolences to Egyptian President");
  const [lead, rest] = original.body.split("\n");
  const edited = (changes: Partial<RevisionItem>): RevisionItem => ({ ...original, url: null, ...changes });

  it("finds one sentence replaced, even the lead (the old near-duplicate rule found none under 100 words)", () => {
    const newSecond = `${lead}\nEgypt's civil aviation authorities are investigating why the plane went down.`;
    const newLead = `Pyongyang, January 5 (KCNA) -- The DPRK sent a message over the airliner crash in Egypt.\n${rest}`;
    for (const body of [newSecond, newLead]) {
      expect(jaccard(wordPairs(textWords(original.body)), wordPairs(textWords(body)))).toBeLessThan(
        NEAR_DUPLICATE_MIN_SIMILARITY,
      );
      expect(isEdit(original, edited({ body }))).toBe(true);
    }
    // Only the short second sentence is left: what decides is that the change is one block, the rest verbatim.
    expect(classifyRevision(original, edited({ body: newLead }))).toMatchObject({ rule: "one_block" });
  });

  it("finds a paragraph added, and the same paragraph dropped again", () => {
    const longer = `${original.body}\nThe message was conveyed through the DPRK embassy in Cairo.`;
    expect(isEdit(original, edited({ body: longer }))).toBe(true);
    expect(isEdit(edited({ body: longer }), original)).toBe(true);
  });

  it("finds the title reworded, a date corrected and a typo fixed", () => {
    expect(isEdit(original, edited({ title: "Message of Condolence to Egyptian President" }))).toBe(true);
    expect(isEdit(original, edited({ body: original.body.replace("on Jan. 4", "on Jan. 3") }))).toBe(true);
    expect(isEdit(edited({ body: original.body.replace("condolence", "condolnece") }), original)).toBe(true);
  });

  it("keeps the same text from another outlet or another week out, unless the URL is the same", () => {
    const later = new Date(original.publishedAt.getTime() + 5 * 86_400_000);
    expect(classifyRevision(original, edited({ source: "Rodong Sinmun" }))).toMatchObject({ rule: "other_source" });
    expect(classifyRevision(original, edited({ publishedAt: later }))).toMatchObject({ rule: "days_apart" });
    expect(isEdit(original, { ...original, publishedAt: later, title: `${original.title}s` })).toBe(true);
  });

  it("does not take another story put under the same URL for an edit", () => {
    const other = story("Talks between Delegations of WPK, MPP Held");
    expect(classifyRevision(original, { ...other, url: original.url })).toMatchObject({ edit: false });
  });
});
