import type { PrismaClient } from "@/lib/generated/prisma/client";
import { DEFAULT_RANKING, type Ranking } from "@/lib/search/relevance";
import { loadSearchCorpus, searchCorpusAvailable } from "./search-corpus";
import { ndcg, readJudgments, readQueries, topUrls, TOP } from "./search-judged";
import type { BenchOptions } from "./types";

// "Best match" measured: nDCG@10 of the ranking now (`search.ndcg10`) and of the ranking before
// (`search.ndcg10_before`, search-before.ts) over the judged queries of test/fixtures/search/ (50 queries an
// analyst would type, top 10 of both rankings judged 0/1/2 by reading the articles; its README says how), run
// on the whole KCNA corpus (11,855 articles) and the Korean one (73) in a scratch database. An article no one
// judged counts as not relevant; how many of them each ranking puts in its top 10 is printed too, since many
// would mean the judgments no longer describe the ranking. Queries with no relevant article judged are left out
// of the mean.

export type SearchScore = {
  queries: number;
  after: number;
  before: number;
  unjudgedAfter: number;
  unjudgedBefore: number;
  perQuery: { id: string; after: number; before: number }[];
};

export async function scoreRankings(client: PrismaClient, ranking: Ranking = DEFAULT_RANKING): Promise<SearchScore> {
  const judgments = readJudgments();
  const perQuery: SearchScore["perQuery"] = [];
  let unjudgedAfter = 0;
  let unjudgedBefore = 0;
  for (const query of readQueries()) {
    const grades = new Map(judgments.filter((j) => j.query === query.id).map((j) => [j.url, j.grade as number]));
    if (![...grades.values()].some((grade) => grade > 0)) continue;
    const { before, after } = await topUrls(client, query.q, ranking);
    unjudgedAfter += after.filter((url) => !grades.has(url)).length;
    unjudgedBefore += before.filter((url) => !grades.has(url)).length;
    perQuery.push({ id: query.id, after: ndcg(after, grades), before: ndcg(before, grades) });
  }
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  return {
    queries: perQuery.length,
    after: mean(perQuery.map((q) => q.after)),
    before: mean(perQuery.map((q) => q.before)),
    unjudgedAfter,
    unjudgedBefore,
    perQuery,
  };
}

const round = (value: number) => Math.round(value * 1000) / 1000;

export async function benchSearch(options: BenchOptions): Promise<void> {
  const log = options.log ?? (() => {});
  if (!searchCorpusAvailable()) {
    log("search: the KCNA and Korean corpora are not on this machine (/work/shared/corpus): skipped");
    return;
  }
  const corpus = await loadSearchCorpus(log);
  try {
    const score = await scoreRankings(corpus.client);
    const extra = { n: corpus.articles, queries: score.queries, top: TOP };
    options.emit({
      bench: "search.ndcg10",
      value: round(score.after),
      unit: "ndcg",
      ...extra,
      unjudged: score.unjudgedAfter,
    });
    options.emit({
      bench: "search.ndcg10_before",
      value: round(score.before),
      unit: "ndcg",
      ...extra,
      unjudged: score.unjudgedBefore,
    });
    for (const query of score.perQuery)
      log(`search: ${query.id.padEnd(22)} before ${query.before.toFixed(3)}  now ${query.after.toFixed(3)}`);
    log(`search: ${score.unjudgedAfter} unjudged in the top ${TOP}s now, ${score.unjudgedBefore} before`);
  } finally {
    await corpus.drop();
  }
}
