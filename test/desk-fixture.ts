import type { Db } from "@/lib/db";
import type { Actor } from "@/lib/data/actor";
import { createTestSource, createTestTheme, createTestUsers, insertTestArticles, randomTag } from "@/test/factories";

// Rows of the analyst's-desk tests (tags, status, themes, bulk, annotations, views): one user per role
// (two analysts), one source, articles dated in one year of the 1950s that no other test uses, a theme
// with a rule. Everything carries the run's random label and is removed by cleanup().

export type DeskFixture = {
  run: string;
  admin: Actor;
  analyst: Actor;
  analyst2: Actor;
  viewer: Actor;
  sourceId: number;
  /** Article ids, oldest first; article i is published on day i of `year`. */
  articleIds: number[];
  publishedAt: Map<number, Date>;
  year: number;
  themeId: number;
  ruleId: number;
  cleanup(): Promise<void>;
};

export const DESK_BODY =
  "Pyongyang, May 3 (KCNA) -- A test-fire of the new-type rocket was conducted. " +
  "Kim Jong Un personally supervised the whole course of the test-fire. " +
  "He praised the workers of the munitions industry for the 9-axis self-propelled launching vehicle.";

export async function createDeskFixture(
  db: Db,
  label: string,
  options: { articles?: number; year: number },
): Promise<DeskFixture> {
  const run = randomTag(`${label}-`);
  const { admin, analyst, analyst2, viewer } = await createTestUsers(run, {
    admin: "ADMIN",
    analyst: "ANALYST",
    analyst2: "ANALYST",
    viewer: "VIEWER",
  });
  const source = await createTestSource(run, "Desk wire");
  const theme = await createTestTheme(run, "Desk theme", { rule: "rocket", createdById: admin.id });
  const created = await insertTestArticles(
    run,
    source.id,
    Array.from({ length: options.articles ?? 12 }, (_, i) => ({
      key: i,
      title: `Desk article ${i} ${run}`,
      body: `${DESK_BODY} Item ${i}.`,
      excerpt: DESK_BODY.slice(0, 120),
      publishedAt: new Date(Date.UTC(options.year, 0, 1 + i, 8)),
    })),
  );
  const userIds = [admin.id, analyst.id, analyst2.id, viewer.id];
  return {
    run,
    admin: { id: admin.id, role: "ADMIN", ip: "10.0.0.1" },
    analyst: { id: analyst.id, role: "ANALYST", ip: "10.0.0.2" },
    analyst2: { id: analyst2.id, role: "ANALYST", ip: "10.0.0.3" },
    viewer: { id: viewer.id, role: "VIEWER", ip: "10.0.0.4" },
    sourceId: source.id,
    articleIds: created.map((row) => row.id),
    publishedAt: new Map(created.map((row) => [row.id, row.publishedAt])),
    year: options.year,
    themeId: theme.id,
    ruleId: theme.ruleId!,
    async cleanup() {
      await db.auditEvent.deleteMany({ where: { actorId: { in: userIds } } });
      await db.article.deleteMany({ where: { sourceId: source.id } });
      await db.source.delete({ where: { id: source.id } });
      await db.tag.deleteMany({ where: { OR: [{ createdById: { in: userIds } }, { name: { contains: run } }] } });
      await db.theme.delete({ where: { id: theme.id } });
      await db.user.deleteMany({ where: { id: { in: userIds } } });
    },
  };
}
