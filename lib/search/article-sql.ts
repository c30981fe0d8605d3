import { Prisma } from "@/lib/generated/prisma/client";
import type { SearchExpansion } from "@/lib/search/expand-query";
import type { SearchQuery } from "@/lib/search/query-syntax";
import type { ArticleFilter } from "@/lib/validation/article-filter";

// Over 300 lines: every filter condition and the index each walks are kept together, so list, count, facets and timeline agree.
//
// The article filter as SQL, shared by the list, the count, the facets and the timeline.
//
// Every query walks an index in list order and stops early:
//  - a theme or tag filter walks its link table's (x_id, published_at DESC, article_id DESC) index, which
//    carries a copy of the date. Several ids ("any of") make one complete query per id, each cut to the
//    rows asked for, merged and de-duplicated: PostgreSQL cannot merge the walks of a UNION ALL by itself
//    (a branch's `theme_id = 1` does not make the index's leading column constant for the merge), and
//    falls back to sorting every link row of every id (270,000 for two themes: 0.6 s);
//  - otherwise articles' own (published_at DESC, id DESC) index (or the source/status ones: planner's choice).
// The full-text condition is either `search @@ q` (INDEXED_SEARCH below), which lets the planner use the GIN index (right for
// selective searches), or `ts_match_vq(search, q)`, which it cannot index, so the date-ordered walk drives
// (right for common terms: a GIN bitmap over a sixth of the table rechecks every TOASTed tsvector, ~3 s).
// A search with phrases (a name in ten spellings) goes one step further in index mode: the GIN index finds the
// articles holding the phrases' words in any order (`looseTsquery`, no recheck needed), and the phrases are
// checked only on those a walk in list order reaches, until it has its rows (selectRows).

export type TextMode = "index" | "walk";
export type LinkTable = "article_themes" | "article_tags";
export type FacetDimension = "themes" | "sources" | "tags";

export type ResolvedFilter = {
  /** The search with every spelling the names register adds (expand-query.ts). */
  search: SearchQuery | null;
  tsquery: Prisma.Sql | null;
  /** The search without word order or exclusions (a superset the index answers alone), when it has phrases. */
  looseTsquery: Prisma.Sql | null;
  /** Words in over a fifth of the articles (common-words.ts): left out of the index's loose query and the snippet's anchors. */
  commonWords?: string[];
  /** The search as typed, without the spellings the register added: what relevance measures proximity with. */
  typedTsquery: Prisma.Sql | null;
  /** Each clause's tsquery (clauseTsquerySqls) and the snippet's passage query (passageTsquerySql), when computed ahead. */
  clauseTsqueries?: Prisma.Sql[];
  passageTsquery?: Prisma.Sql | null;
  /** What the register added and why part of the search finds nothing: for the desk to show. */
  expansion?: Pick<SearchExpansion, "expansions" | "notes">;
  from?: Date;
  toExclusive?: Date;
  themes?: number[];
  sources?: number[];
  tags?: number[];
  tagMode: ArticleFilter["tagMode"];
  status?: NonNullable<ArticleFilter["status"]>;
  annotated?: boolean;
  hideUndated?: boolean;
  /** Leave out teasers whose full text has not arrived (the desk's default). */
  hideTeasers?: boolean;
  /** One reader's read marks (article_reads). */
  read?: { state: "read" | "unread"; readerId: number };
  language?: string[];
  /** Changed at the source within these bounds (which then replace the publication dates above). */
  changed?: { kinds: ArticleFilter["changed"] & {}; from?: Date; toExclusive?: Date };
};

/** The search's loose form as the filter's search (the articles holding its words in any order); itself without one. */
export function looseFilter(filter: ResolvedFilter): ResolvedFilter {
  return filter.looseTsquery ? { ...filter, tsquery: filter.looseTsquery, looseTsquery: null } : filter;
}

/** Keyset bound on the walk's (published_at, id): rows strictly after or before it in walk order. */
export type KeysetBound = { op: "<" | ">"; publishedAt: Date; id: number };

/** One walk: `a` is always the article row, `d` the link row when a link table drives. */
type Branch = {
  from: Prisma.Sql;
  where: Prisma.Sql;
  /**
   * The link table alone, when nothing but the link row is checked: counting and bucketing then never
   * join articles (every link row has its article: foreign key, cascading delete).
   */
  linkOnly: Prisma.Sql | null;
  /**
   * Index mode with phrases: `where` with the phrases left out (the index answers it alone), and the phrase check
   * on `a`, for a walk that checks phrases only on the rows it reaches.
   */
  deferred: { where: Prisma.Sql; exact: Prisma.Sql } | null;
};

export type Selection = {
  /** What the walks read in order: articles, or a link table. */
  driver: "articles" | LinkTable;
  branches: Branch[];
  /** Each walk's date and id columns, the same in every branch. */
  walkAt: Prisma.Sql;
  walkId: Prisma.Sql;
  /**
   * The whole selection as one `FROM ... WHERE` over `a`, with its date and id columns, for a caller that
   * reads it all: several walks come merged, unordered and uncut, as `u`. selectRows is the fast way.
   */
  from: Prisma.Sql;
  where: Prisma.Sql;
  keyAt: Prisma.Sql;
  keyId: Prisma.Sql;
};

/** A cheap condition on the article id, checked before anything else on a row (a sampling gate). */
export type Gate = (articleId: Prisma.Sql) => Prisma.Sql;

export type SelectionOptions = {
  textMode: TextMode;
  /** Leave this dimension's filter out (a facet counts under the other filters). */
  omit?: FacetDimension;
  keyset?: KeysetBound;
  /** Walk articles even for a theme or tag filter (checked per row), e.g. to sample the table. */
  articlesDriver?: boolean;
  gate?: Gate;
  /** Index mode: only the articles of the first `sampleBuckets` of the SAMPLE_BUCKETS hash lexemes. */
  sampleBuckets?: number;
};

const conjunction = (parts: Prisma.Sql[]) => (parts.length ? Prisma.join(parts, " AND ") : Prisma.sql`TRUE`);

function oneOrAny(column: Prisma.Sql, ids: number[]): Prisma.Sql {
  return ids.length === 1 ? Prisma.sql`${column} = ${ids[0]}` : Prisma.sql`${column} = ANY(${ids}::int[])`;
}

function linkId(table: LinkTable): Prisma.Sql {
  return table === "article_themes" ? Prisma.raw("theme_id") : Prisma.raw("tag_id");
}

/** Exclusions by hand (`excluded`) are decisions that the theme does not apply: they never count. */
function linkLive(table: LinkTable, alias: string): Prisma.Sql[] {
  return table === "article_themes" ? [Prisma.sql`NOT ${Prisma.raw(alias)}.excluded`] : [];
}

/**
 * A primary-key probe per row. OFFSET 0 keeps PostgreSQL from turning the EXISTS into a semi-join, which
 * it may run as a hash of every link of a popular theme (240,000 rows) to check a few thousand articles,
 * and which cannot stop early for a page.
 */
function linkExists(table: LinkTable, ids: number[]): Prisma.Sql {
  const parts = [
    Prisma.sql`x.article_id = a.id`,
    oneOrAny(Prisma.sql`x.${linkId(table)}`, ids),
    ...linkLive(table, "x"),
  ];
  return Prisma.sql`EXISTS (SELECT 1 FROM ${Prisma.raw(table)} x WHERE ${conjunction(parts)} OFFSET 0)`;
}

function rangeAndKeyset(
  at: Prisma.Sql,
  id: Prisma.Sql,
  filter: ResolvedFilter,
  keyset?: KeysetBound,
  /** The GIN index cuts by year already: the bounds are checked per row, never ANDed from the date index. */
  yearsIndexed = false,
): Prisma.Sql[] {
  const parts: Prisma.Sql[] = [];
  // Left usable, the planner ANDs a bitmap of every article in the years (130,000 date-index entries for four
  // years: 7 ms) with the GIN index's few hundred, which already hold only those years.
  const bounded = yearsIndexed ? Prisma.sql`(${at} + interval '0 s')` : at;
  if (filter.from) parts.push(Prisma.sql`${bounded} >= ${filter.from}::timestamptz`);
  if (filter.toExclusive) parts.push(Prisma.sql`${bounded} < ${filter.toExclusive}::timestamptz`);
  if (keyset) {
    const bound = Prisma.sql`(${keyset.publishedAt}::timestamptz, ${keyset.id}::int)`;
    parts.push(Prisma.sql`(${at}, ${id}) ${Prisma.raw(keyset.op)} ${bound}`);
  }
  return parts;
}

/**
 * What the GIN index holds for each article (migration 20261203010000): its search vector, plus a lexeme for its
 * year (`~y2017`) and one for a sixteenth of the articles by a hash of the id (`~s0` to `~s15`), which no search
 * can produce (the parser never keeps a `~`). A search within some years asks the index for those years' lexemes
 * too, so the index intersects the word's postings with the years' instead of handing every match of thirty years
 * to the heap to be dated; a sampling timeline asks for some of the hash lexemes in the same way.
 */
export const INDEXED_SEARCH = Prisma.sql`article_search_key(a.search, a.published_at, a.id)`;
/** Lexeme buckets of the hash sample (the `& 15` in article_search_key). */
export const SAMPLE_BUCKETS = 16;
/** A date range over more years than this is left to the heap: the OR of its years would cut little. */
const MAX_YEAR_LEXEMES = 8;

/** The years a date range touches, as the index's year lexemes ORed, or null when unbounded or too long. */
export function yearLexemes(from: Date | undefined, toExclusive: Date | undefined): string | null {
  if (!from || !toExclusive || toExclusive <= from) return null;
  const first = from.getUTCFullYear();
  const last = new Date(toExclusive.getTime() - 1).getUTCFullYear();
  if (last - first + 1 > MAX_YEAR_LEXEMES) return null;
  const years: string[] = [];
  for (let year = first; year <= last; year++) years.push(`'~y${year}'`);
  return years.join(" | ");
}

/** The first `buckets` of the SAMPLE_BUCKETS hash lexemes, ORed: a deterministic 1/16th-step sample. */
export function sampleLexemes(buckets: number): string {
  return Array.from({ length: Math.max(1, Math.min(buckets, SAMPLE_BUCKETS)) }, (_, i) => `'~s${i}'`).join(" | ");
}

/** `tsquery` as the GIN index answers it, cut to the filter's years and to a sample of the index's hash lexemes. */
function indexedMatch(filter: ResolvedFilter, tsquery: Prisma.Sql, sampleBuckets?: number): Prisma.Sql {
  const cuts = [
    yearLexemes(filter.from, filter.toExclusive),
    sampleBuckets === undefined ? null : sampleLexemes(sampleBuckets),
  ].filter((cut): cut is string => cut !== null);
  if (!cuts.length) return Prisma.sql`${INDEXED_SEARCH} @@ ${tsquery}`;
  const query = cuts.reduce((sql, cut) => Prisma.sql`(${sql} && ${cut}::tsquery)`, tsquery);
  // An empty query (stop words only) matches nothing, where ANDed with the cuts it would match all they name; the
  // check is on constants, which PostgreSQL makes once per statement.
  return Prisma.sql`numnode(${tsquery}) > 0 AND ${INDEXED_SEARCH} @@ ${query}`;
}

function textCondition(filter: ResolvedFilter, mode: TextMode, sampleBuckets?: number): Prisma.Sql | null {
  if (!filter.tsquery) return null;
  if (mode === "walk") return Prisma.sql`ts_match_vq(a.search, ${filter.tsquery})`;
  return filter.looseTsquery
    ? Prisma.sql`${indexedMatch(filter, filter.looseTsquery, sampleBuckets)} AND ts_match_vq(a.search, ${filter.tsquery})`
    : indexedMatch(filter, filter.tsquery, sampleBuckets);
}

/** The index mode's condition without its phrase check, and the check, when there are phrases to defer. */
function deferredText(
  filter: ResolvedFilter,
  mode: TextMode,
  sampleBuckets?: number,
): { loose: Prisma.Sql; exact: Prisma.Sql } | null {
  if (mode !== "index" || !filter.tsquery || !filter.looseTsquery) return null;
  return {
    loose: indexedMatch(filter, filter.looseTsquery, sampleBuckets),
    exact: Prisma.sql`ts_match_vq(a.search, ${filter.tsquery})`,
  };
}

/** Edited or gone at the source within the bounds: one index (edited_at, gone_at) range per kind. */
function changedCondition(changed: NonNullable<ResolvedFilter["changed"]>): Prisma.Sql {
  const within = (column: Prisma.Sql) =>
    conjunction([
      Prisma.sql`${column} IS NOT NULL`,
      ...(changed.from ? [Prisma.sql`${column} >= ${changed.from}::timestamptz`] : []),
      ...(changed.toExclusive ? [Prisma.sql`${column} < ${changed.toExclusive}::timestamptz`] : []),
    ]);
  const parts = changed.kinds.map((kind) =>
    within(kind === "edited" ? Prisma.sql`a.edited_at` : Prisma.sql`a.gone_at`),
  );
  return Prisma.sql`(${Prisma.join(parts, " OR ")})`;
}

/**
 * Conditions on `a` for sources, status, language, annotations, undated items, and the themes and tags
 * not driving. Each is checked per row of the date-ordered walk, which stays on its index: undated items
 * are few, so leaving them out costs the walk almost nothing.
 */
function articleConditions(filter: ResolvedFilter, driving: LinkTable | null): Prisma.Sql[] {
  const parts: Prisma.Sql[] = [];
  if (filter.sources) parts.push(oneOrAny(Prisma.sql`a.source_id`, filter.sources));
  if (filter.status) {
    parts.push(
      filter.status.length === 1
        ? Prisma.sql`a.review_status = ${filter.status[0]}::"ReviewStatus"`
        : Prisma.sql`a.review_status = ANY(${filter.status}::"ReviewStatus"[])`,
    );
  }
  if (filter.language) parts.push(Prisma.sql`a.language = ANY(${filter.language}::text[])`);
  if (filter.hideUndated) parts.push(Prisma.sql`NOT a.published_at_estimated`);
  if (filter.changed) parts.push(changedCondition(filter.changed));
  if (filter.hideTeasers) parts.push(Prisma.sql`a.complete`);
  if (filter.read) {
    const opened = Prisma.sql`EXISTS (SELECT 1 FROM article_reads r WHERE r.article_id = a.id AND r.user_id = ${filter.read.readerId})`;
    parts.push(filter.read.state === "read" ? opened : Prisma.sql`NOT ${opened}`);
  }
  if (filter.annotated !== undefined) {
    const exists = Prisma.sql`EXISTS (SELECT 1 FROM annotations n WHERE n.article_id = a.id)`;
    parts.push(filter.annotated ? exists : Prisma.sql`NOT ${exists}`);
  }
  if (filter.themes && driving !== "article_themes") parts.push(linkExists("article_themes", filter.themes));
  if (filter.tags) {
    if (filter.tagMode === "none") parts.push(Prisma.sql`NOT ${linkExists("article_tags", filter.tags)}`);
    // Driving from the first tag of "all of" leaves the others to check per row.
    else if (filter.tagMode === "all") {
      const rest = driving === "article_tags" ? filter.tags.slice(1) : filter.tags;
      parts.push(...rest.map((tag) => linkExists("article_tags", [tag])));
    } else if (driving !== "article_tags") parts.push(linkExists("article_tags", filter.tags));
  }
  return parts;
}

/**
 * The walks that select the articles matching `filter` (less the `omit` dimension, for facets),
 * optionally bounded by a keyset. Turn it into rows with selectRows.
 */
export function buildSelection(filter: ResolvedFilter, options: SelectionOptions): Selection {
  const { textMode, omit, keyset, gate, sampleBuckets } = options;
  const effective: ResolvedFilter = {
    ...filter,
    tags: omit === "tags" ? undefined : filter.tags,
    themes: omit === "themes" ? undefined : filter.themes,
    sources: omit === "sources" ? undefined : filter.sources,
  };
  const text = textCondition(filter, textMode, sampleBuckets);
  const deferred = gate ? null : deferredText(filter, textMode, sampleBuckets);

  const table: LinkTable | null = options.articlesDriver
    ? null
    : effective.tags && effective.tagMode !== "none"
      ? "article_tags"
      : effective.themes
        ? "article_themes"
        : null;
  if (table) {
    const ids = table === "article_tags" ? effective.tags! : effective.themes!;
    const walked = table === "article_tags" && effective.tagMode === "all" ? ids.slice(0, 1) : ids;
    const others = articleConditions(effective, table);
    const conditions = [...others, ...(text ? [text] : [])];
    const column = linkId(table);
    const branches = walked.map((id): Branch => {
      const parts = [
        Prisma.sql`d.${column} = ${id}`,
        ...linkLive(table, "d"),
        ...rangeAndKeyset(Prisma.sql`d.published_at`, Prisma.sql`d.article_id`, effective, keyset),
        ...(gate ? [gate(Prisma.sql`d.article_id`)] : []),
      ];
      const linkOnly = Prisma.sql`${Prisma.raw(table)} d WHERE ${conjunction(parts)}`;
      return {
        from: Prisma.sql`${Prisma.raw(table)} d JOIN articles a ON a.id = d.article_id`,
        where: conjunction([...parts, ...conditions]),
        linkOnly: conditions.length ? null : linkOnly,
        deferred: deferred
          ? { where: conjunction([...parts, ...others, deferred.loose]), exact: deferred.exact }
          : null,
      };
    });
    return withWhole({ driver: table, branches, walkAt: Prisma.sql`d.published_at`, walkId: Prisma.sql`d.article_id` });
  }

  // PostgreSQL orders conditions by estimated cost, and a gate's arithmetic looks dearer than the text
  // match: CASE makes the gate run first, so the TOAST read happens only for rows that pass it. (A gate is for
  // walks: in index mode the index's hash lexemes sample instead, `sampleBuckets`, before any heap row is read.)
  const gated = gate?.(Prisma.sql`a.id`);
  const textParts = text ? [gated ? Prisma.sql`CASE WHEN ${gated} THEN ${text} ELSE false END` : text] : [];
  const yearsIndexed =
    textMode === "index" && Boolean(filter.tsquery) && yearLexemes(filter.from, filter.toExclusive) !== null;
  const base = [
    ...rangeAndKeyset(Prisma.sql`a.published_at`, Prisma.sql`a.id`, effective, keyset, yearsIndexed),
    ...(gated ? [gated] : []),
    ...articleConditions(effective, null),
  ];
  const where = conjunction([...base, ...textParts]);
  return withWhole({
    driver: "articles",
    branches: [
      {
        from: Prisma.sql`articles a`,
        where,
        linkOnly: null,
        deferred: deferred ? { where: conjunction([...base, deferred.loose]), exact: deferred.exact } : null,
      },
    ],
    walkAt: Prisma.sql`a.published_at`,
    walkId: Prisma.sql`a.id`,
  });
}

type Walks = Pick<Selection, "driver" | "branches" | "walkAt" | "walkId">;

function withWhole(walks: Walks): Selection {
  if (walks.branches.length === 1) {
    const [branch] = walks.branches;
    return { ...walks, from: branch.from, where: branch.where, keyAt: walks.walkAt, keyId: walks.walkId };
  }
  return {
    ...walks,
    from: Prisma.sql`(${selectRows(walks)}) u JOIN articles a ON a.id = u.id`,
    where: Prisma.sql`TRUE`,
    keyAt: Prisma.sql`u.published_at`,
    keyId: Prisma.sql`u.id`,
  };
}

export type RowsOptions = {
  /** More output columns, each aliased (`a.search AS search`); the rows always carry `id` and `published_at`. */
  columns?: Prisma.Sql;
  /** Walk order; without it the rows come in no particular order. */
  order?: "DESC" | "ASC";
  limit?: number;
  /** Read the link table alone where the selection allows (no extra columns then). */
  linkOnly?: boolean;
  /** Replaces `articles a` in an articles walk, e.g. with a TABLESAMPLE. */
  articlesFrom?: Prisma.Sql;
  /** Several walks: keep an article once per walk (for the planner's row estimate, which de-duplicating hides). */
  duplicates?: boolean;
};

/**
 * The selection's rows as one query with columns `id`, `published_at` and `columns`, each article once:
 * several walks are each cut to `limit` and merged, which keeps every row of the overall first `limit`
 * (an article among them has fewer than `limit` newer ones in any walk it is in).
 */
export function selectRows(walks: Walks, options: RowsOptions = {}): Prisma.Sql {
  const { walkAt, walkId } = walks;
  const direction = options.order ? Prisma.raw(options.order) : null;
  const orderBy = (at: Prisma.Sql, id: Prisma.Sql) =>
    direction ? Prisma.sql`ORDER BY ${at} ${direction}, ${id} ${direction}` : Prisma.empty;
  const limit = options.limit === undefined ? Prisma.empty : Prisma.sql`LIMIT ${options.limit}`;
  const columns = options.columns ? Prisma.sql`, ${options.columns}` : Prisma.empty;
  const walk = (branch: Branch) => {
    const from = options.articlesFrom && walks.driver === "articles" ? options.articlesFrom : branch.from;
    if (branch.deferred && direction && options.limit !== undefined && !options.linkOnly && !options.articlesFrom) {
      // The loose matches in walk order (ids and dates only: nothing read from TOAST), fenced by OFFSET 0 so the
      // phrase check cannot be pushed under the sort; then each checked in that order until the limit.
      const loose = Prisma.sql`SELECT ${walkId} AS id, ${walkAt} AS published_at FROM ${from} WHERE ${branch.deferred.where} ${orderBy(walkAt, walkId)} OFFSET 0`;
      return Prisma.sql`SELECT o.id AS id, o.published_at AS published_at${columns} FROM (${loose}) o
        CROSS JOIN LATERAL (SELECT * FROM articles a WHERE a.id = o.id AND ${branch.deferred.exact}) a
        ${orderBy(Prisma.sql`o.published_at`, Prisma.sql`o.id`)} ${limit}`;
    }
    const body = options.linkOnly && branch.linkOnly ? branch.linkOnly : Prisma.sql`${from} WHERE ${branch.where}`;
    return Prisma.sql`SELECT ${walkId} AS id, ${walkAt} AS published_at${columns} FROM ${body} ${orderBy(walkAt, walkId)} ${limit}`;
  };
  if (walks.branches.length === 1) return walk(walks.branches[0]);
  const merged = Prisma.join(
    walks.branches.map((branch) => Prisma.sql`(${walk(branch)})`),
    " UNION ALL ",
  );
  if (options.duplicates) return merged;
  const u = { at: Prisma.sql`u.published_at`, id: Prisma.sql`u.id` };
  return direction
    ? Prisma.sql`SELECT DISTINCT ON (u.published_at, u.id) u.* FROM (${merged}) u ${orderBy(u.at, u.id)} ${limit}`
    : Prisma.sql`SELECT DISTINCT ON (u.id) u.* FROM (${merged}) u ORDER BY u.id ${limit}`;
}

/**
 * True when the filter narrows nothing: every article matches. Hidden teasers do not count as a filter here:
 * they are a handful among the articles, and the unfiltered total is the table's estimate anyway.
 */
export function isUnfiltered(filter: ResolvedFilter): boolean {
  return (
    !filter.tsquery &&
    !filter.from &&
    !filter.toExclusive &&
    !filter.themes &&
    !filter.sources &&
    !filter.tags &&
    !filter.status &&
    filter.annotated === undefined &&
    !filter.hideUndated &&
    !filter.read &&
    !filter.language
  );
}
