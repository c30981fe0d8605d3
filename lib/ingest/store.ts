import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { DuplicateKind, SourceKind } from "@/lib/generated/prisma/enums";
import { fingerprintArticle, makeExcerpt, simhash64 } from "@/lib/ingest/fingerprint";
import {
  jaccard,
  NEAR_DUPLICATE_MAX_DISTANCE,
  NEAR_DUPLICATE_MIN_SIMILARITY,
  NEAR_DUPLICATE_MIN_WORDS,
  NEAR_DUPLICATE_WINDOW_DAYS,
  simhashDistance,
  splitSimhash,
  textWords,
  wordPairs,
  type SimhashHalves,
} from "@/lib/ingest/near-duplicate";
import { detectLanguage } from "@/lib/ingest/language";
import { normalizeUrl } from "@/lib/ingest/normalize-url";
import { recordIngestErrors, type IngestDb } from "@/lib/ingest/runs";
import { applyRulesToArticles } from "@/lib/themes/rules";
import { toParagraphHtml } from "@/lib/ingest/text-html";

// Every way in (feeds, pages, pastes, files, the API) stores articles here, so one story is one article
// however often and from wherever it arrives. Identity is the canonical URL or the text's fingerprint,
// both unique in the database: two workers storing the same story at once create it once. A lightly
// edited copy (near duplicate) adds no article but is linked to the first as "also published by".

export type IngestItem = {
  title: string;
  body: string;
  publishedAt: Date;
  /** The outlet's name; an unknown one becomes a MANUAL source. */
  source: string;
  url?: string | null;
  bodyHtml?: string | null;
  byline?: string | null;
  language?: string;
  /** False for a teaser (a title and a few lines) whose full text is still to come. */
  complete?: boolean;
  /** Where the item came from ("line 12"), for the run's error list. */
  location?: string;
};

export type ItemStatus = "created" | "duplicate" | "near_duplicate" | "completed" | "failed";

export type ItemOutcome = {
  index: number;
  status: ItemStatus;
  articleId?: number;
  similarity?: number;
  error?: string;
};

const CHUNK_SIZE = 500;
const DAY_MS = 86_400_000;

/** What an item's text yields on its own, before the database is asked anything. */
type Derived = {
  url: string | null;
  canonicalUrl: string | null;
  byline: string | null;
  bodyHtml: string;
  excerpt: string;
  language: string;
  fingerprint: string;
  simhash: bigint;
  halves: SimhashHalves;
  complete: boolean;
};

type Prepared = Derived & {
  index: number;
  sourceId: number;
  title: string;
  body: string;
  publishedAt: Date;
  storyKey: string;
  words?: string[];
  pairs?: Set<string>;
};

type StoredRow = {
  id: number;
  source_id: number;
  canonical_url: string | null;
  fingerprint: string;
  title: string;
  published_at: Date;
  complete: boolean;
};

/** A row this chunk inserts; the outcome of its insert decides the fate of the items that copy it. */
type Pending = {
  row: Prepared;
  nearOf?: { target: Target; similarity: number };
  articleId?: number;
  lostTo?: StoredRow;
  error?: string;
};

type Target = { stored: StoredRow } | { pending: Pending };

type Decision =
  | { kind: "insert"; pending: Pending }
  | { kind: "exact"; target: Target }
  | { kind: "near"; target: Target; similarity: number }
  | { kind: "complete"; article: StoredRow };

type Link = { articleId: number; item: Prepared; kind: DuplicateKind; similarity: number };

/** Stores the items, in chunks; never throws for a bad item (it fails alone), only when the database is unreachable. */
export async function storeArticles(
  items: IngestItem[],
  options: {
    runId?: number;
    db?: IngestDb;
    /** Outlet ids by name, kept by a caller that stores many batches (an import) to skip looking them up again. */
    sourceIds?: Map<string, number>;
  } = {},
): Promise<ItemOutcome[]> {
  const client = options.db ?? db;
  const outcomes: ItemOutcome[] = [];
  const valid: IngestItem[] = [];
  const indexes: number[] = [];
  items.forEach((item, index) => {
    const error = checkItem(item);
    if (error) outcomes[index] = { index, status: "failed", error };
    else {
      valid.push(item);
      indexes.push(index);
    }
  });
  const sourceIds = await resolveSources(client, valid, options.sourceIds);
  const prepared = valid.map((item, i) => {
    const sourceId = sourceIds.get(item.source.trim())!;
    const derived = derivedItems.get(item) ?? derive(item);
    return {
      ...derived,
      index: indexes[i],
      sourceId,
      title: item.title,
      body: item.body,
      publishedAt: item.publishedAt,
      storyKey: storyKey(sourceId, item.title, item.publishedAt),
    };
  });
  for (let start = 0; start < prepared.length; start += CHUNK_SIZE) {
    for (const outcome of await storeChunk(client, prepared.slice(start, start + CHUNK_SIZE)))
      outcomes[outcome.index] = outcome;
  }
  await applyRulesToStored(client, outcomes);
  if (options.runId !== undefined) {
    const failures = outcomes.filter((outcome) => outcome.status === "failed");
    await recordIngestErrors(
      options.runId,
      failures.map((outcome) => ({
        location: items[outcome.index].location ?? `item ${outcome.index + 1}`,
        reason: outcome.error!,
        excerpt: typeof items[outcome.index].title === "string" ? items[outcome.index].title : null,
      })),
      client,
    );
  }
  return outcomes;
}

/** New articles, and teasers whose full text arrived, get their themes from the rules. */
async function applyRulesToStored(client: IngestDb, outcomes: ItemOutcome[]): Promise<void> {
  const ids = outcomes.flatMap((outcome) =>
    (outcome.status === "created" || outcome.status === "completed") && outcome.articleId !== undefined
      ? [outcome.articleId]
      : [],
  );
  try {
    await applyRulesToArticles(ids, { db: client });
  } catch (error) {
    // The articles are stored; a failure here must not report them as failed. A theme re-run catches up.
    console.error("applying theme rules to new articles failed", error);
  }
}

function checkItem(item: IngestItem): string | null {
  for (const field of ["title", "body", "source"] as const) {
    if (typeof item[field] !== "string" || item[field].trim() === "") return `${field}: must not be empty`;
  }
  if (!(item.publishedAt instanceof Date) || Number.isNaN(item.publishedAt.getTime()))
    return "publishedAt: not a valid date";
  return null;
}

/** Source ids by name; unknown outlets are created as MANUAL sources, and a concurrent creator wins harmlessly. */
async function resolveSources(
  client: IngestDb,
  items: IngestItem[],
  known: Map<string, number> = new Map(),
): Promise<Map<string, number>> {
  const languages = new Map<string, string>();
  for (const item of items) {
    const name = item.source.trim();
    if (!known.has(name) && !languages.has(name)) languages.set(name, item.language ?? "en");
  }
  const names = [...languages.keys()];
  if (names.length === 0) return known;
  const find = async () => client.source.findMany({ where: { name: { in: names } }, select: { id: true, name: true } });
  let found = await find();
  if (found.length < names.length) {
    const existing = new Set(found.map((source) => source.name));
    await client.source.createMany({
      data: names
        .filter((name) => !existing.has(name))
        .map((name) => ({ name, kind: SourceKind.MANUAL, language: languages.get(name)! })),
      skipDuplicates: true,
    });
    found = await find();
  }
  for (const source of found) known.set(source.name, source.id);
  return known;
}

function utcDay(date: Date): string {
  return new Date(Math.floor(date.getTime() / DAY_MS) * DAY_MS).toISOString();
}

function storyKey(sourceId: number, title: string, publishedAt: Date | string): string {
  return `${sourceId}\u0000${title}\u0000${typeof publishedAt === "string" ? publishedAt : utcDay(publishedAt)}`;
}

const derivedItems = new WeakMap<IngestItem, Derived>();

/**
 * Computes ahead what storeArticles derives from each item's text (fingerprint, SimHash, excerpt, HTML), the
 * CPU half of storing. A caller that reads its next batch while the previous one is written calls this as it
 * goes, so that work overlaps the database's. The items must not change afterwards.
 */
export function prepareArticles(items: IngestItem[]): void {
  for (const item of items) if (!derivedItems.has(item) && !checkItem(item)) derivedItems.set(item, derive(item));
}

function derive(item: IngestItem): Derived {
  const simhash = simhash64(item.body);
  const url = item.url?.trim() || null;
  return {
    url,
    canonicalUrl: url ? normalizeUrl(url) : null,
    byline: item.byline?.trim() || null,
    bodyHtml: item.bodyHtml ?? toParagraphHtml(item.body),
    excerpt: makeExcerpt(item.body),
    language: item.language ?? detectLanguage(`${item.title}\n${item.body}`) ?? "en",
    fingerprint: fingerprintArticle(item),
    simhash,
    halves: splitSimhash(simhash),
    complete: item.complete ?? true,
  };
}

function wordsOf(item: Prepared): string[] {
  item.words ??= textWords(item.body);
  return item.words;
}

function pairsOf(item: Prepared): Set<string> {
  item.pairs ??= wordPairs(wordsOf(item));
  return item.pairs;
}

async function storeChunk(client: IngestDb, chunk: Prepared[]): Promise<ItemOutcome[]> {
  const decisions = decideExact(chunk, await findKnownArticles(client, chunk));
  await findNearDuplicates(client, decisions);
  const pendings = [...decisions.values()].flatMap((decision) =>
    decision.kind === "insert" ? [decision.pending] : [],
  );
  await insertPending(
    client,
    pendings.filter((pending) => !pending.nearOf && !pending.lostTo),
  );

  const outcomes: ItemOutcome[] = [];
  const links: Link[] = [];
  const retry: Prepared[] = [];
  for (const item of chunk) {
    const decision = decisions.get(item)!;
    if (decision.kind === "complete") {
      outcomes.push(await completeArticle(client, item, decision.article));
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
      // Its first copy failed: the item may well be fine on its own, so it is stored again without it.
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
  await insertLinks(client, links);
  if (retry.length) outcomes.push(...(await storeChunk(client, retry)));
  return outcomes;
}

type Landed =
  { article: { id: number; sourceId: number; canonicalUrl: string | null }; lost: boolean } | { error: string };

function resolveTarget(target: Target): Landed {
  if ("stored" in target)
    return {
      article: { id: target.stored.id, sourceId: target.stored.source_id, canonicalUrl: target.stored.canonical_url },
      lost: false,
    };
  const { pending } = target;
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

/** Stored articles sharing a key with the chunk: fingerprint, canonical URL, or (for teasers) outlet + title + day. */
async function findKnownArticles(client: IngestDb, chunk: Prepared[]): Promise<StoredRow[]> {
  const urls = chunk.flatMap((item) => (item.canonicalUrl ? [item.canonicalUrl] : []));
  return client.$queryRaw<StoredRow[]>`
    WITH k AS (
      SELECT * FROM unnest(${chunk.map((item) => item.sourceId)}::int[], ${chunk.map((item) => item.title)}::text[],
                           ${chunk.map((item) => utcDay(item.publishedAt))}::timestamptz[], ${chunk.map((item) => item.complete)}::boolean[])
               AS k(source_id, title, day, complete)
    )
    SELECT id, source_id, canonical_url, fingerprint, title, published_at, complete
      FROM articles WHERE fingerprint = ANY(${chunk.map((item) => item.fingerprint)}::text[])
    UNION
    SELECT id, source_id, canonical_url, fingerprint, title, published_at, complete
      FROM articles WHERE canonical_url = ANY(${urls}::text[])
    UNION
    -- One index range scan per outlet and day (a chunk spans a few dozen), then titles matched in memory.
    SELECT a.id, a.source_id, a.canonical_url, a.fingerprint, a.title, a.published_at, a.complete
      FROM (SELECT DISTINCT source_id, day FROM k) d
      CROSS JOIN LATERAL (
        SELECT a.id, a.source_id, a.canonical_url, a.fingerprint, a.title, a.published_at, a.complete FROM articles a
         WHERE a.source_id = d.source_id AND a.published_at >= d.day AND a.published_at < d.day + interval '1 day'
        OFFSET 0
      ) a
      JOIN k ON k.source_id = a.source_id AND k.day = d.day AND k.title = a.title AND NOT (a.complete AND k.complete)`;
}

/**
 * Same fingerprint or canonical URL as a stored article or an earlier item: the same story. A complete
 * item whose teaser is stored completes it. Teasers go last, so a teaser and its full text arriving
 * together leave one complete article.
 */
function decideExact(chunk: Prepared[], known: StoredRow[]): Map<Prepared, Decision> {
  const byFingerprint = new Map(known.map((row) => [row.fingerprint, row]));
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
      if (stored?.complete || byFingerprint.has(item.fingerprint))
        return { kind: "exact", target: { stored: stored! } };
      const teaser = [stored, storedStory].find((row) => row && !row.complete);
      if (teaser) return { kind: "complete", article: teaser };
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

type NearCandidate = StoredRow & { idx: number; body_text: string; distance: number };

/**
 * Marks new complete texts that closely match a stored article published within the window, or an earlier
 * new text of this chunk, as near duplicates. SimHash picks the candidates; word-pair Jaccard decides.
 */
async function findNearDuplicates(client: IngestDb, decisions: Map<Prepared, Decision>): Promise<void> {
  const eligible = [...decisions.values()].flatMap((decision) =>
    decision.kind === "insert" && decision.pending.row.complete ? [decision.pending] : [],
  );
  if (eligible.length === 0) return;
  const candidates = await client.$queryRaw<NearCandidate[]>`
    SELECT k.idx, a.id, a.source_id, a.canonical_url, a.fingerprint, a.title, a.published_at, a.complete, a.body_text, a.distance
      FROM unnest(${eligible.map((_, i) => i)}::int[], ${eligible.map((pending) => pending.row.simhash)}::bigint[],
                  ${eligible.map((pending) => pending.row.publishedAt)}::timestamptz[]) AS k(idx, simhash, published_at)
      CROSS JOIN LATERAL (
        SELECT c.id, c.source_id, c.canonical_url, c.fingerprint, c.title, c.published_at, c.complete, c.body_text,
               bit_count((c.simhash # k.simhash)::bit(64))::int AS distance
          FROM articles c
         WHERE c.published_at BETWEEN k.published_at - ${NEAR_DUPLICATE_WINDOW_DAYS} * interval '1 day'
                                  AND k.published_at + ${NEAR_DUPLICATE_WINDOW_DAYS} * interval '1 day'
           AND c.complete
           AND bit_count((c.simhash # k.simhash)::bit(64)) <= ${NEAR_DUPLICATE_MAX_DISTANCE}
      ) a`;
  const byPending = new Map<number, NearCandidate[]>();
  // Sorted here rather than in SQL: a sort there lifts the plan's estimated cost over PostgreSQL's JIT
  // threshold, and compiling costs more than the whole query.
  candidates.sort(
    (a, b) => a.distance - b.distance || a.published_at.getTime() - b.published_at.getTime() || a.id - b.id,
  );
  for (const candidate of candidates)
    byPending.set(candidate.idx, [...(byPending.get(candidate.idx) ?? []), candidate]);

  const windowMs = NEAR_DUPLICATE_WINDOW_DAYS * DAY_MS;
  const kept: Pending[] = [];
  eligible.forEach((pending, i) => {
    const candidates = byPending.get(i) ?? [];
    // Another writer stored this very story since the exact look-up: it won the race.
    pending.lostTo = findHolder(candidates, pending.row);
    if (pending.lostTo) return;
    let best: { target: Target; similarity: number } | undefined;
    // Word pairs are built only for texts that have a SimHash candidate: most have none.
    const consider = (target: Target, otherPairs: () => Set<string>) => {
      if (wordsOf(pending.row).length < NEAR_DUPLICATE_MIN_WORDS) return;
      const similarity = jaccard(pairsOf(pending.row), otherPairs());
      if (similarity >= NEAR_DUPLICATE_MIN_SIMILARITY && similarity > (best?.similarity ?? 0))
        best = { target, similarity };
    };
    for (const candidate of candidates)
      consider({ stored: candidate }, () => wordPairs(textWords(candidate.body_text)));
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

function insertStatement(rows: Prepared[]): Prisma.Sql {
  const column = <T>(pick: (row: Prepared) => T) => rows.map(pick);
  return Prisma.sql`
    INSERT INTO articles (source_id, url, canonical_url, title, byline, body_text, body_html, excerpt, language,
                          published_at, fingerprint, simhash, complete)
    SELECT * FROM unnest(${column((r) => r.sourceId)}::int[], ${column((r) => r.url)}::text[], ${column((r) => r.canonicalUrl)}::text[],
                         ${column((r) => r.title)}::text[], ${column((r) => r.byline)}::text[], ${column((r) => r.body)}::text[],
                         ${column((r) => r.bodyHtml)}::text[], ${column((r) => r.excerpt)}::text[], ${column((r) => r.language)}::text[],
                         ${column((r) => r.publishedAt)}::timestamptz[], ${column((r) => r.fingerprint)}::text[],
                         ${column((r) => r.simhash)}::bigint[], ${column((r) => r.complete)}::boolean[])
    ON CONFLICT DO NOTHING
    RETURNING id, fingerprint`;
}

/**
 * One INSERT for the chunk. Rows it skips lost a race on a unique key to another writer: they become
 * duplicates of the winner. If the statement fails, each row is tried alone so a bad one fails by itself.
 */
async function insertPending(client: IngestDb, pendings: Pending[]): Promise<void> {
  if (pendings.length === 0) return;
  // One lock order for every writer, so two inserting overlapping chunks wait for each other instead of deadlocking.
  const sorted = [...pendings].sort((a, b) => (a.row.fingerprint < b.row.fingerprint ? -1 : 1));
  let inserted: { id: number; fingerprint: string }[];
  try {
    inserted = await client.$queryRaw<{ id: number; fingerprint: string }[]>(
      insertStatement(sorted.map((pending) => pending.row)),
    );
  } catch {
    inserted = [];
    for (const pending of sorted) {
      try {
        inserted.push(
          ...(await client.$queryRaw<{ id: number; fingerprint: string }[]>(insertStatement([pending.row]))),
        );
      } catch (error) {
        pending.error = describeDatabaseError(error);
      }
    }
  }
  const ids = new Map(inserted.map((row) => [row.fingerprint, row.id]));
  const lost = sorted.filter((pending) => pending.error === undefined && !ids.has(pending.row.fingerprint));
  for (const pending of sorted) pending.articleId = ids.get(pending.row.fingerprint);
  if (lost.length === 0) return;
  const known = await findKnownArticles(
    client,
    lost.map((pending) => pending.row),
  );
  for (const pending of lost) {
    pending.lostTo = findHolder(known, pending.row);
    if (!pending.lostTo) pending.error = "conflicted with an article that was deleted meanwhile; store it again";
  }
}

/** The stored article holding the item's fingerprint or canonical URL. */
function findHolder(known: StoredRow[], item: Prepared, except?: number): StoredRow | undefined {
  return known.find(
    (row) =>
      row.id !== except &&
      (row.fingerprint === item.fingerprint || (item.canonicalUrl !== null && row.canonical_url === item.canonicalUrl)),
  );
}

/** Gives a stored teaser its full text; if that text is meanwhile stored elsewhere, the item is its duplicate. */
async function completeArticle(client: IngestDb, item: Prepared, teaser: StoredRow): Promise<ItemOutcome> {
  try {
    const updated = await client.$executeRaw`
      UPDATE articles SET title = ${item.title}, body_text = ${item.body}, body_html = ${item.bodyHtml}, excerpt = ${item.excerpt},
             fingerprint = ${item.fingerprint}, simhash = ${item.simhash}, complete = true, language = ${item.language},
             byline = coalesce(${item.byline}, byline), url = coalesce(url, ${item.url}),
             canonical_url = coalesce(canonical_url, ${item.canonicalUrl}), updated_at = now()
       WHERE id = ${teaser.id}
         AND NOT EXISTS (SELECT 1 FROM articles o WHERE o.id <> ${teaser.id}
                          AND (o.fingerprint = ${item.fingerprint} OR o.canonical_url = ${item.canonicalUrl}))`;
    if (updated === 1) return { index: item.index, status: "completed", articleId: teaser.id };
    const winner = findHolder(await findKnownArticles(client, [item]), item, teaser.id);
    return winner
      ? { index: item.index, status: "duplicate", articleId: winner.id }
      : { index: item.index, status: "failed", error: "the teaser to complete was deleted meanwhile; store it again" };
  } catch (error) {
    return { index: item.index, status: "failed", error: describeDatabaseError(error) };
  }
}

async function insertLinks(client: IngestDb, links: Link[]): Promise<void> {
  const unique = new Map(
    links.map((link) => [`${link.articleId}\u0000${link.item.sourceId}\u0000${link.item.canonicalUrl ?? ""}`, link]),
  );
  if (unique.size === 0) return;
  const rows = [...unique.values()];
  // NOT EXISTS covers sightings without a URL, which the unique key (NULLs distinct) does not.
  await client.$executeRaw`
    INSERT INTO article_duplicates (article_id, source_id, url, canonical_url, title, published_at, kind, similarity)
    SELECT k.article_id, k.source_id, k.url, k.canonical_url, k.title, k.published_at, k.kind::"DuplicateKind", k.similarity
      FROM unnest(${rows.map((link) => link.articleId)}::int[], ${rows.map((link) => link.item.sourceId)}::int[],
                  ${rows.map((link) => link.item.url)}::text[], ${rows.map((link) => link.item.canonicalUrl)}::text[],
                  ${rows.map((link) => link.item.title)}::text[], ${rows.map((link) => link.item.publishedAt)}::timestamptz[],
                  ${rows.map((link) => link.kind)}::text[], ${rows.map((link) => link.similarity)}::float8[])
           AS k(article_id, source_id, url, canonical_url, title, published_at, kind, similarity)
     WHERE NOT EXISTS (SELECT 1 FROM article_duplicates d
                        WHERE d.article_id = k.article_id AND d.source_id = k.source_id
                          AND d.canonical_url IS NOT DISTINCT FROM k.canonical_url)
    ON CONFLICT DO NOTHING`;
}

/** The database's own words (e.g. `invalid byte sequence for encoding "UTF8": 0x00`), without the client's wrapping. */
function describeDatabaseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const inner = /Message: `([^`]+)`/.exec(message)?.[1] ?? message.split("\n").filter(Boolean).at(-1) ?? message;
  return `the database refused the article: ${inner}`;
}
