import "server-only";
import { z } from "zod";
import { db, type Db } from "@/lib/db";
import { checkRows, sqlId } from "@/lib/db/rows";
import { Prisma } from "@/lib/generated/prisma/client";
import { INDEXED_SEARCH } from "@/lib/search/article-sql";
import { parseSearchQuery, searchTsquerySql } from "@/lib/search/query-syntax";
import { labelTerm, pickBestHits, positiveRuleTerms, requiredClauses, type RuleHit } from "@/lib/themes/rule-query";
import { ThemeRuleScope } from "@/lib/themes/scope";

// Themes from rules. Each enabled rule is one set-based SELECT over a batch of articles, reading the text
// of its scope (lib/themes/scope.ts); the best rule per article and theme becomes a RULE row. MANUAL rows (an analyst's assignment or removal by hand) are
// never written or deleted here, and RULE rows whose rules no longer match the article are removed.
//
//   applyRulesToArticles(articleIds, options)   after ingest, in a re-run batch, after seeding rules
//   applyRulesToAllArticles(options)            every article in id batches (seed, small databases)
//   findRuleHits(client, rules, articleIds)     the rules over a batch, one statement
//   ruleMatchSql(rule)                          a rule's condition on `articles a`, in its scope (also the preview)

export type RuleDb = Pick<Db, "$queryRaw" | "$executeRaw">;

const ruleRow = z.object({
  id: sqlId,
  themeId: sqlId,
  query: z.string(),
  sourceIds: z.array(sqlId),
  weight: z.number(),
  scope: z.enum(ThemeRuleScope),
});
export type RuleForMatching = z.infer<typeof ruleRow>;

export type ApplyRulesResult = { hits: number; added: number; updated: number; removed: number };

export type ApplyRulesOptions = {
  db?: RuleDb;
  /** Only these themes' rules run and only their RULE rows may be removed; all themes when absent. */
  themeIds?: number[];
};

const ALL_ARTICLES_BATCH = 5_000;

/** The text each scope reads, as a tsvector of `articles a`. */
const ARTICLE_DOCUMENTS: Record<ThemeRuleScope, Prisma.Sql> = {
  // The expression the GIN index holds, so a preview over the whole table is answered by the index.
  ANYWHERE: INDEXED_SEARCH,
  // Folded and 'english' as in the stored search column, so words, phrases and spellings match alike in every scope.
  LEAD: Prisma.sql`to_tsvector('english'::regconfig, search_fold(coalesce(a.title, '') || ' ' || coalesce(a.excerpt, '')))`,
  TITLE: Prisma.sql`to_tsvector('english'::regconfig, search_fold(coalesce(a.title, '')))`,
};

/** In a batch the scoped vectors are computed once per article (the batch CTE of findRuleHits). */
const BATCH_DOCUMENTS: Record<ThemeRuleScope, Prisma.Sql> = {
  ANYWHERE: Prisma.sql`a.search`,
  LEAD: Prisma.sql`a.lead_vector`,
  TITLE: Prisma.sql`a.title_vector`,
};

export type RuleMatch = { where: Prisma.Sql; document: Prisma.Sql };

/**
 * A rule's condition on `articles a` and the tsvector it reads, or null when the query has no terms. Over
 * the whole table (the preview) a scoped rule first asks the stored, indexed search vector for its required
 * words, so only those rows are tokenised again (Postgres runs the cheaper condition first).
 */
export function ruleMatchSql(
  rule: { query: string; sourceIds: number[]; scope: ThemeRuleScope },
  documents: Record<ThemeRuleScope, Prisma.Sql> = ARTICLE_DOCUMENTS,
): RuleMatch | null {
  const tsquery = searchTsquerySql(parseSearchQuery(rule.query));
  if (!tsquery) return null;
  const document = documents[rule.scope];
  const conditions = [Prisma.sql`${document} @@ ${tsquery}`];
  const required =
    rule.scope === "ANYWHERE" || documents !== ARTICLE_DOCUMENTS ? null : searchTsquerySql(requiredClauses(rule.query));
  if (required) conditions.unshift(Prisma.sql`${INDEXED_SEARCH} @@ ${required}`);
  if (rule.sourceIds.length) conditions.push(Prisma.sql`a.source_id = ANY(${rule.sourceIds}::int[])`);
  return { where: Prisma.sql`(${Prisma.join(conditions, " AND ")})`, document };
}

/** One rule's part of the batch query: its matching articles, with the rule's terms found in each (in its scope). */
function ruleHitsSql(rule: RuleForMatching): Prisma.Sql | null {
  const match = ruleMatchSql(rule, BATCH_DOCUMENTS);
  if (!match) return null;
  const terms = positiveRuleTerms(rule.query);
  const matched = terms.length
    ? Prisma.sql`array_remove(ARRAY[${Prisma.join(
        terms.map((term) => {
          const single = searchTsquerySql({ clauses: [[term]] })!;
          return Prisma.sql`CASE WHEN ${match.document} @@ ${single} THEN ${labelTerm(term)}::text END`;
        }),
      )}]::text[], NULL)`
    : Prisma.sql`ARRAY[]::text[]`;
  return Prisma.sql`SELECT a.id AS "articleId", ${rule.id}::int AS "ruleId", ${matched} AS "matchedTerms" FROM batch a WHERE ${match.where}`;
}

/**
 * Articles of the batch that each rule matches. Every rule is its own set-based SELECT over the batch; they
 * travel as one UNION ALL statement, so a batch costs one round trip however many rules there are.
 */
export async function findRuleHits(client: RuleDb, rules: RuleForMatching[], articleIds: number[]): Promise<RuleHit[]> {
  const parts = articleIds.length ? rules.map(ruleHitsSql).filter((sql): sql is Prisma.Sql => sql !== null) : [];
  if (!parts.length) return [];
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  const scopes = new Set(rules.map((rule) => rule.scope));
  // The batch's scoped vectors are tokenised once per article, only when a rule reads them, whatever the
  // number of rules of that scope.
  const vector = (scope: "LEAD" | "TITLE", name: string) =>
    scopes.has(scope) ? Prisma.sql`, ${ARTICLE_DOCUMENTS[scope]} AS ${Prisma.raw(name)}` : Prisma.empty;
  const rows = await client.$queryRaw<{ articleId: number; ruleId: number; matchedTerms: string[] }[]>(Prisma.sql`
    WITH batch AS MATERIALIZED (
      SELECT a.id, a.source_id, a.search ${vector("LEAD", "lead_vector")} ${vector("TITLE", "title_vector")}
      FROM articles a WHERE a.id = ANY(${articleIds}::int[]))
    ${Prisma.join(parts, " UNION ALL ")}`);
  return rows.map((row) => {
    const rule = byId.get(row.ruleId)!;
    return {
      articleId: row.articleId,
      themeId: rule.themeId,
      ruleId: rule.id,
      weight: rule.weight,
      matchedTerms: row.matchedTerms,
    };
  });
}

export async function listEnabledRules(client: RuleDb, themeIds?: number[]): Promise<RuleForMatching[]> {
  const rows = await client.$queryRaw(Prisma.sql`
    SELECT id, theme_id AS "themeId", query, COALESCE(source_ids, '{}') AS "sourceIds", weight, scope::text AS scope
    FROM theme_rules
    WHERE enabled ${themeIds ? Prisma.sql`AND theme_id = ANY(${themeIds}::int[])` : Prisma.empty}
    ORDER BY id`);
  return checkRows("the enabled rules", ruleRow, rows);
}

/** Writes the batch's RULE rows to match `hits` exactly, leaving MANUAL rows alone. */
async function writeRuleRows(
  client: RuleDb,
  articleIds: number[],
  hits: RuleHit[],
  themeIds?: number[],
): Promise<Omit<ApplyRulesResult, "hits">> {
  const payload = JSON.stringify(
    hits.map((hit) => ({ a: hit.articleId, t: hit.themeId, r: hit.ruleId, terms: hit.matchedTerms })),
  );
  const written = hits.length
    ? await client.$queryRaw<{ inserted: boolean }[]>(Prisma.sql`
        INSERT INTO article_themes (article_id, theme_id, origin, excluded, rule_id, matched_terms, assigned_at, published_at)
        SELECT m.a, m.t, 'RULE', false, m.r, m.terms, now(), a.published_at
        FROM jsonb_to_recordset(${payload}::jsonb) AS m(a int, t int, r int, terms text[])
        JOIN articles a ON a.id = m.a
        ORDER BY m.a, m.t
        ON CONFLICT (article_id, theme_id) DO UPDATE
          SET rule_id = EXCLUDED.rule_id, matched_terms = EXCLUDED.matched_terms
          WHERE article_themes.origin = 'RULE'
            AND (article_themes.rule_id IS DISTINCT FROM EXCLUDED.rule_id OR article_themes.matched_terms IS DISTINCT FROM EXCLUDED.matched_terms)
        RETURNING (xmax = 0) AS inserted`)
    : [];
  const removed = await client.$executeRaw(Prisma.sql`
    DELETE FROM article_themes l
    WHERE l.origin = 'RULE' AND l.article_id = ANY(${articleIds}::int[])
      ${themeIds ? Prisma.sql`AND l.theme_id = ANY(${themeIds}::int[])` : Prisma.empty}
      AND NOT EXISTS (
        SELECT 1 FROM jsonb_to_recordset(${payload}::jsonb) AS m(a int, t int)
        WHERE m.a = l.article_id AND m.t = l.theme_id)`);
  const added = written.filter((row) => row.inserted).length;
  return { added, updated: written.length - added, removed };
}

/** Runs the enabled rules over the articles and brings their RULE rows in line with what matches now. */
export async function applyRulesToArticles(
  articleIds: number[],
  options: ApplyRulesOptions = {},
): Promise<ApplyRulesResult> {
  const client = options.db ?? db;
  if (!articleIds.length) return { hits: 0, added: 0, updated: 0, removed: 0 };
  const rules = await listEnabledRules(client, options.themeIds);
  const best = pickBestHits(await findRuleHits(client, rules, articleIds));
  return { hits: best.length, ...(await writeRuleRows(client, articleIds, best, options.themeIds)) };
}

/** Every article, in id batches: for the seed and small databases; a rule change uses the re-run job. */
export async function applyRulesToAllArticles(
  options: ApplyRulesOptions & { batchSize?: number } = {},
): Promise<ApplyRulesResult> {
  const client = options.db ?? db;
  const total: ApplyRulesResult = { hits: 0, added: 0, updated: 0, removed: 0 };
  let after = 0;
  for (;;) {
    const ids = await nextArticleIds(client, after, options.batchSize ?? ALL_ARTICLES_BATCH);
    if (!ids.length) return total;
    const result = await applyRulesToArticles(ids, { ...options, db: client });
    for (const key of Object.keys(total) as (keyof ApplyRulesResult)[]) total[key] += result[key];
    after = ids[ids.length - 1];
  }
}

/** The next batch of article ids after `after`, in id order (keyset). */
export async function nextArticleIds(client: RuleDb, after: number, limit: number): Promise<number[]> {
  const rows = await client.$queryRaw<{ id: number }[]>(
    Prisma.sql`SELECT id FROM articles WHERE id > ${after} ORDER BY id LIMIT ${limit}`,
  );
  return rows.map((row) => row.id);
}
