import type { IngestDb } from "@/lib/ingest/runs";
import type { RevisionItem } from "@/lib/ingest/revision/evidence";
import { REVISION_WINDOW_DAYS } from "@/lib/ingest/revision/classify";

// The stored articles an incoming item could be an edit of, found in SQL so that classifyRevision only reads
// a handful of texts per item. Two ways in, each on an index the articles table already has:
// - the same canonical URL (the unique index), at any date: the page re-fetched, re-pasted or re-posted;
// - the same source within REVISION_WINDOW_DAYS (the (source_id, published_at) index; a KCNA day is a few
//   dozen rows), kept when the SimHash is within CANDIDATE_MAX_DISTANCE bits or the titles share
//   CANDIDATE_MIN_TITLE_SIMILARITY of their trigrams (pg_trgm's similarity()).
// Measured by `npm run bench -- --only versions` (versions.candidates.*, the corpus loaded into a scratch
// database): the query brings back the article an edit was made from for 3,480 of 3,481 held-out edits
// arriving under a new URL or none, with 3.4 candidates per item on average, in under 3 ms an item. The real
// edits' farthest: a 4,733-word speech re-translated, 21 bits and 0.48 of title trigrams apart.
// SimHash bands (an index per 16-bit band) would find near copies across sources and dates without a
// window, but an edit of a short story moves 20 bits or more, beyond what bands can find; the window is the
// cheaper filter here.

export const CANDIDATE_MAX_DISTANCE = 24;
export const CANDIDATE_MIN_TITLE_SIMILARITY = 0.3;
/** At most this many candidates per item, nearest SimHash first (a KCNA day has about 30 stories). */
export const CANDIDATE_LIMIT = 20;

export type RevisionLookup = {
  sourceId: number;
  publishedAt: Date;
  /** normalizeUrl() of the item's URL, or null for a paste without one. */
  canonicalUrl: string | null;
  title: string;
  /** simhash64() of the body. */
  simhash: bigint;
};

export type RevisionCandidate = {
  articleId: number;
  /** The stored article as classifyRevision reads it (source by name). */
  item: RevisionItem;
  sameUrl: boolean;
  distance: number | null;
  titleSimilarity: number;
};

type CandidateRow = {
  idx: number;
  id: number;
  source_name: string;
  url: string | null;
  canonical_url: string | null;
  title: string;
  body_text: string;
  published_at: Date;
  distance: number | null;
  title_similarity: number;
};

/** Candidates for each lookup, in the lookups' order: the same URL first, then by SimHash distance. */
export async function findRevisionCandidates(
  client: Pick<IngestDb, "$queryRaw">,
  lookups: RevisionLookup[],
): Promise<RevisionCandidate[][]> {
  if (lookups.length === 0) return [];
  const rows = await client.$queryRaw<CandidateRow[]>`
    SELECT k.idx, c.id, s.name AS source_name, c.url, c.canonical_url, c.title, c.body_text, c.published_at,
           bit_count((c.simhash # k.simhash)::bit(64))::int AS distance,
           similarity(c.title, k.title)::float8 AS title_similarity
      FROM unnest(${lookups.map((_, i) => i)}::int[], ${lookups.map((l) => l.sourceId)}::int[],
                  ${lookups.map((l) => l.publishedAt)}::timestamptz[], ${lookups.map((l) => l.canonicalUrl)}::text[],
                  ${lookups.map((l) => l.title)}::text[], ${lookups.map((l) => l.simhash)}::bigint[])
           AS k(idx, source_id, published_at, canonical_url, title, simhash)
      CROSS JOIN LATERAL (
        SELECT u.id FROM articles u WHERE u.canonical_url = k.canonical_url
        UNION
        (SELECT w.id FROM articles w
          WHERE w.source_id = k.source_id
            AND w.complete
            AND w.published_at BETWEEN k.published_at - ${REVISION_WINDOW_DAYS} * interval '1 day'
                                   AND k.published_at + ${REVISION_WINDOW_DAYS} * interval '1 day'
            AND (bit_count((w.simhash # k.simhash)::bit(64)) <= ${CANDIDATE_MAX_DISTANCE}
                 OR similarity(w.title, k.title) >= ${CANDIDATE_MIN_TITLE_SIMILARITY})
          ORDER BY bit_count((w.simhash # k.simhash)::bit(64)), w.id
          LIMIT ${CANDIDATE_LIMIT})
      ) m
      JOIN articles c ON c.id = m.id
      JOIN sources s ON s.id = c.source_id`;
  const byLookup: RevisionCandidate[][] = lookups.map(() => []);
  for (const row of rows) {
    byLookup[row.idx].push({
      articleId: row.id,
      item: {
        title: row.title,
        body: row.body_text,
        source: row.source_name,
        publishedAt: row.published_at,
        url: row.url,
      },
      sameUrl: row.canonical_url !== null && row.canonical_url === lookups[row.idx].canonicalUrl,
      distance: row.distance,
      titleSimilarity: row.title_similarity,
    });
  }
  // Sorted here, not in SQL: a sort over the join lifts the plan's estimated cost over PostgreSQL's JIT
  // threshold (see store.ts), and compiling costs more than the query.
  for (const candidates of byLookup)
    candidates.sort(
      (a, b) =>
        Number(b.sameUrl) - Number(a.sameUrl) || (a.distance ?? 64) - (b.distance ?? 64) || a.articleId - b.articleId,
    );
  return byLookup;
}
