import "server-only";
import pg from "pg";
import Cursor from "pg-cursor";
import { Prisma } from "@/lib/generated/prisma/client";
import { buildSelection, selectRows, type Selection } from "@/lib/search/article-sql";
import { probeText, type SqlClient } from "@/lib/search/text-strategy";
import type { ArticleFilter } from "@/lib/validation/article-filter";
import type { ExportAnnotation, ExportRecord } from "@/lib/export/types";
import { loadBatchVersions } from "@/lib/data/article-versions";
import { env } from "@/lib/env";
import { resolveFilter } from "@/lib/search/resolve-filter";

// Over 300 lines: the cursor, the batch lookups and the record shape are one streaming pipeline, read top to bottom.
//
// The rows of an export, read through the list's own SQL (article-sql.ts), so an export holds exactly the
// articles the list shows for the same URL, in the list's date order. One query, read through a
// server-side cursor 250 rows at a time; each batch fetches its themes, tags and annotations in one more
// query on a second connection. At most two small batches are held at a time, so memory stays flat
// however many rows the export has. A relevance sort exports newest first: the list ranks only the
// newest matches, and an export wants them all.
//
// The export reads on its own pg connections (from DATABASE_URL), not through Prisma: a long export then
// never holds one of the app's pooled connections, and plain pg decodes rows (as arrays, without an object
// per row) several times faster than Prisma's raw queries do, which is most of an export's time.
//
// Why 250 and a cursor (scripts/bench/export.ts, 100,000 rows): keyset batches of 1,000 as plain queries
// had node promote ~2.5 MB of rows to the old generation on every scavenge, ~95-130 MB of heap before the
// first full collection; the cursor with batches of 250 keeps the heap's growth near 45 MB at the same speed.

export type ExportSelection = { filter: ArticleFilter } | { ids: number[] };

export type ExportRecordsOptions = {
  batchSize?: number;
  /** Read the full text (CSV leaves it out unless asked). */
  body?: boolean;
  /** Read every version of each article (JSON and NDJSON). */
  versions?: boolean;
  now?: Date;
};

export const DEFAULT_BATCH_SIZE = 250;

/**
 * A dedicated connection speaking the list SQL's `$queryRaw` dialect, plus `$queryArrays` (rows as
 * arrays of values: no object with named keys per row); `end` closes it.
 */
export type ExportConnection = SqlClient & {
  $queryArrays(query: Prisma.Sql): Promise<unknown[][]>;
  /** A server-side cursor over `query`, read `read(n)` rows at a time (an empty array at the end). */
  $cursor(query: Prisma.Sql): { read(rows: number): Promise<unknown[][]>; close(): Promise<void> };
  end(): Promise<void>;
};

export async function openExportConnection(url = env().DATABASE_URL): Promise<ExportConnection> {
  if (!url) throw new Error("DATABASE_URL is not set.");
  const client = new pg.Client({ connectionString: url, options: "-c jit=off" });
  await client.connect();
  return {
    $queryRaw: async <T>(query: Prisma.Sql) => (await client.query(query.text, query.values)).rows as T,
    $queryArrays: async (query: Prisma.Sql) =>
      (await client.query<unknown[]>({ text: query.text, values: query.values, rowMode: "array" })).rows,
    $cursor: (query: Prisma.Sql) => client.query(new Cursor<unknown[]>(query.text, query.values, { rowMode: "array" })),
    end: () => client.end(),
  };
}

type Walk = { keys: Prisma.Sql; descending: boolean };

async function planWalk(selection: ExportSelection, client: SqlClient, now?: Date): Promise<Walk> {
  if ("ids" in selection) {
    const ids = selection.ids;
    return {
      descending: true,
      keys: Prisma.sql`
        SELECT a.id, a.published_at FROM articles a
        WHERE a.id = ANY(${ids}::int[])
        ORDER BY a.published_at DESC, a.id DESC`,
    };
  }
  const resolved = await resolveFilter(client, { ...selection.filter, cursor: undefined }, now);
  const descending = selection.filter.sort !== "oldest";
  const order = descending ? "DESC" : "ASC";
  const textMode = resolved.tsquery ? (await probeText(client, resolved, { order })).mode : "index";
  return {
    descending,
    keys: selectRows(buildSelection(resolved, { textMode }), { order }),
  };
}

/** How many rows the export holds, counted up to `cap + 1` (more than `cap` means too many). */
export async function countExportRows(
  selection: ExportSelection,
  cap: number,
  options: { now?: Date; client?: SqlClient } = {},
): Promise<number> {
  const connection = options.client ? null : await openExportConnection();
  try {
    return await countRows(options.client ?? connection!, selection, cap, options.now);
  } finally {
    await connection?.end();
  }
}

async function countRows(client: SqlClient, selection: ExportSelection, cap: number, now?: Date): Promise<number> {
  let rows: Prisma.Sql;
  if ("ids" in selection) {
    rows = Prisma.sql`SELECT a.id FROM articles a WHERE a.id = ANY(${selection.ids}::int[]) LIMIT ${cap + 1}`;
  } else {
    const resolved = await resolveFilter(client, { ...selection.filter, cursor: undefined }, now);
    const textMode = resolved.tsquery ? (await probeText(client, resolved)).mode : "index";
    const walks: Selection = buildSelection(resolved, { textMode });
    rows = selectRows(walks, { limit: cap + 1 });
  }
  const [row] = await client.$queryRaw<{ n: number }[]>(Prisma.sql`SELECT count(*)::int AS n FROM (${rows}) c`);
  return row.n;
}

type Relations = {
  themes: Map<number, { id: number; name: string }[]>;
  tags: Map<number, { id: number; name: string }[]>;
  annotations: Map<number, ExportAnnotation[]>;
};

function push<T>(map: Map<number, T[]>, key: number, value: T) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * A batch's themes, tags and annotations in one query (one round trip): each row says which it is. Most
 * articles have few of them, so the rows are few; arrays of values keep them light.
 */
async function loadBatchRelations(client: ExportConnection, ids: number[]): Promise<Relations> {
  const rows = await client.$queryArrays(Prisma.sql`
      SELECT * FROM (
        SELECT 1 AS kind, l.article_id, t.id, t.name, NULL::text AS exact, NULL::text AS prefix, NULL::text AS suffix,
               NULL::int AS start_offset, NULL::int AS end_offset, NULL::timestamptz AS created_at,
               NULL::timestamptz AS updated_at, NULL::int AS author_id, NULL::text AS author_name, 0::bigint AS place
        FROM article_themes l JOIN themes t ON t.id = l.theme_id
        WHERE l.article_id = ANY(${ids}::int[]) AND NOT l.excluded
        UNION ALL
        SELECT 2, l.article_id, t.id, t.name, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0
        FROM article_tags l JOIN tags t ON t.id = l.tag_id
        WHERE l.article_id = ANY(${ids}::int[])
        UNION ALL
        SELECT 3, n.article_id, n.id, n.note, n.exact, n.prefix, n.suffix, n.start_offset, n.end_offset,
               n.created_at, n.updated_at, u.id, u.name,
               row_number() OVER (ORDER BY n.start_offset NULLS FIRST, n.id)
        FROM annotations n JOIN users u ON u.id = n.author_id
        WHERE n.article_id = ANY(${ids}::int[])
      ) r
      ORDER BY r.kind, r.place, r.name`);
  const relations: Relations = { themes: new Map(), tags: new Map(), annotations: new Map() };
  for (const row of rows) {
    const [kind, articleId, id, name] = row as [number, number, number, string];
    if (kind === 1) push(relations.themes, articleId, { id, name });
    else if (kind === 2) push(relations.tags, articleId, { id, name });
    else {
      const [, , , , exact, prefix, suffix, startOffset, endOffset, createdAt, updatedAt, authorId, authorName] =
        row as [
          number,
          number,
          number,
          string,
          string | null,
          string | null,
          string | null,
          number | null,
          number | null,
          Date,
          Date,
          number,
          string,
        ];
      push(relations.annotations, articleId, {
        id,
        note: name,
        exact,
        prefix,
        suffix,
        startOffset,
        endOffset,
        createdAt,
        updatedAt,
        author: { id: authorId, name: authorName },
      });
    }
  }
  return relations;
}

/**
 * Every row of the export, in the list's order, one batch at a time (an array per database read). Two
 * connections: one holds the cursor over the rows, the other reads each batch's themes, tags and notes.
 */
export async function* exportBatches(
  selection: ExportSelection,
  options: ExportRecordsOptions = {},
): AsyncGenerator<ExportRecord[]> {
  const rows = await openExportConnection();
  let relations: ExportConnection | null = null;
  try {
    relations = await openExportConnection();
    yield* readBatches(rows, relations, selection, options);
  } finally {
    await Promise.all([rows.end(), relations?.end()]);
  }
}

type BaseRow = [
  id: number,
  publishedAt: Date,
  title: string,
  url: string | null,
  byline: string | null,
  excerpt: string,
  language: string,
  reviewStatus: string,
  sourceId: number,
  sourceName: string,
  bodyText: string | null,
  versionCount: number,
  editedAt: Date | null,
  goneAt: Date | null,
];

async function* readBatches(
  client: ExportConnection,
  side: ExportConnection,
  selection: ExportSelection,
  options: ExportRecordsOptions,
): AsyncGenerator<ExportRecord[]> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const walk = await planWalk(selection, client, options.now);
  const direction = Prisma.raw(walk.descending ? "DESC" : "ASC");
  const body = options.body ? Prisma.sql`a.body_text` : Prisma.sql`NULL::text`;
  // One query read through a cursor rather than a keyset query per batch: PostgreSQL sends a batch only
  // when it is asked for, so rows never pile up ahead of the writer, and the whole export reads one
  // snapshot. (Keyset batches of plain queries made node promote ~3 MB of rows to the old generation on
  // every scavenge; the cursor's reads promote next to nothing.)
  const cursor = client.$cursor(Prisma.sql`
      SELECT k.id, k.published_at, a.title, a.url, a.byline, a.excerpt, a.language,
             a.review_status::text, s.id, s.name, ${body}, a.version_count, a.edited_at, a.gone_at
      FROM (${walk.keys}) k
      JOIN articles a ON a.id = k.id
      JOIN sources s ON s.id = a.source_id
      ORDER BY k.published_at ${direction}, k.id ${direction}`);
  // The cursor's next batch is read while this one's relations are read and written out: the two
  // connections and the writer overlap, and at most two batches are in memory.
  let next: Promise<unknown[][]> = cursor.read(batchSize);
  try {
    for (;;) {
      const rows = (await next) as BaseRow[];
      if (!rows.length) return;
      next = rows.length === batchSize ? cursor.read(batchSize) : Promise.resolve([]);
      // A client gone mid-export leaves the read ahead to settle on its own: its failure must not go unhandled.
      next.catch(() => {});
      const ids = rows.map((row) => row[0]);
      const relations = await loadBatchRelations(side, ids);
      const versions = options.versions ? await loadBatchVersions(side, ids) : null;
      yield rows.map(
        ([
          id,
          publishedAt,
          title,
          url,
          byline,
          excerpt,
          language,
          reviewStatus,
          sourceId,
          sourceName,
          bodyText,
          versionCount,
          editedAt,
          goneAt,
        ]): ExportRecord => ({
          id,
          title,
          url,
          byline,
          publishedAt,
          source: { id: sourceId, name: sourceName },
          language,
          reviewStatus,
          excerpt,
          bodyText,
          themes: relations.themes.get(id) ?? [],
          tags: relations.tags.get(id) ?? [],
          annotations: relations.annotations.get(id) ?? [],
          versionCount,
          editedAt,
          goneAt,
          ...(versions ? { versions: versions.get(id) ?? [] } : {}),
        }),
      );
      if (rows.length < batchSize) return;
    }
  } finally {
    await next.catch(() => {});
    await cursor.close();
  }
}
