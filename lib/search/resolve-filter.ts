import { expandSearch, type ExpandClient, type RegisterRows } from "@/lib/search/expand-query";
import type { ResolvedFilter } from "@/lib/search/article-sql";
import { commonWords } from "@/lib/search/common-words";
import {
  hasPhrases,
  isEmptySearch,
  looseTsquerySql,
  parseSearchQuery,
  searchTsquerySql,
  type SearchQuery,
} from "@/lib/search/query-syntax";
import { endExclusive, resolveDatePreset, type ArticleFilter } from "@/lib/validation/article-filter";

// The article filter as the SQL builders of article-sql.ts read it: dates resolved, empty lists dropped, and the
// search parsed, expanded with every spelling the names register adds (expand-query.ts) and turned into tsquery
// SQL, with its loose form for the index when it has phrases.

/**
 * The filter as the SQL builders read it; the search reads the names register, hence the client, unless the
 * caller read the register for it already (`register`, readRegister).
 */
export async function resolveFilter(
  client: ExpandClient,
  filter: ArticleFilter,
  now: Date = new Date(),
  options: { register?: RegisterRows } = {},
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
  const tsquery = search ? searchTsquerySql(search) : null;
  const common = tsquery ? await commonWords(client) : [];
  const dates = filter.range ? resolveDatePreset(filter.range, now) : { from: filter.from, to: filter.to };
  const range = { from: dates.from, toExclusive: dates.to ? endExclusive(dates.to) : undefined };
  // "What changed last week": with a change filter the dates bound when the change was seen, not publication.
  const changed = filter.changed?.length ? { kinds: filter.changed, ...range } : undefined;
  return {
    search: tsquery ? search : null,
    tsquery,
    looseTsquery: tsquery && search && hasPhrases(search) ? looseTsquerySql(search, common) : null,
    commonWords: common,
    typedTsquery: search ? searchTsquerySql(withoutAddedSpellings(search)) : null,
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

function withoutAddedSpellings(query: SearchQuery): SearchQuery {
  return {
    clauses: query.clauses
      .map((clause) => clause.filter((term) => !term.aliasIds))
      .filter((clause) => clause.length > 0),
  };
}
