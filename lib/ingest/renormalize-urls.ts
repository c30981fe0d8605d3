import "server-only";
import { db } from "@/lib/db";
import { normalizeUrl } from "@/lib/ingest/normalize-url";
import type { IngestDb } from "@/lib/ingest/runs";

// Recomputes the stored canonical URLs (articles and their "also published by" sightings) from the URLs as
// received, after normalizeUrl changed. Identity lives in canonical_url: an article stored under the old
// form would otherwise not be found by the new one, and a ?ref= the old form dropped would keep merging two
// stories. Idempotent: a second run changes nothing.
//
// Where two stored rows now share a canonical URL (two spellings of one page stored twice under the old
// form), the row that already holds it, else the oldest, gets it; the others keep their old form, so no
// row loses its identity and no unique key breaks, and they are reported for an admin to merge.

const BATCH = 5000;

export type Collision = { id: number; url: string; canonicalUrl: string; wanted: string };
export type TableResult = { checked: number; changed: number; collisions: Collision[] };
export type RenormalizeResult = { articles: TableResult; duplicates: TableResult };

type Row = { id: number; url: string; canonical_url: string | null; scope: string };
type Change = Row & { wanted: string };

export async function renormalizeCanonicalUrls(
  options: { dryRun?: boolean; db?: IngestDb } = {},
): Promise<RenormalizeResult> {
  const client = options.db ?? db;
  const dryRun = options.dryRun ?? false;
  return {
    articles: await renormalizeTable(client, "articles", dryRun),
    duplicates: await renormalizeTable(client, "article_duplicates", dryRun),
  };
}

async function renormalizeTable(
  client: IngestDb,
  table: "articles" | "article_duplicates",
  dryRun: boolean,
): Promise<TableResult> {
  let checked = 0;
  const changes: Change[] = [];
  for (let after = 0; ;) {
    const rows = await readRows(client, table, after);
    if (rows.length === 0) break;
    checked += rows.length;
    after = rows.at(-1)!.id;
    for (const row of rows) {
      const wanted = normalizeUrl(row.url);
      if (wanted !== null && wanted !== row.canonical_url) changes.push({ ...row, wanted });
    }
  }
  const { granted, collisions } = await allot(client, table, changes);
  const blocked = dryRun ? [] : await apply(client, table, granted);
  return {
    checked,
    changed: granted.length - blocked.length,
    collisions: [...collisions, ...blocked.map(toCollision)],
  };
}

/** A sighting's canonical URL is unique per article and outlet; an article's is unique outright. */
async function readRows(client: IngestDb, table: string, after: number): Promise<Row[]> {
  return table === "articles"
    ? client.$queryRaw<Row[]>`SELECT id, url, canonical_url, '' AS scope FROM articles
                               WHERE url IS NOT NULL AND id > ${after} ORDER BY id LIMIT ${BATCH}`
    : client.$queryRaw<
        Row[]
      >`SELECT id, url, canonical_url, article_id || ':' || source_id AS scope FROM article_duplicates
                               WHERE url IS NOT NULL AND id > ${after} ORDER BY id LIMIT ${BATCH}`;
}

/** Which changes may take their new form: not when a row that keeps its form holds it, and only the oldest of several. */
async function allot(
  client: IngestDb,
  table: string,
  changes: Change[],
): Promise<{ granted: Change[]; collisions: Collision[] }> {
  const key = (scope: string, url: string) => `${scope}\u0000${url}`;
  const moving = new Set(changes.map((change) => change.id));
  const wanted = [...new Set(changes.map((change) => change.wanted))];
  const holders =
    wanted.length === 0
      ? []
      : table === "articles"
        ? await client.$queryRaw<Row[]>`SELECT id, url, canonical_url, '' AS scope FROM articles
                                         WHERE canonical_url = ANY(${wanted}::text[])`
        : await client.$queryRaw<Row[]>`SELECT id, url, canonical_url, article_id || ':' || source_id AS scope
                                          FROM article_duplicates WHERE canonical_url = ANY(${wanted}::text[])`;
  const taken = new Map<string, number>();
  for (const holder of holders)
    if (!moving.has(holder.id)) taken.set(key(holder.scope, holder.canonical_url!), holder.id);
  const granted: Change[] = [];
  const collisions: Collision[] = [];
  for (const change of [...changes].sort((a, b) => a.id - b.id)) {
    const slot = key(change.scope, change.wanted);
    if (taken.has(slot)) {
      collisions.push(toCollision(change));
    } else {
      taken.set(slot, change.id);
      granted.push(change);
    }
  }
  return { granted, collisions };
}

/**
 * Rows may swap forms (A takes B's old form while B moves on), so each pass updates the rows whose new form
 * is free and repeats until none are left. Each row is right on its own, so a run cut short is finished by
 * the next; a writer that takes a form meanwhile keeps it. Returns the rows that stayed blocked.
 */
async function apply(client: IngestDb, table: string, granted: Change[]): Promise<Change[]> {
  let pending = granted;
  while (pending.length > 0) {
    const ids = pending.map((change) => change.id);
    const urls = pending.map((change) => change.wanted);
    const updated =
      table === "articles"
        ? await client.$queryRaw<{ id: number }[]>`
            UPDATE articles a SET canonical_url = c.url FROM unnest(${ids}::int[], ${urls}::text[]) AS c(id, url)
             WHERE a.id = c.id AND NOT EXISTS (SELECT 1 FROM articles o WHERE o.canonical_url = c.url)
            RETURNING a.id`
        : await client.$queryRaw<{ id: number }[]>`
            UPDATE article_duplicates d SET canonical_url = c.url FROM unnest(${ids}::int[], ${urls}::text[]) AS c(id, url)
             WHERE d.id = c.id AND NOT EXISTS (SELECT 1 FROM article_duplicates o WHERE o.canonical_url = c.url
                                                 AND o.article_id = d.article_id AND o.source_id = d.source_id)
            RETURNING d.id`;
    const done = new Set(updated.map((row) => row.id));
    const left = pending.filter((change) => !done.has(change.id));
    if (left.length === pending.length) return left;
    pending = left;
  }
  return [];
}

function toCollision(change: Change): Collision {
  return { id: change.id, url: change.url, canonicalUrl: change.canonical_url ?? "", wanted: change.wanted };
}
