// Extraction quality: token F1 of each saved Readability test page against its expected text, and the mean.
import path from "node:path";
import { measureReadabilityF1 } from "@/lib/ingest/page/f1-report";
import type { BenchOptions } from "./types";

export async function benchExtract({ emit, log }: BenchOptions): Promise<void> {
  const started = performance.now();
  const scores = await measureReadabilityF1(path.join(process.cwd(), "test/fixtures/pages/readability"));
  for (const { page, f1 } of scores) emit({ bench: `extract.${page}.f1`, value: Number(f1.toFixed(4)), unit: "f1" });
  const mean = scores.reduce((sum, { f1 }) => sum + f1, 0) / Math.max(scores.length, 1);
  emit({ bench: "extract.mean.f1", value: Number(mean.toFixed(4)), unit: "f1", n: scores.length });
  log?.(`extract: ${scores.length} pages in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
