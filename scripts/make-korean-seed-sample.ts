// Builds prisma/seed-data/korean.jsonl.gz, the demo's Korean-language articles, from the Korean corpus:
// `tsx scripts/make-korean-seed-sample.ts /work/shared/corpus/korean/articles.jsonl`. It keeps the New Year
// addresses and joint editorials from FIRST_YEAR on (the years the English demo covers densely, and the
// first that name Kim Jong Un), each under the outlet that published it, and leaves the language for the seed
// to detect, as ingest does when nobody says.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

type KoreanRecord = { title: string; published: string; source: string; url: string; body: string };

const FIRST_YEAR = 2008;
const OUTPUT = path.join("prisma", "seed-data", "korean.jsonl.gz");

/** The corpus names a genre; the demo files each text under the outlet that carried it. */
function outletOf(genre: string): string {
  return genre.startsWith("New Year address") ? "KCNA" : "Rodong Sinmun";
}

function main() {
  const input = process.argv[2];
  if (!input) throw new Error("usage: tsx scripts/make-korean-seed-sample.ts <path to korean articles.jsonl>");
  const records = readFileSync(input, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as KoreanRecord)
    .filter((record) => Number(record.published.slice(0, 4)) >= FIRST_YEAR)
    .map(({ title, published, source, url, body }) => ({ title, published, source: outletOf(source), url, body }));
  const gzipped = gzipSync(`${records.map((record) => JSON.stringify(record)).join("\n")}\n`, { level: 9 });
  mkdirSync(path.dirname(OUTPUT), { recursive: true });
  writeFileSync(OUTPUT, gzipped);
  console.log(`${OUTPUT}: ${records.length} articles, ${gzipped.length} bytes gzipped`);
}

main();
