import "server-only";
import pg from "pg";
import { Prisma } from "@/lib/generated/prisma/client";
import { buildSelection, resolveFilter, selectRows, type KeysetBound, type Selection } from "@/lib/search/article-sql";
import { probeText, type SqlClient } from "@/lib/search/text-strategy";
import type { ArticleFilter } from "@/lib/validation/article-filter";
import type { ExportAnnotation, ExportRecord } from "@/lib/export/types";

// The rows of an export, read in keyset batches through the list's own SQL (article-sql.ts), so an
// export holds exactly the articles the list shows for the same URL, in the list's date order. Each batch
// fetches its themes, tags and annotations with one query each; only one batch is held at a time, so
// memory stays flat however many rows the export has. A relevance sort exports newest first: the list
// ranks only the newest matches, and an export wants them all.
//
// The export reads on its own pg connection (from DATABASE_URL), not through Prisma: a long export then
// never holds one of the app's pooled connections, and plain pg decodes rows several times faster than
// Prisma's raw queries do, which is most of an export's time.

export type ExportSelection = { filter: ArticleFilter } | { ids: number[] };

export type ExportRecordsOptions = {
  batchSize?: number;
  /** Read the full text (CSV leaves it out unless asked). */
  body?: boolean;
  now?: Date;
  client?: SqlClient;
};

export const DEFAULT_BATCH_SIZE = 1_000;

/** A dedicated connection speaking the list SQL's `$queryRaw` dialect; `end` closes it. */
export async function openExportConnection(
  url = process.env.DATABASE_URL,
): Promise<SqlClient & { end(): Promise<void> }> {
  if (!url) throw new Error("DATABASE_URL is not set.");
  const client = new pg.Client({ connectionString: url, options: "-c jit=off" });
  await client.connect();
  return {
    $queryRaw: async <T>(query: Prisma.Sql) => (await client.query(query.text, query.values)).rows as T,
    end: () => client.end(),
  };
}

type Walk = { keys: (keyset: KeysetBound | undefined, limit: number) => Prisma.Sql; descending: boolean };

type BaseRow = {
  id: number;
  publishedAt: Date;
  title: string;
  url: string | null;
  byline: string | null;
  excerpt: string;
  language: string;
  reviewStatus: string;
  sourceId: number;
  sourceName: string;
  bodyText: string | null;
};

async function planWalk(selection: ExportSelection, client: SqlClient, now?: Date): Promise<Walk> {
  if ("ids" in selection) {
    const ids = selection.ids;
    return {
      descending: true,
      keys: (keyset, limit) => Prisma.sql`
        SELECT a.id, a.published_at FROM articles a
        WHERE a.id = ANY(${ids}::int[])
        ${keyset ? Prisma.sql`AND (a.published_at, a.id) < (${keyset.publishedAt}::timestamptz, ${keyset.id}::int)` : Prisma.empty}
        ORDER BY a.published_at DESC, a.id DESC LIMIT ${limit}`,
    };
  }
  const resolved = resolveFilter({ ...selection.filter, cursor: undefined }, now);
  const descending = selection.filter.sort !== "oldest";
  const order = descending ? "DESC" : "ASC";
  const textMode = resolved.tsquery ? (await probeText(client, resolved, { order })).mode : "index";
  return {
    descending,
    keys: (keyset, limit) => selectRows(buildSelection(resolved, { textMode, keyset }), { order, limit }),
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
    const resolved = resolveFilter({ ...selection.filter, cursor: undefined }, now);
    const textMode = resolved.tsquery ? (await probeText(client, resolved)).mode : "index";
    const walks: Selection = buildSelection(resolved, { textMode });
    rows = selectRows(walks, { limit: cap + 1 });
  }
  const [row] = await client.$queryRaw<{ n: number }[]>(Prisma.sql`SELECT count(*)::int AS n FROM (${rows}) c`);
  return row.n;
}

function groupBy<T extends { articleId: number }>(rows: T[]): Map<number, Omit<T, "articleId">[]> {
  const byArticle = new Map<number, Omit<T, "articleId">[]>();
  for (const { articleId, ...rest } of rows) {
    const list = byArticle.get(articleId);
    if (list) list.push(rest);
    else byArticle.set(articleId, [rest]);
  }
  return byArticle;
}

type AnnotationRow = Omit<ExportAnnotation, "author"> & { articleId: number; authorId: number; authorName: string };

async function loadBatchRelations(client: SqlClient, ids: number[]) {
  // One after another: a pg connection runs one query at a time anyway.
  const themes = await client.$queryRaw<{ articleId: number; id: number; name: string }[]>(Prisma.sql`
      SELECT l.article_id AS "articleId", t.id, t.name
      FROM article_themes l JOIN themes t ON t.id = l.theme_id
      WHERE l.article_id = ANY(${ids}::int[]) AND NOT l.excluded
      ORDER BY t.name`);
  const tags = await client.$queryRaw<{ articleId: number; id: number; name: string }[]>(Prisma.sql`
      SELECT l.article_id AS "articleId", t.id, t.name
      FROM article_tags l JOIN tags t ON t.id = l.tag_id
      WHERE l.article_id = ANY(${ids}::int[])
      ORDER BY t.name`);
  const annotations = await client.$queryRaw<AnnotationRow[]>(Prisma.sql`
      SELECT n.article_id AS "articleId", n.id, n.note, n.exact, n.prefix, n.suffix,
             n.start_offset AS "startOffset", n.end_offset AS "endOffset",
             n.created_at AS "createdAt", n.updated_at AS "updatedAt", u.id AS "authorId", u.name AS "authorName"
      FROM annotations n JOIN users u ON u.id = n.author_id
      WHERE n.article_id = ANY(${ids}::int[])
      ORDER BY n.start_offset NULLS FIRST, n.id`);
  const notes = groupBy(
    annotations.map(({ authorId, authorName, ...rest }) => ({ ...rest, author: { id: authorId, name: authorName } })),
  );
  return { themes: groupBy(themes), tags: groupBy(tags), annotations: notes };
}

/** Every row of the export, in the list's order, one batch at a time (an array per database read). */
export async function* exportBatches(
  selection: ExportSelection,
  options: ExportRecordsOptions = {},
): AsyncGenerator<ExportRecord[]> {
  const connection = options.client ? null : await openExportConnection();
  try {
    yield* readBatches(options.client ?? connection!, selection, options);
  } finally {
    await connection?.end();
  }
}

/** Every row of the export, in the list's order, one record at a time. */
export async function* exportRecords(
  selection: ExportSelection,
  options: ExportRecordsOptions = {},
): AsyncGenerator<ExportRecord> {
  for await (const batch of exportBatches(selection, options)) yield* batch;
}

async function* readBatches(
  client: SqlClient,
  selection: ExportSelection,
  options: ExportRecordsOptions,
): AsyncGenerator<ExportRecord[]> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const walk = await planWalk(selection, client, options.now);
  const direction = Prisma.raw(walk.descending ? "DESC" : "ASC");
  const body = options.body ? Prisma.sql`a.body_text` : Prisma.sql`NULL::text`;
  type Batch = { rows: BaseRow[]; relations: Awaited<ReturnType<typeof loadBatchRelations>> | null };
  const fetchBatch = async (bound: KeysetBound | undefined): Promise<Batch> => {
    const rows = await client.$queryRaw<BaseRow[]>(Prisma.sql`
      SELECT k.id, k.published_at AS "publishedAt", a.title, a.url, a.byline, a.excerpt, a.language,
             a.review_status::text AS "reviewStatus", s.id AS "sourceId", s.name AS "sourceName", ${body} AS "bodyText"
      FROM (${walk.keys(bound, batchSize)}) k
      JOIN articles a ON a.id = k.id
      JOIN sources s ON s.id = a.source_id
      ORDER BY k.published_at ${direction}, k.id ${direction}`);
    const relations = rows.length
      ? await loadBatchRelations(
          client,
          rows.map((row) => row.id),
        )
      : null;
    return { rows, relations };
  };
  // The next batch is read while this one is written out: the database and the writer overlap, and at
  // most two batches are in memory.
  let pending: Promise<Batch> | null = fetchBatch(undefined);
  while (pending) {
    const { rows, relations }: Batch = await pending;
    const last = rows[rows.length - 1];
    pending =
      rows.length === batchSize
        ? fetchBatch({ op: walk.descending ? "<" : ">", publishedAt: last.publishedAt, id: last.id })
        : null;
    // A client gone mid-export leaves the prefetch to settle on its own: its failure must not go unhandled.
    pending?.catch(() => {});
    if (!rows.length) return;
    yield rows.map((row): ExportRecord => ({
      id: row.id,
      title: row.title,
      url: row.url,
      byline: row.byline,
      publishedAt: row.publishedAt,
      source: { id: row.sourceId, name: row.sourceName },
      language: row.language,
      reviewStatus: row.reviewStatus,
      excerpt: row.excerpt,
      bodyText: row.bodyText,
      themes: relations?.themes.get(row.id) ?? [],
      tags: relations?.tags.get(row.id) ?? [],
      annotations: relations?.annotations.get(row.id) ?? [],
    }));
  }
}
