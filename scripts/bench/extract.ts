// Extraction quality. Two sets of pages:
// - the public article-extraction benchmark (Zyte; bodies marked by hand): our extraction and Mozilla
//   Readability alone, per page and on average, overall and on each half (rules were tuned on "tune"
//   only), with the time each takes per page;
// - Mozilla Readability's 18 test pages, whose expected text is Readability's own output: their figure
//   is how much of Readability's article we keep, not how good either is.
import { existsSync } from "node:fs";
import path from "node:path";
import { measureReadabilityF1 } from "@/lib/ingest/page/f1-report";
import {
  loadZytePages,
  meanScore,
  presswatchExtractor,
  readabilityExtractor,
  scorePages,
  type PageScore,
} from "@/lib/ingest/page/zyte-benchmark";
import type { BenchOptions } from "./types";

const DEFAULT_ZYTE_DIR = "/work/shared/corpus/pages/zyte";
// --small keeps every SMALL_STEP-th page: a smoke test of the section, not a measurement.
const SMALL_STEP = 8;

const round = (value: number) => Number(value.toFixed(4));

export async function benchExtract(options: BenchOptions): Promise<void> {
  await benchZyte(options);
  await benchReadabilityPages(options);
}

async function benchZyte({ emit, log, small }: BenchOptions): Promise<void> {
  const dir = process.env.ZYTE_PAGES_DIR ?? DEFAULT_ZYTE_DIR;
  if (!existsSync(path.join(dir, "ground-truth.json"))) {
    log?.(`extract: no benchmark pages in ${dir} (set ZYTE_PAGES_DIR); zyte figures skipped`);
    return;
  }
  const started = performance.now();
  const all = await loadZytePages(dir);
  const pages = small ? all.filter((_, i) => i % SMALL_STEP === 0) : all;
  const { presswatch, readability } = scorePages(pages, {
    presswatch: presswatchExtractor,
    readability: readabilityExtractor,
  });

  readability.forEach((baseline, i) => {
    const ours = presswatch[i];
    emit({
      bench: `extract.zyte.${ours.id.slice(0, 12)}.f1`,
      value: round(ours.f1),
      unit: "f1",
      precision: round(ours.precision),
      recall: round(ours.recall),
      readability_f1: round(baseline.f1),
      half: ours.half,
    });
  });
  emitMeans(emit, "extract.zyte", presswatch);
  emitMeans(emit, "extract.zyte.readability", readability);
  log?.(`extract: ${pages.length} benchmark pages in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

function emitMeans(emit: BenchOptions["emit"], prefix: string, scores: PageScore[]): void {
  const groups: Array<[string, PageScore[]]> = [
    [prefix, scores],
    [`${prefix}.tune`, scores.filter((score) => score.half === "tune")],
    [`${prefix}.holdout`, scores.filter((score) => score.half === "holdout")],
  ];
  for (const [name, group] of groups) {
    const mean = meanScore(group);
    for (const key of ["f1", "precision", "recall"] as const)
      emit({ bench: `${name}.${key}`, value: round(mean[key]), unit: "ratio", n: mean.n });
  }
  const ms = scores.reduce((sum, score) => sum + score.ms, 0) / Math.max(scores.length, 1);
  emit({ bench: `${prefix}.ms_per_page`, value: Number(ms.toFixed(1)), unit: "ms", n: scores.length });
}

async function benchReadabilityPages({ emit, log }: BenchOptions): Promise<void> {
  const started = performance.now();
  const scores = await measureReadabilityF1(path.join(process.cwd(), "test/fixtures/pages/readability"));
  for (const { page, f1 } of scores)
    emit({ bench: `extract.readability_pages.${page}.agreement_f1`, value: round(f1), unit: "f1" });
  const mean = scores.reduce((sum, { f1 }) => sum + f1, 0) / Math.max(scores.length, 1);
  emit({
    bench: "extract.readability_pages.agreement_f1",
    value: round(mean),
    unit: "f1",
    n: scores.length,
    compares: "our text with Readability's own output on its test pages: agreement, not quality",
  });
  log?.(`extract: ${scores.length} Readability test pages in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
