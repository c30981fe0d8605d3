import { Prisma } from "@/lib/generated/prisma/client";
import { expandSearch, type ExpandClient, type RegisterRows } from "@/lib/search/expand-query";
import type { ResolvedFilter } from "@/lib/search/article-sql";
import { commonWords } from "@/lib/search/common-words";
import {
  clauseTsquerySqls,
  hasPhrases,
  isEmptySearch,
  looseTsquerySql,
  parseSearchQuery,
  passageTsquerySql,
  searchTsquerySql,
  type SearchQuery,
} from "@/lib/search/query-syntax";
import { factorTsquery } from "@/lib/search/tsquery-factor";
import { tsqueryConstant, tsqueryTexts } from "@/lib/search/tsquery-text";
import { endExclusive, resolveDatePreset, type ArticleFilter } from "@/lib/validation/article-filter";

// The article filter as the SQL builders of article-sql.ts read it: dates resolved, empty lists dropped, and the
// search parsed, expanded with every spelling the names register adds (expand-query.ts) and turned into tsquery
// SQL, with its loose form for the index when it has phrases. Each tsquery is computed once and carried as a
// constant (tsquery-text.ts) unless the caller computes them itself (`compile: false`, as watch matching does for
// a thousand filters in one statement).

/**
 * The filter as the SQL builders read it; the search reads the names register, hence the client, unless the
 * caller read the register for it already (`register`, readRegister).
 */
export async function resolveFilter(
  client: ExpandClient,
  filter: ArticleFilter,
  now: Date = new Date(),
  options: { register?: RegisterRows; compile?: boolean } = {},
): Promise<ResolvedFilter> {
  const parsed = filter.q ? parseSearchQuery(filter.q) : null;
  const expansion =
    parsed && !isEmptySearch(parsed)
      ? await expandSearch(client, parsed, { removed: filter.noAliases, register: options.register })
      : parsed
        ? {
            query: parsed,
            expansions: [],
            notes: [`The search “${filter.q}” has nothing to look for: showing every article.`],
          }
        : null;
  const search = expansion?.query ?? null;
  const searched = search ? searchTsquerySql(search) : null;
  const common = searched ? await commonWords(client) : [];
  const text = searched && search ? await searchSql(client, search, searched, common, options.compile ?? true) : null;
  const dates = filter.range ? resolveDatePreset(filter.range, now) : { from: filter.from, to: filter.to };
  const range = { from: dates.from, toExclusive: dates.to ? endExclusive(dates.to) : undefined };
  // "What changed last week": with a change filter the dates bound when the change was seen, not publication.
  const changed = filter.changed?.length ? { kinds: filter.changed, ...range } : undefined;
  return {
    search: text ? search : null,
    tsquery: text?.tsquery ?? null,
    looseTsquery: text?.looseTsquery ?? null,
    commonWords: common,
    typedTsquery: text?.typedTsquery ?? null,
    ...(text?.clauseTsqueries ? { clauseTsqueries: text.clauseTsqueries, passageTsquery: text.passageTsquery } : {}),
    ...(expansion ? { expansion: { expansions: expansion.expansions, notes: expansion.notes } } : {}),
    ...(changed ? { changed } : range),
    themes: filter.themes?.length ? filter.themes : undefined,
    sources: filter.sources?.length ? filter.sources : undefined,
    tags: filter.tags?.length ? filter.tags : undefined,
    tagMode: filter.tagMode,
    status: filter.status?.length ? filter.status : undefined,
    annotated: filter.annotated,
    hideUndated: filter.hideUndated || undefined,
    hideTeasers: !filter.showTeasers || undefined,
    read: filter.read && filter.readerId ? { state: filter.read, readerId: filter.readerId } : undefined,
    language: filter.language?.length ? filter.language : undefined,
  };
}

type SearchSql = Pick<
  ResolvedFilter,
  "tsquery" | "looseTsquery" | "typedTsquery" | "clauseTsqueries" | "passageTsquery"
>;

/** The search's tsqueries: as SQL to compute, or (`compile`) computed now and carried as constants. */
async function searchSql(
  client: ExpandClient,
  search: SearchQuery,
  tsquery: Prisma.Sql,
  common: string[],
  compile: boolean,
): Promise<SearchSql> {
  const looseTsquery = hasPhrases(search) ? looseTsquerySql(search, common) : null;
  const typedTsquery = searchTsquerySql(withoutAddedSpellings(search));
  if (!compile) return { tsquery, looseTsquery, typedTsquery };
  const clauses = clauseTsquerySqls(search);
  const passage = passageTsquerySql(search);
  const texts = await tsqueryTexts(client, [tsquery, looseTsquery, typedTsquery, passage, ...clauses]);
  const constant = (text: string | null) => (text === null ? null : tsqueryConstant(text));
  // What decides a match is carried with the spellings' shared words factored out (tsquery-factor.ts): the same
  // matches, checked faster. The typed spelling stays as PostgreSQL wrote it: ts_rank_cd scores it.
  return {
    tsquery: constant(texts[0] === null ? null : factorTsquery(texts[0])),
    looseTsquery: constant(texts[1]),
    typedTsquery: constant(texts[2]),
    passageTsquery: constant(texts[3]),
    clauseTsqueries: texts.slice(4).map((text) => tsqueryConstant(factorTsquery(text!))),
  };
}

function withoutAddedSpellings(query: SearchQuery): SearchQuery {
  return {
    clauses: query.clauses
      .map((clause) => clause.filter((term) => !term.aliasIds))
      .filter((clause) => clause.length > 0),
  };
}
