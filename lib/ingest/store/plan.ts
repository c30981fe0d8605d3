import { DuplicateKind } from "@/lib/generated/prisma/enums";
import {
  jaccard,
  NEAR_DUPLICATE_MAX_DISTANCE,
  NEAR_DUPLICATE_MIN_SIMILARITY,
  NEAR_DUPLICATE_MIN_WORDS,
  NEAR_DUPLICATE_WINDOW_DAYS,
  simhashDistance,
  textWords,
  wordPairs,
} from "@/lib/ingest/near-duplicate";
import { pairsOf, storyKey, utcDay, wordsOf, type ItemOutcome, type Prepared } from "./item";

// The store's decisions, apart from the SQL that feeds them: given what the database already holds (and
// what it answered to the chunk's inserts), which item creates an article, which is the same story as an
// article stored or about to be, which completes a teaser, and which sightings the analyst should see as
// "also published by". Everything here is synchronous and tested without a database (plan.test.ts).

/** A stored article as the look-ups return it. */
export type StoredRow = {
  id: number;
  source_id: number;
  canonical_url: string | null;
  fingerprint: string;
  title: string;
  published_at: Date;
  complete: boolean;
  /** Content hashes (fingerprints) of every version seen, the current one included. */
  version_hashes: string[];
};

/** A row this chunk inserts; the outcome of its insert decides the fate of the items that copy it. */
export type Pending = {
  row: Prepared;
  nearOf?: { target: Target; similarity: number };
  articleId?: number;
  lostTo?: StoredRow;
  /** The edit classifier found it a version of this stored article (versions.ts). */
  revisionOf?: { articleId: number; sourceId: number; canonicalUrl: string | null };
  error?: string;
};

export type Target = { stored: StoredRow } | { pending: Pending };

export type Decision =
  | { kind: "insert"; pending: Pending }
  | { kind: "exact"; target: Target }
  | { kind: "near"; target: Target; similarity: number }
  | { kind: "complete"; article: StoredRow }
  | { kind: "update"; articleId: number };

export type Link = { articleId: number; item: Prepared; kind: DuplicateKind; similarity: number };

/** A stored article close enough by SimHash to a new text to compare word by word. */
export type NearCandidate = StoredRow & { idx: number; body_text: string; distance: number };

const DAY_MS = 86_400_000;

/**
 * Same fingerprint (of any version seen) or canonical URL as a stored article or an earlier item: the same
 * story. A complete item under a stored complete article's URL whose title or text differ is a new version
 * of it ("update"), as is one without a URL that has a stored article's outlet, title and day. A complete
 * item whose teaser is stored completes it. Teasers go last, so a teaser and its full text arriving
 * together leave one complete article.
 */
export function decideExact(chunk: Prepared[], known: StoredRow[]): Map<Prepared, Decision> {
  const byFingerprint = new Map<string, StoredRow>();
  for (const row of known) for (const hash of row.version_hashes) byFingerprint.set(hash, row);
  for (const row of known) byFingerprint.set(row.fingerprint, row);
  const byUrl = new Map(known.flatMap((row) => (row.canonical_url ? [[row.canonical_url, row] as const] : [])));
  const byStory = new Map<string, StoredRow>();
  for (const row of known) byStory.set(storyKey(row.source_id, row.title, utcDay(row.published_at)), row);
  const pendingByFingerprint = new Map<string, Pending>();
  const pendingByUrl = new Map<string, Pending>();
  const pendingByStory = new Map<string, Pending>();

  const decisions = new Map<Prepared, Decision>();
  const ordered = [...chunk.filter((item) => item.complete), ...chunk.filter((item) => !item.complete)];
  for (const item of ordered) {
    const decision = decideOne(item);
    decisions.set(item, decision);
    if (decision.kind === "insert") {
      pendingByFingerprint.set(item.fingerprint, decision.pending);
      if (item.canonicalUrl) pendingByUrl.set(item.canonicalUrl, decision.pending);
      if (!pendingByStory.has(item.storyKey)) pendingByStory.set(item.storyKey, decision.pending);
    } else if (decision.kind === "complete") {
      // Later copies of the full text in this chunk are duplicates of the article it completes.
      const article = decision.article;
      article.complete = true;
      byFingerprint.set(item.fingerprint, article);
      if (item.canonicalUrl && !article.canonical_url) byUrl.set(item.canonicalUrl, article);
    } else if (decision.kind === "update") {
      // A later copy of this version in the chunk is its duplicate; another text under the URL, a version after it.
      const article = known.find((row) => row.id === decision.articleId)!;
      article.fingerprint = item.fingerprint;
      article.version_hashes = [...article.version_hashes, item.fingerprint];
      byFingerprint.set(item.fingerprint, article);
    }
  }
  return decisions;

  function decideOne(item: Prepared): Decision {
    const stored =
      byFingerprint.get(item.fingerprint) ?? (item.canonicalUrl ? byUrl.get(item.canonicalUrl) : undefined);
    const pending =
      pendingByFingerprint.get(item.fingerprint) ??
      (item.canonicalUrl ? pendingByUrl.get(item.canonicalUrl) : undefined);
    const storedStory = byStory.get(item.storyKey);
    if (item.complete) {
      if (byFingerprint.has(item.fingerprint)) return { kind: "exact", target: { stored: stored! } };
      if (stored?.complete) return { kind: "update", articleId: stored.id };
      const teaser = [stored, storedStory].find((row) => row && !row.complete);
      if (teaser) return { kind: "complete", article: teaser };
      if (!item.canonicalUrl && storedStory?.complete) return { kind: "update", articleId: storedStory.id };
      if (pending) return { kind: "exact", target: { pending } };
      return { kind: "insert", pending: { row: item } };
    }
    const storedMatch = stored ?? storedStory;
    if (storedMatch) return { kind: "exact", target: { stored: storedMatch } };
    const pendingMatch = pending ?? pendingByStory.get(item.storyKey);
    if (pendingMatch) return { kind: "exact", target: { pending: pendingMatch } };
    return { kind: "insert", pending: { row: item } };
  }
}

/** New complete texts: the ones a near-duplicate search is for. */
export function nearEligible(decisions: Map<Prepared, Decision>): Pending[] {
  return [...decisions.values()].flatMap((decision) =>
    decision.kind === "insert" && decision.pending.row.complete && !decision.pending.revisionOf
      ? [decision.pending]
      : [],
  );
}

/**
 * Marks new complete texts that closely match a stored article published within the window (`candidates`,
 * by index into `eligible`), or an earlier new text of this chunk, as near duplicates. SimHash picked the
 * candidates; word-pair Jaccard decides.
 */
export function chooseNearDuplicates(
  decisions: Map<Prepared, Decision>,
  eligible: Pending[],
  candidates: NearCandidate[],
): void {
  const byPending = new Map<number, NearCandidate[]>();
  const sorted = [...candidates].sort(
    (a, b) => a.distance - b.distance || a.published_at.getTime() - b.published_at.getTime() || a.id - b.id,
  );
  for (const candidate of sorted) byPending.set(candidate.idx, [...(byPending.get(candidate.idx) ?? []), candidate]);

  const windowMs = NEAR_DUPLICATE_WINDOW_DAYS * DAY_MS;
  const kept: Pending[] = [];
  eligible.forEach((pending, i) => {
    const mine = byPending.get(i) ?? [];
    // Another writer stored this very story since the exact look-up: it won the race.
    pending.lostTo = findHolder(mine, pending.row);
    if (pending.lostTo) return;
    let best: { target: Target; similarity: number } | undefined;
    // Word pairs are built only for texts that have a SimHash candidate: most have none.
    const consider = (target: Target, otherPairs: () => Set<string>) => {
      if (wordsOf(pending.row).length < NEAR_DUPLICATE_MIN_WORDS) return;
      const similarity = jaccard(pairsOf(pending.row), otherPairs());
      if (similarity >= NEAR_DUPLICATE_MIN_SIMILARITY && similarity > (best?.similarity ?? 0))
        best = { target, similarity };
    };
    for (const candidate of mine) consider({ stored: candidate }, () => wordPairs(textWords(candidate.body_text)));
    for (const earlier of best ? [] : kept) {
      if (Math.abs(earlier.row.publishedAt.getTime() - pending.row.publishedAt.getTime()) > windowMs) continue;
      if (simhashDistance(earlier.row.halves, pending.row.halves) > NEAR_DUPLICATE_MAX_DISTANCE) continue;
      consider({ pending: earlier }, () => pairsOf(earlier.row));
    }
    if (best) pending.nearOf = best;
    else kept.push(pending);
  });
  // Exact copies of a near duplicate are near duplicates of the same article.
  for (const [item, decision] of decisions) {
    if (decision.kind === "exact" && "pending" in decision.target && decision.target.pending.nearOf) {
      decisions.set(item, { kind: "near", ...decision.target.pending.nearOf });
    }
  }
}

/** The rows to insert: new texts that are neither near duplicates nor already stored by another writer. */
export function rowsToInsert(decisions: Map<Prepared, Decision>): Pending[] {
  return [...decisions.values()].flatMap((decision) =>
    decision.kind === "insert" && !decision.pending.nearOf && !decision.pending.lostTo && !decision.pending.revisionOf
      ? [decision.pending]
      : [],
  );
}

/** The stored article holding the item's fingerprint or canonical URL. */
export function findHolder(known: StoredRow[], item: Prepared, except?: number): StoredRow | undefined {
  return known.find(
    (row) =>
      row.id !== except &&
      (row.fingerprint === item.fingerprint || (item.canonicalUrl !== null && row.canonical_url === item.canonicalUrl)),
  );
}

type Landed =
  { article: { id: number; sourceId: number; canonicalUrl: string | null }; lost: boolean } | { error: string };

export function resolveTarget(target: Target): Landed {
  if ("stored" in target)
    return {
      article: { id: target.stored.id, sourceId: target.stored.source_id, canonicalUrl: target.stored.canonical_url },
      lost: false,
    };
  const { pending } = target;
  if (pending.revisionOf) return { article: { id: pending.revisionOf.articleId, ...pending.revisionOf }, lost: false };
  if (pending.nearOf) return resolveTarget(pending.nearOf.target);
  if (pending.error !== undefined) return { error: pending.error };
  if (pending.lostTo)
    return {
      article: {
        id: pending.lostTo.id,
        sourceId: pending.lostTo.source_id,
        canonicalUrl: pending.lostTo.canonical_url,
      },
      lost: true,
    };
  return {
    article: { id: pending.articleId!, sourceId: pending.row.sourceId, canonicalUrl: pending.row.canonicalUrl },
    lost: false,
  };
}

/** The analyst wants to see "also published by" for another outlet or another address, not for a re-fetch. */
function isOtherSighting(item: Prepared, article: { sourceId: number; canonicalUrl: string | null }): boolean {
  return (
    item.sourceId !== article.sourceId || (item.canonicalUrl !== null && item.canonicalUrl !== article.canonicalUrl)
  );
}

/**
 * Each item's outcome once the inserts, completions and new versions are done (`settled` holds the outcome
 * of each completion and version), the sightings to link, and the items to store again because the copy they
 * followed failed (they may well be fine on their own).
 */
export function assembleOutcomes(
  chunk: Prepared[],
  decisions: Map<Prepared, Decision>,
  settled: Map<Prepared, ItemOutcome>,
): { outcomes: ItemOutcome[]; links: Link[]; retry: Prepared[] } {
  const outcomes: ItemOutcome[] = [];
  const links: Link[] = [];
  const retry: Prepared[] = [];
  for (const item of chunk) {
    const decision = decisions.get(item)!;
    if (decision.kind === "complete" || decision.kind === "update") {
      outcomes.push(settled.get(item)!);
      continue;
    }
    const resolved =
      decision.kind === "insert"
        ? decision.pending.nearOf
          ? { ...decision.pending.nearOf, own: false }
          : { target: { pending: decision.pending } as Target, similarity: 1, own: true }
        : { target: decision.target, similarity: decision.kind === "near" ? decision.similarity : 1, own: false };
    const near = decision.kind === "near" || (decision.kind === "insert" && decision.pending.nearOf !== undefined);
    const landed = resolveTarget(resolved.target);
    if ("error" in landed) {
      if (resolved.own) outcomes.push({ index: item.index, status: "failed", error: landed.error });
      else retry.push(item);
      continue;
    }
    if (resolved.own && !landed.lost) {
      outcomes.push({ index: item.index, status: "created", articleId: landed.article.id });
    } else if (near) {
      outcomes.push({
        index: item.index,
        status: "near_duplicate",
        articleId: landed.article.id,
        similarity: resolved.similarity,
      });
      links.push({ articleId: landed.article.id, item, kind: DuplicateKind.NEAR, similarity: resolved.similarity });
    } else {
      outcomes.push({ index: item.index, status: "duplicate", articleId: landed.article.id });
      if (isOtherSighting(item, landed.article))
        links.push({ articleId: landed.article.id, item, kind: DuplicateKind.EXACT, similarity: 1 });
    }
  }
  return { outcomes, links, retry };
}
