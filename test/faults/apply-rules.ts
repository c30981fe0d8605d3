// For the fault tests: applies the theme rules to every article of DATABASE_URL and prints what that
// changed as {"added":N,"removed":N}. Nothing, when ingest gave every stored article its themes.
export {};

const { db } = await import("@/lib/db");
const { applyRulesToAllArticles } = await import("@/lib/themes/rules");
const result = await applyRulesToAllArticles();
await db.$disconnect();
console.log(JSON.stringify({ added: result.added, updated: result.updated, removed: result.removed }));
