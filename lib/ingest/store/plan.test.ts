import { describe, expect, it } from "vitest";
import { derive, storyKey, type IngestItem, type Prepared } from "./item";
import {
  assembleOutcomes,
  chooseNearDuplicates,
  countOutcomes,
  decideExact,
  nearEligible,
  rowsToInsert,
  type StoredRow,
} from "./plan";

// The store's decisions without a database: what the look-ups would have returned is given directly.

const BODY =
  "Pyongyang, May 3 (KCNA) -- The Supreme People's Assembly held its session on Monday. Deputies discussed the " +
  "state budget, the plan for agriculture and the reforestation campaign in every province of the country. " +
  "The session adopted a law on the protection of fisheries resources and a decision on the new school year, " +
  "and heard reports from the cabinet on the harvest and on the construction of houses in the capital.";

let next = 0;
function prepared(overrides: Partial<IngestItem> = {}, sourceId = 1): Prepared {
  const item: IngestItem = {
    title: "Session of the SPA",
    body: BODY,
    publishedAt: new Date("2024-05-03T00:00:00Z"),
    source: "KCNA",
    url: "https://kcna.example/2024/05/03/spa",
    ...overrides,
  };
  return {
    ...derive(item),
    index: next++,
    sourceId,
    title: item.title,
    body: item.body,
    publishedAt: item.publishedAt,
    undated: false,
    storyKey: storyKey(sourceId, item.title, item.publishedAt),
  };
}

function stored(item: Prepared, id: number, complete = true): StoredRow {
  return {
    id,
    source_id: item.sourceId,
    canonical_url: item.canonicalUrl,
    fingerprint: item.fingerprint,
    title: item.title,
    published_at: item.publishedAt,
    complete,
  };
}

describe("decideExact", () => {
  it("inserts a new story once, and makes later copies in the chunk its duplicates", () => {
    const first = prepared();
    const copy = prepared();
    const decisions = decideExact([first, copy], []);
    expect(decisions.get(first)).toMatchObject({ kind: "insert" });
    expect(decisions.get(copy)).toMatchObject({ kind: "exact", target: { pending: { row: first } } });
    expect(rowsToInsert(decisions).map((pending) => pending.row)).toEqual([first]);
  });

  it("knows a stored story by its fingerprint or its canonical URL", () => {
    const item = prepared();
    const byUrl = prepared({ body: `${BODY} Updated.`, url: "https://kcna.example/2024/05/03/spa?utm_source=x" });
    const known = stored(item, 7);
    const decisions = decideExact([item, byUrl], [known]);
    expect(decisions.get(item)).toEqual({ kind: "exact", target: { stored: known } });
    expect(decisions.get(byUrl)).toEqual({ kind: "exact", target: { stored: known } });
  });

  it("completes a stored teaser with its full text, and a teaser and its full text together leave one article", () => {
    const teaser = prepared({ body: "The SPA held its session.", complete: false, url: null });
    const full = prepared({ url: null });
    const completed = decideExact([full], [stored(teaser, 3, false)]);
    expect(completed.get(full)).toMatchObject({ kind: "complete", article: { id: 3 } });

    const together = decideExact([teaser, full], []);
    expect(together.get(full)).toMatchObject({ kind: "insert" });
    expect(together.get(teaser)).toMatchObject({ kind: "exact", target: { pending: { row: full } } });
  });
});

describe("near duplicates and outcomes", () => {
  it("links a lightly edited copy from another outlet to the stored article instead of inserting it", () => {
    const original = prepared();
    const reprint = prepared({ body: BODY.replace("Monday", "Monday afternoon"), url: "https://other.example/spa" }, 2);
    const decisions = decideExact([reprint], []);
    const eligible = nearEligible(decisions);
    chooseNearDuplicates(decisions, eligible, [
      { ...stored(original, 11), idx: 0, body_text: original.body, distance: 3 },
    ]);
    expect(rowsToInsert(decisions)).toEqual([]);
    const { outcomes, links } = assembleOutcomes([reprint], decisions, new Map());
    expect(outcomes).toEqual([
      { index: reprint.index, status: "near_duplicate", articleId: 11, similarity: expect.any(Number) },
    ]);
    expect(outcomes[0].similarity).toBeGreaterThan(0.8);
    expect(links).toMatchObject([{ articleId: 11, kind: "NEAR" }]);
  });

  it("reports inserted rows as created, a failed row's own item as failed and its copies for another try", () => {
    const item = prepared();
    const copy = prepared({ url: "https://mirror.example/spa" });
    const decisions = decideExact([item, copy], []);
    const [pending] = rowsToInsert(decisions);
    pending.articleId = 42;
    expect(assembleOutcomes([item, copy], decisions, new Map()).outcomes).toEqual([
      { index: item.index, status: "created", articleId: 42 },
      { index: copy.index, status: "duplicate", articleId: 42 },
    ]);
    pending.articleId = undefined;
    pending.error = "the database refused the article: string is too long for tsvector";
    const failed = assembleOutcomes([item, copy], decisions, new Map());
    expect(failed.outcomes).toEqual([{ index: item.index, status: "failed", error: pending.error }]);
    expect(failed.retry).toEqual([copy]);
  });

  it("counts a completed teaser as new and a near duplicate as known", () => {
    expect(
      countOutcomes([
        { index: 0, status: "created" },
        { index: 1, status: "completed" },
        { index: 2, status: "near_duplicate" },
        { index: 3, status: "duplicate" },
        { index: 4, status: "failed" },
      ]),
    ).toEqual({ created: 2, duplicates: 2, failed: 1 });
  });
});
