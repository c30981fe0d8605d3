import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { RuleDb } from "@/lib/themes/rules";
import { STARTER_RULES } from "@/lib/themes/starter-rules";

/**
 * Adds the starter rules of each starter theme (found by slug) that has no rule yet, and returns how many
 * it added. A theme with rules is left alone, so running it again, or after an admin edited the rules,
 * changes nothing.
 */
export async function loadStarterRules(client: RuleDb): Promise<number> {
  const payload = JSON.stringify(
    STARTER_RULES.map((rule, n) => ({
      n,
      slug: rule.themeSlug,
      query: rule.query,
      weight: rule.weight,
      scope: rule.scope ?? "ANYWHERE",
    })),
  );
  return client.$executeRaw(Prisma.sql`
    INSERT INTO theme_rules (theme_id, query, weight, scope, updated_at)
    SELECT t.id, s.query, s.weight, s.scope::"ThemeRuleScope", now()
    FROM jsonb_to_recordset(${payload}::jsonb) AS s(n int, slug text, query text, weight float8, scope text)
    JOIN themes t ON t.slug = s.slug
    WHERE NOT EXISTS (SELECT 1 FROM theme_rules r WHERE r.theme_id = t.id)
    ORDER BY s.n`);
}
