import { describe, expect, it } from "vitest";
import { countOutcomes, derive, storyKey, type IngestItem, type Prepared } from "./item";
import {
  assembleOutcomes,
  chooseNearDuplicates,
  decideExact,
  nearEligible,
  rowsToInsert,
  type StoredRow,
} from "./plan";
import { chooseRevisions, revisionLookups } from "./versions";
import type { RevisionCandidate } from "@/lib/ingest/revision/candidates";

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
    sourceName: item.source,
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
    version_hashes: [item.fingerprint],
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

  it("knows a stored story by its fingerprint, and a changed text under its canonical URL as its new version", () => {
    const item = prepared();
    const byUrl = prepared({ body: `${BODY} Updated.`, url: "https://kcna.example/2024/05/03/spa?utm_source=x" });
    const known = stored(item, 7);
    const decisions = decideExact([item, byUrl], [known]);
    expect(decisions.get(item)).toEqual({ kind: "exact", target: { stored: known } });
    expect(decisions.get(byUrl)).toEqual({ kind: "update", articleId: 7 });
  });

  it("takes a changed title under the URL for a version, and the same text again for a duplicate of it", () => {
    const original = prepared();
    const retitled = prepared({ title: "Session of the Supreme People's Assembly" });
    const again = prepared({ title: "Session of the Supreme People's Assembly" });
    const known = stored(original, 7);
    const decisions = decideExact([retitled, again], [known]);
    expect(decisions.get(retitled)).toEqual({ kind: "update", articleId: 7 });
    expect(decisions.get(again)).toMatchObject({ kind: "exact", target: { stored: { id: 7 } } });
    expect(rowsToInsert(decisions)).toEqual([]);
  });

  it("numbers two versions of one page in one chunk one after the other", () => {
    const known = stored(prepared(), 7);
    const second = prepared({ body: `${BODY} Second.` });
    const third = prepared({ body: `${BODY} Third.` });
    const decisions = decideExact([second, third], [known]);
    expect(decisions.get(second)).toEqual({ kind: "update", articleId: 7 });
    expect(decisions.get(third)).toEqual({ kind: "update", articleId: 7 });
    expect(known.version_hashes).toEqual([prepared().fingerprint, second.fingerprint, third.fingerprint]);
  });

  it("calls an earlier version seen again a duplicate, not a new version (a stale copy must not flip the text back)", () => {
    const first = prepared();
    const edited = prepared({ body: `${BODY} Updated.` });
    const known = { ...stored(edited, 7), version_hashes: [first.fingerprint, edited.fingerprint] };
    const decisions = decideExact([first], [known]);
    expect(decisions.get(first)).toEqual({ kind: "exact", target: { stored: known } });
  });

  it("without a URL, takes the same outlet, title and day with another text for a version; another outlet's is not", () => {
    const original = prepared({ url: null });
    const edited = prepared({ url: null, body: `${BODY} Updated.` });
    const elsewhere = prepared({ url: null, body: `${BODY} Reprinted.` }, 2);
    const decisions = decideExact([edited, elsewhere], [stored(original, 5)]);
    expect(decisions.get(edited)).toEqual({ kind: "update", articleId: 5 });
    expect(decisions.get(elsewhere)).toMatchObject({ kind: "insert" });
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
    ).toEqual({ created: 2, updated: 0, duplicates: 2, failed: 1 });
    expect(countOutcomes([{ index: 0, status: "updated", articleId: 3, version: 2 }])).toMatchObject({ updated: 1 });
  });
});

describe("versions the classifier finds", () => {
  const candidate = (article: Prepared, id: number): RevisionCandidate => ({
    articleId: id,
    item: { title: article.title, body: article.body, source: article.sourceName, publishedAt: article.publishedAt },
    sameUrl: false,
    distance: 10,
    titleSimilarity: 0.5,
  });

  it("makes an edit under a new address a version of the stored article, and its copies duplicates of it", () => {
    const original = prepared();
    const sentences = BODY.split(". ");
    sentences[1] = "Deputies discussed the state budget and the plan for the new fishing season in the east sea";
    const edit = prepared({ body: sentences.join(". "), url: "https://kcna.example/2024/05/04/spa-revised" });
    const copy = prepared({ body: sentences.join(". "), url: "https://kcna.example/2024/05/04/spa-revised" });
    const decisions = decideExact([edit, copy], []);
    const fresh = nearEligible(decisions);
    expect(revisionLookups(fresh)).toEqual([
      expect.objectContaining({ sourceId: 1, canonicalUrl: edit.canonicalUrl, simhash: edit.simhash }),
    ]);
    chooseRevisions(decisions, fresh, [[candidate(original, 9)]]);
    expect(decisions.get(edit)).toEqual({ kind: "update", articleId: 9 });
    expect(rowsToInsert(decisions)).toEqual([]);
    expect(nearEligible(decisions)).toEqual([]);
    const settled = new Map([[edit, { index: edit.index, status: "updated" as const, articleId: 9, version: 2 }]]);
    expect(assembleOutcomes([edit, copy], decisions, settled).outcomes).toEqual([
      { index: edit.index, status: "updated", articleId: 9, version: 2 },
      { index: copy.index, status: "duplicate", articleId: 9 },
    ]);
  });

  it("leaves a different story of the same day a new article", () => {
    const original = prepared();
    const other = prepared({
      title: "Kim Jong Un inspects a fish farm",
      body:
        "Pyongyang, May 3 (KCNA) -- Kim Jong Un inspected the Sinpho fish farm on Friday. He looked round the hatchery " +
        "and the feed mill, praised the workers for raising the output of young fish and set tasks for the coming season.",
      url: "https://kcna.example/2024/05/03/farm",
    });
    const decisions = decideExact([other], []);
    const fresh = nearEligible(decisions);
    chooseRevisions(decisions, fresh, [[candidate(original, 9)]]);
    expect(decisions.get(other)).toMatchObject({ kind: "insert" });
    expect(rowsToInsert(decisions).map((pending) => pending.row)).toEqual([other]);
  });
});

describe("short texts and the classifier", () => {
  it("leaves two short items of a series apart: a dozen words one number apart are not an edit", () => {
    const stored5 = prepared({
      title: "Route story 5",
      body: "Pyongyang, March 5 (KCNA) -- Story 5 of the route test.",
    });
    const story33 = prepared({
      title: "Route story 33",
      body: "Pyongyang, March 5 (KCNA) -- Story 33 of the route test.",
      url: "https://kcna.example/route/33",
    });
    const decisions = decideExact([story33], []);
    const fresh = nearEligible(decisions);
    const candidate: RevisionCandidate = {
      articleId: 4,
      item: { title: stored5.title, body: stored5.body, source: stored5.sourceName, publishedAt: stored5.publishedAt },
      sameUrl: false,
      distance: 6,
      titleSimilarity: 0.8,
    };
    chooseRevisions(decisions, fresh, [[candidate]]);
    expect(decisions.get(story33)).toMatchObject({ kind: "insert" });
  });
});
