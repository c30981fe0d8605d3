// Builds prisma/seed-data/articles.jsonl.gz, the demo corpus committed with the repo, from the full
// KCNA corpus: `tsx scripts/make-seed-sample.ts /work/shared/corpus/kcna/articles.jsonl`.
// It takes whole days (analysts read by day), so a day in the demo holds every story the corpus has for it.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

type CorpusRecord = { title: string; published: string; source: string; url: string; body: string };
type Day = { date: string; lines: string[]; records: CorpusRecord[]; hosts: Set<string> };

const TARGET_ARTICLES = 2_000;
const MAX_GZIP_BYTES = 2 * 1024 * 1024;
const SEED = 20_261_127;
const OUTPUT = path.join("prisma", "seed-data", "articles.jsonl.gz");

// The days SOURCE.md calls out (nuclear tests, Kim Jong Il's death, ...); absent ones are reported, not invented.
const NOTABLE_DAYS = [
  "2006-10-09",
  "2006-10-10",
  "2006-10-11",
  "2009-05-26",
  "2011-12-19",
  "2011-12-20",
  "2013-02-13",
  "2016-01-07",
  "2017-09-03",
  "2017-09-04",
  "2017-11-29",
  "2018-04-21",
];
// www.kcna.kp is sparse before this date and dense (every day) from it.
const KCNA_KP_DENSE_FROM = "2024-08-04";
// The newest kcna.kp days kept in full, so the dashboard's first pages read like a current feed.
const NEWEST_KCNA_KP_DAYS = 21;
const DENSE_KCNA_KP_SHARE = 1 / 3;

/** mulberry32: small, seedable, and the same on every machine. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function shuffle<T>(items: T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

function readDays(file: string): Map<string, Day> {
  const days = new Map<string, Day>();
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line.trim()) continue;
    const record = JSON.parse(line) as CorpusRecord;
    let day = days.get(record.published);
    if (!day) {
      day = { date: record.published, lines: [], records: [], hosts: new Set() };
      days.set(record.published, day);
    }
    day.lines.push(line);
    day.records.push(record);
    day.hosts.add(new URL(record.url).host);
  }
  return days;
}

function selectDays(days: Map<string, Day>, random: () => number): Set<string> {
  const all = [...days.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
  const chosen = new Set<string>(NOTABLE_DAYS.filter((date) => days.has(date)));

  for (const day of all) if (day.hosts.has("www.rodong.rep.kp")) chosen.add(day.date);

  const kcnaKp = all.filter((day) => day.hosts.has("www.kcna.kp"));
  const newest = kcnaKp.slice(-NEWEST_KCNA_KP_DAYS);
  for (const day of newest) chosen.add(day.date);
  for (const day of kcnaKp) if (day.date < KCNA_KP_DENSE_FROM) chosen.add(day.date);
  const denseMiddle = kcnaKp.filter((day) => day.date >= KCNA_KP_DENSE_FROM && !newest.includes(day));
  for (const day of shuffle(denseMiddle, random).slice(0, Math.round(denseMiddle.length * DENSE_KCNA_KP_SHARE))) {
    chosen.add(day.date);
  }

  // The rest of the budget goes to kcna.co.jp, each year getting a share proportional to its articles.
  const countOf = (dates: Iterable<string>) =>
    [...dates].reduce((sum, date) => sum + days.get(date)!.records.length, 0);
  const archive = all.filter((day) => day.hosts.has("kcna.co.jp") && !chosen.has(day.date));
  const byYear = new Map<string, Day[]>();
  for (const day of archive) byYear.set(day.date.slice(0, 4), [...(byYear.get(day.date.slice(0, 4)) ?? []), day]);
  const archiveTotal = countOf(archive.map((day) => day.date));
  const budget = TARGET_ARTICLES - countOf(chosen);
  for (const [, yearDays] of [...byYear].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const quota = (budget * countOf(yearDays.map((day) => day.date))) / archiveTotal;
    let taken = 0;
    for (const day of shuffle(yearDays, random)) {
      // Take a day when doing so lands closer to the quota than stopping short of it.
      if (Math.abs(taken + day.records.length - quota) >= Math.abs(taken - quota)) break;
      chosen.add(day.date);
      taken += day.records.length;
    }
  }
  return chosen;
}

function summarize(records: CorpusRecord[]): string[] {
  const count = (keys: string[]) =>
    keys.reduce((counts, key) => counts.set(key, (counts.get(key) ?? 0) + 1), new Map<string, number>());
  const perHost = count(records.map((record) => new URL(record.url).host));
  const pressReviews = records.filter((record) => /^press review$/i.test(record.title)).length;
  const reruns = [...count(records.map((record) => `${record.title}\n${record.body}`)).values()].filter(
    (n) => n > 1,
  ).length;
  const repeatedUrls = records.length - new Set(records.map((record) => record.url)).size;
  return [
    `per host: ${[...perHost].map(([host, n]) => `${host} ${n}`).join(", ")}`,
    `"Press Review" items: ${pressReviews}; identical title+body re-runs: ${reruns}; repeated URLs: ${repeatedUrls}`,
  ];
}

function main() {
  const input = process.argv[2];
  if (!input) throw new Error("usage: tsx scripts/make-seed-sample.ts <path to kcna articles.jsonl>");
  const days = readDays(input);
  const chosen = [...selectDays(days, createRandom(SEED))].sort();
  const lines = chosen.flatMap((date) => days.get(date)!.lines);
  const records = chosen.flatMap((date) => days.get(date)!.records);
  const gzipped = gzipSync(`${lines.join("\n")}\n`, { level: 9 });
  if (gzipped.length > MAX_GZIP_BYTES)
    throw new Error(`sample is ${gzipped.length} bytes gzipped, over the ${MAX_GZIP_BYTES} budget`);
  mkdirSync(path.dirname(OUTPUT), { recursive: true });
  writeFileSync(OUTPUT, gzipped);
  const missing = NOTABLE_DAYS.filter((date) => !days.has(date));
  console.log(`${OUTPUT}: ${records.length} articles from ${chosen.length} days, ${gzipped.length} bytes gzipped`);
  for (const line of summarize(records)) console.log(line);
  if (missing.length) console.log(`notable days absent from the corpus: ${missing.join(", ")}`);
}

main();
