import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { SourceKind, type VersionSeenBy } from "@/lib/generated/prisma/enums";
import { NEAR_DUPLICATE_MAX_DISTANCE, NEAR_DUPLICATE_WINDOW_DAYS } from "@/lib/ingest/near-duplicate";
import type { IngestTx } from "@/lib/ingest/runs";
import { utcDay, type IngestItem, type Prepared } from "./item";
import { findHolder, type Link, type NearCandidate, type Pending, type StoredRow } from "./plan";

/** What saw the items a chunk stores: how they came (VersionSeenBy) and the run, for their versions. */
export type Sighting = { seenBy: VersionSeenBy; runId?: number };

// The store's statements. Each runs inside the chunk's transaction (lib/ingest/store/index.ts): a statement
// that fails there is rolled back to a savepoint, so one refused row never takes its chunk with it.

/** Source ids by name; unknown outlets are created as MANUAL sources, and a concurrent creator wins harmlessly. */
export async function resolveSources(
  client: Pick<IngestTx, "source">,
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

/**
 * Stored articles sharing a key with the chunk: fingerprint (of any version), canonical URL, or outlet + title
 * + day (a teaser and its text, or a text without URL and its new version), each with its versions' hashes.
 */
export async function findKnownArticles(tx: IngestTx, chunk: Prepared[]): Promise<StoredRow[]> {
  const urls = chunk.flatMap((item) => (item.canonicalUrl ? [item.canonicalUrl] : []));
  const fingerprints = chunk.map((item) => item.fingerprint);
  return tx.$queryRaw<StoredRow[]>`
    WITH k AS (
      SELECT * FROM unnest(${chunk.map((item) => item.sourceId)}::int[], ${chunk.map((item) => item.title)}::text[],
                           ${chunk.map((item) => utcDay(item.publishedAt))}::timestamptz[], ${chunk.map((item) => item.complete)}::boolean[])
               AS k(source_id, title, day, complete)
    ), m AS (
      SELECT id FROM articles WHERE fingerprint = ANY(${fingerprints}::text[])
      UNION
      SELECT article_id FROM article_versions WHERE content_hash = ANY(${fingerprints}::text[])
      UNION
      SELECT id FROM articles WHERE canonical_url = ANY(${urls}::text[])
      UNION
      -- One index range scan per outlet and day (a chunk spans a few dozen), then titles matched in memory.
      SELECT a.id
        FROM (SELECT DISTINCT source_id, day FROM k) d
        CROSS JOIN LATERAL (
          SELECT a.id, a.source_id, a.title, a.published_at, a.complete FROM articles a
           WHERE a.source_id = d.source_id AND a.published_at >= d.day AND a.published_at < d.day + interval '1 day'
          OFFSET 0
        ) a
        JOIN k ON k.source_id = a.source_id AND k.day = d.day AND k.title = a.title
    )
    SELECT a.id, a.source_id, a.canonical_url, a.fingerprint, a.title, a.published_at, a.complete,
           coalesce((SELECT array_agg(v.content_hash) FROM article_versions v WHERE v.article_id = a.id), '{}') AS version_hashes
      FROM m JOIN articles a ON a.id = m.id`;
}

/** Complete stored articles within the window whose SimHash is close to a new text's (`idx` indexes `eligible`). */
export async function findNearCandidates(tx: IngestTx, eligible: Pending[]): Promise<NearCandidate[]> {
  if (eligible.length === 0) return [];
  // Sorted by the caller rather than here: a sort lifts the plan's estimated cost over PostgreSQL's JIT
  // threshold, and compiling costs more than the whole query.
  return tx.$queryRaw<NearCandidate[]>`
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
}

function insertStatement(rows: Prepared[]): Prisma.Sql {
  const column = <T>(pick: (row: Prepared) => T) => rows.map(pick);
  return Prisma.sql`
    INSERT INTO articles (source_id, url, canonical_url, title, byline, body_text, body_html, excerpt, language,
                          published_at, fingerprint, simhash, complete, published_at_estimated)
    SELECT * FROM unnest(${column((r) => r.sourceId)}::int[], ${column((r) => r.url)}::text[], ${column((r) => r.canonicalUrl)}::text[],
                         ${column((r) => r.title)}::text[], ${column((r) => r.byline)}::text[], ${column((r) => r.body)}::text[],
                         ${column((r) => r.bodyHtml)}::text[], ${column((r) => r.excerpt)}::text[], ${column((r) => r.language)}::text[],
                         ${column((r) => r.publishedAt)}::timestamptz[], ${column((r) => r.fingerprint)}::text[],
                         ${column((r) => r.simhash)}::bigint[], ${column((r) => r.complete)}::boolean[],
                         ${column((r) => r.undated)}::boolean[])
    ON CONFLICT DO NOTHING
    RETURNING id, fingerprint`;
}

/** Runs `statement` so that its failure leaves the transaction usable (and throws as usual). */
async function underSavepoint<T>(tx: IngestTx, statement: () => Promise<T>): Promise<T> {
  await tx.$executeRaw`SAVEPOINT store_statement`;
  try {
    const result = await statement();
    await tx.$executeRaw`RELEASE SAVEPOINT store_statement`;
    return result;
  } catch (error) {
    await tx.$executeRaw`ROLLBACK TO SAVEPOINT store_statement`;
    throw error;
  }
}

/**
 * One INSERT for the chunk. Rows it skips lost a race on a unique key to another writer: they become
 * duplicates of the winner. If the statement fails, each row is tried alone so a bad one fails by itself.
 */
export async function insertPending(tx: IngestTx, pendings: Pending[]): Promise<void> {
  if (pendings.length === 0) return;
  // One lock order for every writer, so two inserting overlapping chunks wait for each other instead of deadlocking.
  const sorted = [...pendings].sort((a, b) => (a.row.fingerprint < b.row.fingerprint ? -1 : 1));
  type Inserted = { id: number; fingerprint: string };
  let inserted: Inserted[];
  try {
    inserted = await underSavepoint(tx, () =>
      tx.$queryRaw<Inserted[]>(insertStatement(sorted.map((pending) => pending.row))),
    );
  } catch {
    inserted = [];
    for (const pending of sorted) {
      try {
        inserted.push(...(await underSavepoint(tx, () => tx.$queryRaw<Inserted[]>(insertStatement([pending.row])))));
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
    tx,
    lost.map((pending) => pending.row),
  );
  for (const pending of lost) {
    pending.lostTo = findHolder(known, pending.row);
    if (!pending.lostTo) pending.error = "conflicted with an article that was deleted meanwhile; store it again";
  }
}

/** Gives a stored teaser its full text; if that text is meanwhile stored elsewhere, the item is its duplicate. */
export async function completeTeaser(
  tx: IngestTx,
  item: Prepared,
  teaser: StoredRow,
): Promise<{ status: "completed" | "duplicate"; articleId: number } | { status: "failed"; error: string }> {
  try {
    const updated = await underSavepoint(
      tx,
      () => tx.$executeRaw`
      UPDATE articles SET title = ${item.title}, body_text = ${item.body}, body_html = ${item.bodyHtml}, excerpt = ${item.excerpt},
             fingerprint = ${item.fingerprint}, simhash = ${item.simhash}, complete = true, language = ${item.language},
             byline = coalesce(${item.byline}, byline), url = coalesce(url, ${item.url}),
             canonical_url = coalesce(canonical_url, ${item.canonicalUrl}), last_seen_at = now(), updated_at = now()
       WHERE id = ${teaser.id}
         AND NOT EXISTS (SELECT 1 FROM articles o WHERE o.id <> ${teaser.id}
                          AND (o.fingerprint = ${item.fingerprint} OR o.canonical_url = ${item.canonicalUrl}))`,
    );
    if (updated === 1) {
      // A teaser stood in for the text still to come: its version takes the text, it is not an edit.
      await tx.$executeRaw`
        UPDATE article_versions v SET title = a.title, body_text = a.body_text, body_html = a.body_html,
               content_hash = a.fingerprint
          FROM articles a WHERE a.id = ${teaser.id} AND v.article_id = a.id AND v.version = a.version_count`;
      return { status: "completed", articleId: teaser.id };
    }
    const winner = findHolder(await findKnownArticles(tx, [item]), item, teaser.id);
    return winner
      ? { status: "duplicate", articleId: winner.id }
      : { status: "failed", error: "the teaser to complete was deleted meanwhile; store it again" };
  } catch (error) {
    return { status: "failed", error: describeDatabaseError(error) };
  }
}

export async function insertLinks(tx: IngestTx, links: Link[]): Promise<void> {
  const unique = new Map(
    links.map((link) => [`${link.articleId}\u0000${link.item.sourceId}\u0000${link.item.canonicalUrl ?? ""}`, link]),
  );
  if (unique.size === 0) return;
  const rows = [...unique.values()];
  // NOT EXISTS covers sightings without a URL, which the unique key (NULLs distinct) does not.
  await tx.$executeRaw`
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

/** What saw the chunk's items, for the version 1 the articles' insert trigger writes (migration 20261203005000). */
export async function markSighting(tx: IngestTx, sighting: Sighting): Promise<void> {
  await tx.$executeRaw`SELECT set_config('presswatch.seen_by', ${sighting.seenBy}, true),
                              set_config('presswatch.run_id', ${sighting.runId === undefined ? "" : String(sighting.runId)}, true)`;
}

/**
 * Makes the item the article's new version: the article takes its title and text (the earlier title is kept
 * for the search), and a version row records it with what saw it. The article's row is locked first, so two
 * writers with two versions of one article number them one after the other. When another article holds the
 * text already, the item is its duplicate; when the article holds it (a writer got there first), the article's.
 */
export async function storeVersion(
  tx: IngestTx,
  item: Prepared,
  articleId: number,
  sighting: Sighting,
): Promise<
  | { status: "updated"; articleId: number; version: number }
  | { status: "duplicate"; articleId: number }
  | { status: "failed"; error: string }
> {
  try {
    return await underSavepoint(tx, async () => {
      const [current] = await tx.$queryRaw<{ fingerprint: string }[]>`
        SELECT fingerprint FROM articles WHERE id = ${articleId} FOR UPDATE`;
      if (!current) throw new Error("the article was deleted meanwhile; store it again");
      const [holder] = await tx.$queryRaw<{ id: number }[]>`
        SELECT id FROM articles WHERE fingerprint = ${item.fingerprint}
        UNION ALL
        SELECT article_id FROM article_versions WHERE article_id = ${articleId} AND content_hash = ${item.fingerprint}
        LIMIT 1`;
      if (holder) return { status: "duplicate" as const, articleId: holder.id };
      const [updated] = await tx.$queryRaw<{ version_count: number }[]>`
        UPDATE articles SET title = ${item.title}, body_text = ${item.body}, body_html = ${item.bodyHtml}, excerpt = ${item.excerpt},
               fingerprint = ${item.fingerprint}, simhash = ${item.simhash}, byline = coalesce(${item.byline}, byline),
               previous_titles = CASE WHEN title = ${item.title} OR position(E'\\n' || title || E'\\n' IN E'\\n' || previous_titles) > 0
                                      THEN previous_titles
                                      ELSE previous_titles || title || E'\\n' END,
               version_count = version_count + 1, edited_at = now(), last_seen_at = now(), updated_at = now()
         WHERE id = ${articleId}
        RETURNING version_count`;
      const url = item.canonicalUrl === null ? null : item.url;
      await tx.$executeRaw`
        INSERT INTO article_versions (article_id, version, title, body_text, body_html, image_hashes, content_hash, url, seen_by, run_id)
        SELECT ${articleId}, ${updated.version_count}, ${item.title}, ${item.body}, ${item.bodyHtml}, ${item.imageHashes}::text[],
               ${item.fingerprint}, CASE WHEN ${url}::text IS DISTINCT FROM a.url THEN ${url}::text END,
               ${sighting.seenBy}::"VersionSeenBy", ${sighting.runId ?? null}::int
          FROM articles a WHERE a.id = ${articleId}`;
      return { status: "updated" as const, articleId, version: updated.version_count };
    });
  } catch (error) {
    return { status: "failed", error: describeDatabaseError(error) };
  }
}

/** The database's own words (e.g. `string is too long for tsvector`), without the client's wrapping. */
export function describeDatabaseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const inner = /Message: `([^`]+)`/.exec(message)?.[1] ?? message.split("\n").filter(Boolean).at(-1) ?? message;
  return `the database refused the article: ${inner}`;
}
