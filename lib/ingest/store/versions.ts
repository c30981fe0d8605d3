import { classifyRevision } from "@/lib/ingest/revision/classify";
import type { RevisionCandidate, RevisionLookup } from "@/lib/ingest/revision/candidates";
import type { Decision, Pending } from "./plan";
import { textWords } from "@/lib/ingest/near-duplicate";
import { wordsOf, type Prepared } from "./item";

// New versions the URL cannot tell: an outlet re-issues an edited story under a new address, or a paste has
// none. The edit classifier (lib/ingest/revision, versions.edit.recall 0.9991 and versions.distinct.precision
// 0.9994 on the held-out half of `npm run bench -- --only versions`) reads the stored articles of the same
// outlet within a few days that the candidate query found, and an edit becomes a new version of the first
// article it is an edit of. Copies from other outlets never are (the classifier says "other_source"): they stay
// "also published by". Pure, like plan.ts.
//
// Texts under MIN_REVISION_WORDS words are left to the URL and to outlet + title + day: a dozen words one
// number apart are as often two items of a series ("Story 5", "Story 33"; a weather line per city) as an edit,
// and the classifier's one allowed swap (a date spelled out) cannot tell them apart.

export const MIN_REVISION_WORDS = 25;

/** What the candidate query needs of each new text. */
export function revisionLookups(eligible: Pending[]): RevisionLookup[] {
  return eligible.map(({ row }) => ({
    sourceId: row.sourceId,
    publishedAt: row.publishedAt,
    canonicalUrl: row.canonicalUrl,
    title: row.title,
    simhash: row.simhash,
  }));
}

/** Turns each new text that is an edit of a candidate (by index into `eligible`) into a new version of it. */
export function chooseRevisions(
  decisions: Map<Prepared, Decision>,
  eligible: Pending[],
  candidates: RevisionCandidate[][],
): void {
  eligible.forEach((pending, i) => {
    const { row } = pending;
    if (wordsOf(row).length < MIN_REVISION_WORDS) return;
    const incoming = {
      title: row.title,
      body: row.body,
      source: row.sourceName,
      publishedAt: row.publishedAt,
      url: row.url,
    };
    const match = (candidates[i] ?? []).find(
      (candidate) =>
        textWords(candidate.item.body).length >= MIN_REVISION_WORDS && classifyRevision(candidate.item, incoming).edit,
    );
    if (!match) return;
    pending.revisionOf = { articleId: match.articleId, sourceId: row.sourceId, canonicalUrl: row.canonicalUrl };
    decisions.set(row, { kind: "update", articleId: match.articleId });
  });
}
