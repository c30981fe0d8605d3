import { readFileSync } from "node:fs";
import path from "node:path";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { listArticles } from "@/lib/search/list-articles";
import type { Ranking } from "@/lib/search/relevance";
import { rankBefore } from "./search-before";

// The judged search queries (test/fixtures/search/: queries.jsonl, judgments.jsonl, README.md) and the two
// rankings they compare: before (search-before.ts) and now (listArticles, sort=relevance).

export const FIXTURES = path.join("test", "fixtures", "search");
/** The corpus ends on 2024-11-10: recency is reckoned from the day after, as if the search ran then. */
export const JUDGED_NOW = new Date("2024-11-11T00:00:00Z");
export const TOP = 10;

export type JudgedQuery = { id: string; q: string; intent: string };
export type Judgment = { query: string; url: string; grade: 0 | 1 | 2 };

function readJsonLines<T>(file: string): T[] {
  return readFileSync(path.join(FIXTURES, file), "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as T);
}

export const readQueries = () => readJsonLines<JudgedQuery>("queries.jsonl");
export const readJudgments = () => readJsonLines<Judgment>("judgments.jsonl");

/** Both rankings' top TOP for a query, as article URLs (the judgments' key: ids differ from load to load). */
export async function topUrls(
  client: PrismaClient,
  q: string,
  ranking?: Ranking,
): Promise<{ before: string[]; after: string[] }> {
  const before = await rankBefore(client, q, TOP);
  const page = await listArticles(
    { q, sort: "relevance", tagMode: "any" },
    { take: TOP, now: JUDGED_NOW, client, count: false, ranking },
  );
  const ids = [...before, ...page.items.map((item) => item.id)];
  const rows = ids.length
    ? await client.$queryRaw<{ id: number; url: string }[]>(
        Prisma.sql`SELECT id, url FROM articles WHERE id = ANY(${ids}::int[])`,
      )
    : [];
  const urlOf = new Map(rows.map((row) => [row.id, row.url]));
  return { before: before.map((id) => urlOf.get(id)!), after: page.items.map((item) => urlOf.get(item.id)!) };
}

/** nDCG@k with graded gains 2^grade - 1; the ideal order is of every judged article of the query. */
export function ndcg(ranked: string[], grades: Map<string, number>, k = TOP): number {
  const dcg = (list: number[]) =>
    list.slice(0, k).reduce((sum, grade, i) => sum + (2 ** grade - 1) / Math.log2(i + 2), 0);
  const ideal = dcg([...grades.values()].sort((a, b) => b - a));
  return ideal ? dcg(ranked.map((url) => grades.get(url) ?? 0)) / ideal : 0;
}
