import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { createScratchDatabase, dropDatabase, resolveTestServerUrl } from "@/lib/db/database-url";
import { migrate } from "@/lib/db/migrate";
import { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { makeExcerpt } from "@/lib/ingest/fingerprint";
import { loadStarterRules } from "@/lib/themes/load-starter-rules";
import { halfOf, macroAverage, scoreThemes, type LabelledArticle, type ThemeScore } from "@/lib/themes/measure";
import { applyRulesToAllArticles } from "@/lib/themes/rules";
import { STARTER_RULES } from "@/lib/themes/starter-rules";
import type { BenchOptions } from "./types";

// How well the starter rules theme real KCNA articles: the labelled check set in
// test/fixtures/themes/kcna-labelled.jsonl (its README says how it was labelled) is loaded into a scratch
// database, the starter rules are applied, and precision and recall are emitted per theme on the held-out
// half (the other half is where the rules were tuned). The excerpt is made as ingest makes it, so rules
// that look in the title and opening read what they would read in production.

const FIXTURE = path.join("test", "fixtures", "themes", "kcna-labelled.jsonl");

type Fixture = LabelledArticle & { title: string; published: string; body: string };

const round = (value: number) => Math.round(value * 1000) / 1000;

export async function benchThemes(options: BenchOptions): Promise<void> {
  const log = options.log ?? (() => {});
  const articles = readFileSync(FIXTURE, "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Fixture);
  const slugs = [...new Set(STARTER_RULES.map((rule) => rule.themeSlug))];
  const url = await createScratchDatabase(await resolveTestServerUrl(log), "presswatch_bench_themes");
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, options: "-c jit=off" }) });
  try {
    await migrate(url);
    const source = await client.source.create({ data: { name: "KCNA", url: "http://www.kcna.kp" } });
    await client.theme.createMany({ data: slugs.map((slug) => ({ slug, name: slug })) });
    await client.$executeRaw(Prisma.sql`
      INSERT INTO articles (source_id, url, canonical_url, title, body_text, excerpt, published_at, fingerprint)
      VALUES ${Prisma.join(
        articles.map(
          (
            article,
          ) => Prisma.sql`(${source.id}, ${article.url}, ${article.url}, ${article.title}, ${article.body}, ${makeExcerpt(article.body)},
            ${new Date(`${article.published}T00:00:00Z`)}, ${createHash("sha256").update(article.url).digest("hex")})`,
        ),
      )}
      ON CONFLICT DO NOTHING`);
    await loadStarterRules(client);
    const started = performance.now();
    await applyRulesToAllArticles({ db: client });
    const seconds = (performance.now() - started) / 1000;
    const rows = await client.$queryRaw<{ url: string; slug: string }[]>(Prisma.sql`
      SELECT a.url, t.slug FROM article_themes l JOIN articles a ON a.id = l.article_id JOIN themes t ON t.id = l.theme_id`);
    const predicted = new Map<string, Set<string>>();
    for (const row of rows) (predicted.get(row.url) ?? predicted.set(row.url, new Set()).get(row.url)!).add(row.slug);

    const test = articles.filter((article) => halfOf(article.url) === "test");
    const tune = articles.filter((article) => halfOf(article.url) === "tune");
    const scores = scoreThemes(slugs, test, predicted);
    for (const score of scores) emitScore(options, score);
    emitMacro(options, "themes", scores, test.length);
    emitMacro(options, "themes.tune", scoreThemes(slugs, tune, predicted), tune.length);
    options.emit({
      bench: "themes.apply_per_s",
      value: round(articles.length / seconds),
      unit: "articles/s",
      n: articles.length,
    });
    log(
      `themes: ${articles.length} labelled articles (${test.length} held out), ${rows.length} rule themes in ${seconds.toFixed(2)} s`,
    );
  } finally {
    await client.$disconnect();
    await dropDatabase(url);
  }
}

function emitScore(options: BenchOptions, score: ThemeScore): void {
  if (score.precision !== null)
    options.emit({
      bench: `themes.${score.slug}.precision`,
      value: round(score.precision),
      unit: "ratio",
      n: score.predicted,
    });
  if (score.recall !== null)
    options.emit({
      bench: `themes.${score.slug}.recall`,
      value: round(score.recall),
      unit: "ratio",
      n: score.positives,
    });
}

function emitMacro(options: BenchOptions, prefix: string, scores: ThemeScore[], n: number): void {
  const precision = macroAverage(scores.map((score) => score.precision));
  const recall = macroAverage(scores.map((score) => score.recall));
  if (precision !== null)
    options.emit({ bench: `${prefix}.macro_precision`, value: round(precision), unit: "ratio", n });
  if (recall !== null) options.emit({ bench: `${prefix}.macro_recall`, value: round(recall), unit: "ratio", n });
}
