import { Prisma } from "@/lib/generated/prisma/client";
import { parseSearchQuery, searchTsquerySql, type SearchQuery } from "@/lib/search/query-syntax";
import { endExclusive, resolveDatePreset, type ArticleFilter } from "@/lib/validation/article-filter";

// The article filter as SQL pieces shared by the list, the facets and the timeline.
//
// Every query walks one ordered "driver" in list order and stops early:
//  - a theme or tag filter drives from its link table's (x_id, published_at DESC, article_id DESC) index,
//    which carries a copy of the date (several ids: one index scan per id, merged in date order, each
//    skipping articles an earlier id already gave, so no article comes twice);
//  - otherwise articles' own (published_at DESC, id DESC) index (or source/status indexes, planner's choice).
// The full-text condition is either `search @@ q`, which lets the planner use the GIN index (right for
// selective searches), or `ts_match_vq(search, q)`, which it cannot index, so the date-ordered walk drives
// (right for common terms: a GIN bitmap over a sixth of the table rechecks every TOASTed tsvector, ~3 s).

export type TextMode = "index" | "walk";
export type FacetDimension = "themes" | "sources" | "tags";

export type ResolvedFilter = {
  search: SearchQuery | null;
  tsquery: Prisma.Sql | null;
  from?: Date;
  toExclusive?: Date;
  themes?: number[];
  sources?: number[];
  tags?: number[];
  tagMode: ArticleFilter["tagMode"];
  status?: NonNullable<ArticleFilter["status"]>;
  annotated?: boolean;
  language?: string[];
};

export function resolveFilter(filter: ArticleFilter, now: Date = new Date()): ResolvedFilter {
  const search = filter.q ? parseSearchQuery(filter.q) : null;
  const tsquery = search ? searchTsquerySql(search) : null;
  const dates = filter.range ? resolveDatePreset(filter.range, now) : { from: filter.from, to: filter.to };
  return {
    search: tsquery ? search : null,
    tsquery,
    from: dates.from,
    toExclusive: dates.to ? endExclusive(dates.to) : undefined,
    themes: filter.themes?.length ? filter.themes : undefined,
    sources: filter.sources?.length ? filter.sources : undefined,
    tags: filter.tags?.length ? filter.tags : undefined,
    tagMode: filter.tagMode,
    status: filter.status?.length ? filter.status : undefined,
    annotated: filter.annotated,
    language: filter.language?.length ? filter.language : undefined,
  };
}

/** Keyset bound on the driver's (published_at, id): rows strictly after or before it in walk order. */
export type KeysetBound = { op: "<" | ">"; publishedAt: Date; id: number };

export type Selection = {
  /** FROM clause: `a` is always the article, whatever drives. */
  from: Prisma.Sql;
  /**
   * The link table walk alone, when nothing but the link table is checked: counting then reads one
   * index and never joins articles (every link row has its article: foreign key, cascading delete).
   */
  linkOnly: Prisma.Sql | null;
  where: Prisma.Sql;
  /** The driver's date and id: ORDER BY these to walk its index. */
  keyAt: Prisma.Sql;
  keyId: Prisma.Sql;
};

type LinkTable = "article_themes" | "article_tags";

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

function linkExists(table: LinkTable, ids: number[]): Prisma.Sql {
  const parts = [Prisma.sql`x.article_id = a.id`, oneOrAny(Prisma.sql`x.${linkId(table)}`, ids), ...linkLive(table, "x")];
  return Prisma.sql`EXISTS (SELECT 1 FROM ${Prisma.raw(table)} x WHERE ${conjunction(parts)})`;
}

function rangeAndKeyset(at: Prisma.Sql, id: Prisma.Sql, filter: ResolvedFilter, keyset?: KeysetBound): Prisma.Sql[] {
  const parts: Prisma.Sql[] = [];
  if (filter.from) parts.push(Prisma.sql`${at} >= ${filter.from}::timestamptz`);
  if (filter.toExclusive) parts.push(Prisma.sql`${at} < ${filter.toExclusive}::timestamptz`);
  if (keyset) parts.push(Prisma.sql`(${at}, ${id}) ${Prisma.raw(keyset.op)} (${keyset.publishedAt}::timestamptz, ${keyset.id}::int)`);
  return parts;
}

function linkDriver(table: LinkTable, ids: number[], filter: ResolvedFilter, keyset?: KeysetBound): Prisma.Sql {
  const column = linkId(table);
  const branch = (id: number, earlier: number[]) => {
    const parts = [Prisma.sql`d.${column} = ${id}`, ...linkLive(table, "d"), ...rangeAndKeyset(Prisma.sql`d.published_at`, Prisma.sql`d.article_id`, filter, keyset)];
    if (earlier.length) {
      parts.push(
        Prisma.sql`NOT EXISTS (SELECT 1 FROM ${Prisma.raw(table)} e WHERE ${conjunction([Prisma.sql`e.article_id = d.article_id`, oneOrAny(Prisma.sql`e.${column}`, earlier), ...linkLive(table, "e")])})`,
      );
    }
    return Prisma.sql`SELECT d.article_id, d.published_at FROM ${Prisma.raw(table)} d WHERE ${conjunction(parts)}`;
  };
  const branches = ids.map((id, index) => branch(id, ids.slice(0, index)));
  return Prisma.sql`(${Prisma.join(branches, " UNION ALL ")}) d`;
}

export function textCondition(filter: ResolvedFilter, mode: TextMode): Prisma.Sql | null {
  if (!filter.tsquery) return null;
  return mode === "walk" ? Prisma.sql`ts_match_vq(a.search, ${filter.tsquery})` : Prisma.sql`a.search @@ ${filter.tsquery}`;
}

/** Conditions on `a` other than text, dates and the driver's own dimension. */
function articleConditions(filter: ResolvedFilter, skip: { themes: boolean; tags: boolean; sources: boolean }): Prisma.Sql[] {
  const parts: Prisma.Sql[] = [];
  if (filter.sources && !skip.sources) parts.push(oneOrAny(Prisma.sql`a.source_id`, filter.sources));
  if (filter.status) {
    parts.push(
      filter.status.length === 1
        ? Prisma.sql`a.review_status = ${filter.status[0]}::"ReviewStatus"`
        : Prisma.sql`a.review_status = ANY(${filter.status}::"ReviewStatus"[])`,
    );
  }
  if (filter.language) parts.push(Prisma.sql`a.language = ANY(${filter.language}::text[])`);
  if (filter.annotated !== undefined) {
    const exists = Prisma.sql`EXISTS (SELECT 1 FROM annotations n WHERE n.article_id = a.id)`;
    parts.push(filter.annotated ? exists : Prisma.sql`NOT ${exists}`);
  }
  if (filter.themes && !skip.themes) parts.push(linkExists("article_themes", filter.themes));
  if (filter.tags && !skip.tags) {
    if (filter.tagMode === "none") parts.push(Prisma.sql`NOT ${linkExists("article_tags", filter.tags)}`);
    else if (filter.tagMode === "all") parts.push(...filter.tags.map((tag) => linkExists("article_tags", [tag])));
    else parts.push(linkExists("article_tags", filter.tags));
  }
  return parts;
}

/**
 * FROM and WHERE for the articles matching `filter` (less the `omit` dimension, for facets), walked by
 * the best driver, optionally bounded by a keyset.
 */
export type SelectionOptions = {
  textMode: TextMode;
  omit?: FacetDimension;
  keyset?: KeysetBound;
  /** Walk articles even for a theme or tag filter (checked per row), e.g. to sample the table. */
  articlesDriver?: boolean;
  /** Checked before anything else on a row (PostgreSQL keeps the written order of equal-cost conditions). */
  first?: Prisma.Sql;
};

export function buildSelection(filter: ResolvedFilter, options: SelectionOptions): Selection {
  const { textMode, omit, keyset } = options;
  const tags = omit === "tags" ? undefined : filter.tags;
  const themes = omit === "themes" ? undefined : filter.themes;
  const effective: ResolvedFilter = { ...filter, tags, themes, sources: omit === "sources" ? undefined : filter.sources };
  const text = textCondition(filter, textMode);
  const extra = text ? [text] : [];
  const first = options.first ? [options.first] : [];

  if (tags && filter.tagMode !== "none" && !options.articlesDriver) {
    // "all" drives from the first tag and checks the others per row; "any" merges one walk per tag.
    const driverTags = filter.tagMode === "all" ? tags.slice(0, 1) : tags;
    const rest = filter.tagMode === "all" ? tags.slice(1) : [];
    const conditions = [...first, ...articleConditions({ ...effective, tags: rest.length ? rest : undefined, tagMode: "all" }, { themes: false, tags: false, sources: false }), ...extra];
    const driver = linkDriver("article_tags", driverTags, effective, keyset);
    return {
      from: Prisma.sql`${driver} JOIN articles a ON a.id = d.article_id`,
      linkOnly: conditions.length ? null : driver,
      where: conjunction(conditions),
      keyAt: Prisma.sql`d.published_at`,
      keyId: Prisma.sql`d.article_id`,
    };
  }
  if (themes && !options.articlesDriver) {
    const conditions = [...first, ...articleConditions(effective, { themes: true, tags: false, sources: false }), ...extra];
    const driver = linkDriver("article_themes", themes, effective, keyset);
    return {
      from: Prisma.sql`${driver} JOIN articles a ON a.id = d.article_id`,
      linkOnly: conditions.length ? null : driver,
      where: conjunction(conditions),
      keyAt: Prisma.sql`d.published_at`,
      keyId: Prisma.sql`d.article_id`,
    };
  }
  const conditions = articleConditions(effective, { themes: false, tags: false, sources: false });
  return {
    from: Prisma.sql`articles a`,
    linkOnly: null,
    where: conjunction([...rangeAndKeyset(Prisma.sql`a.published_at`, Prisma.sql`a.id`, effective, keyset), ...first, ...conditions, ...extra]),
    keyAt: Prisma.sql`a.published_at`,
    keyId: Prisma.sql`a.id`,
  };
}

/** True when the filter narrows nothing: every article matches. */
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
    !filter.language
  );
}
