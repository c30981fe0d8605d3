import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { simhash64 } from "@/lib/ingest/fingerprint";
import {
  jaccard,
  NEAR_DUPLICATE_MAX_DISTANCE,
  NEAR_DUPLICATE_MIN_SIMILARITY,
  NEAR_DUPLICATE_MIN_WORDS,
  NEAR_DUPLICATE_WINDOW_DAYS,
  simhashDistance,
  splitSimhash,
  textWords,
  wordPairs,
} from "@/lib/ingest/near-duplicate";
import { classifyRevision, MIN_PAIR_CONTAINMENT, REVISION_WINDOW_DAYS } from "@/lib/ingest/revision/classify";
import type { RevisionItem } from "@/lib/ingest/revision/evidence";
import type { BenchOptions } from "./types";
import { benchCandidates, type CandidateCheck } from "./versions-candidates";
import {
  generatedEdits,
  groupByDay,
  itemMaker,
  nearDayPairs,
  realPairs,
  sameDayPairs,
  type CorpusArticle,
  type Half,
  type LabelledPair,
  type VersionsRecord,
} from "./versions-dataset";

// Telling an edit of a stored article from a different story (issue 15). Scored over pairs (stored,
// incoming): the real edits of ../shared/corpus/versions, edits generated from the corpus with a fixed seed
// (versions-edits.ts), every pair of different stories one source published on one day, and the look-alike
// stories of the days around (versions-dataset.ts). The rule was tuned on the tune half; the figures without
// a prefix are the held-out half, `versions.tune.*` the tune half. `*_before` is the near-duplicate rule the
// store used before (SimHash <= 14 bits, word-pair Jaccard >= 0.8, 50 words or more) on the same pairs.
//
// - edit.recall: edits called edits (.lt100/.100_300/.gt300 by the stored text's words, .kind.*, .arrival.*).
// - distinct.precision: pairs called different that are different.
// - distinct.false_merge_rate (and false_merges, the count): different stories of the same day called an
//   edit, the dangerous error (one story would become a version of the other); `_hard` over the pairs
//   sharing a fifth of their word pairs; near_day.false_merges for the look-alikes 1 to 3 days apart.
// - edit.precision: pairs called edits that are edits; it depends on how many edits were generated per
//   different-story pair, so read false_merge_rate first.
// - candidates.*: the SQL candidate query on the corpus loaded into a scratch database (versions-candidates.ts).

const SHARED = "/work/shared/corpus";
const REPO_CORPUS = path.join("prisma", "seed-data", "articles.jsonl.gz");

type Scored = Omit<LabelledPair, "stored" | "incoming"> & {
  after: boolean;
  before: boolean;
  hard: boolean;
  /** The two titles of a false merge, for the log. */
  titles?: string;
};

function readJsonl<T>(file: string): T[] {
  const raw = file.endsWith(".gz") ? gunzipSync(readFileSync(file)).toString("utf8") : readFileSync(file, "utf8");
  return raw
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as T);
}

const oldProfiles = new WeakMap<RevisionItem, { words: number; pairs: Set<string> }>();
const oldSimhashes = new WeakMap<RevisionItem, readonly [number, number]>();

function oldProfile(item: RevisionItem) {
  let profile = oldProfiles.get(item);
  if (!profile) {
    const words = textWords(item.body);
    profile = { words: words.length, pairs: wordPairs(words) };
    oldProfiles.set(item, profile);
  }
  return profile;
}

function oldSimhash(item: RevisionItem) {
  let halves = oldSimhashes.get(item);
  if (!halves) {
    halves = splitSimhash(simhash64(item.body));
    oldSimhashes.set(item, halves);
  }
  return halves;
}

/** The store's near-duplicate decision before this change, for the `_before` figures (Jaccard first: it is cheaper). */
function oldRule(stored: RevisionItem, incoming: RevisionItem): boolean {
  const days = Math.abs(stored.publishedAt.getTime() - incoming.publishedAt.getTime()) / 86_400_000;
  if (days > NEAR_DUPLICATE_WINDOW_DAYS) return false;
  const a = oldProfile(stored);
  const b = oldProfile(incoming);
  if (b.words < NEAR_DUPLICATE_MIN_WORDS) return false;
  if (jaccard(a.pairs, b.pairs) < NEAR_DUPLICATE_MIN_SIMILARITY) return false;
  return simhashDistance(oldSimhash(stored), oldSimhash(incoming)) <= NEAR_DUPLICATE_MAX_DISTANCE;
}

type Corpus = {
  articles: CorpusArticle[];
  records: VersionsRecord[];
  isKnownEdit: (a: CorpusArticle, b: CorpusArticle) => boolean;
  publishedOf: (url: string) => string;
};

function loadCorpus(options: BenchOptions): Corpus {
  const sharedArticles = path.join(SHARED, "kcna", "articles.jsonl");
  const file = options.file ?? (existsSync(sharedArticles) ? sharedArticles : REPO_CORPUS);
  let articles = readJsonl<CorpusArticle>(file);
  // --small: about one day in eight, whole days, so the same-day pairs stay complete.
  if (options.small) articles = articles.filter((article) => smallSample(article.published));
  const versionsFile = path.join(SHARED, "versions", "versions.jsonl");
  const records = existsSync(versionsFile) ? readJsonl<VersionsRecord>(versionsFile) : [];
  options.log?.(`versions: ${articles.length} articles from ${file}, ${records.length} real edit records`);
  const published = new Map(articles.map((article) => [article.url, article.published]));
  const editTitles = records.map((record) => new Set(record.versions.map((version) => version.title)));
  return {
    articles,
    records,
    isKnownEdit: (a, b) => editTitles.some((titles) => titles.has(a.title) && titles.has(b.title)),
    publishedOf: (url) => {
      const record = records.find((candidate) => candidate.url === url)!;
      return published.get(url) ?? /newsID=(\d{4}-\d\d-\d\d)/.exec(url)?.[1] ?? record.versions[0].seen.slice(0, 10);
    },
  };
}

function smallSample(day: string): boolean {
  return createHash("sha1").update(`small:${day}`).digest()[0] % 8 === 0;
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;

function emitHalf(options: BenchOptions, scored: Scored[], half: Half): void {
  const prefix = half === "test" ? "versions" : "versions.tune";
  const rows = scored.filter((pair) => pair.half === half);
  const edits = rows.filter((pair) => pair.edit);
  const distinct = rows.filter((pair) => !pair.edit);
  const report = (name: string, value: number, n: number, unit = "share") =>
    options.emit({ bench: `${prefix}.${name}`, value: round(value), unit, n });
  const share = (pairs: Scored[], hit: (pair: Scored) => boolean) =>
    pairs.filter(hit).length / Math.max(pairs.length, 1);
  for (const [suffix, key] of [
    ["", "after"],
    ["_before", "before"],
  ] as const) {
    const called = (pair: Scored) => pair[key];
    const truePositives = edits.filter(called).length;
    const falseMerges = distinct.filter(called).length;
    const missed = edits.length - truePositives;
    const keptApart = distinct.length - falseMerges;
    report(`edit.recall${suffix}`, share(edits, called), edits.length);
    for (const bucket of ["lt100", "100_300", "gt300"] as const) {
      const inBucket = edits.filter((pair) => pair.bucket === bucket && pair.kind !== "real");
      report(`edit.recall.${bucket}${suffix}`, share(inBucket, called), inBucket.length);
    }
    const real = edits.filter((pair) => pair.kind === "real");
    report(`edit.recall.real${suffix}`, share(real, called), real.length);
    report(`distinct.precision${suffix}`, keptApart / Math.max(keptApart + missed, 1), keptApart + missed);
    const sameDay = distinct.filter((pair) => pair.kind === "same_day");
    report(`distinct.false_merge_rate${suffix}`, share(sameDay, called), sameDay.length);
    report(`distinct.false_merges${suffix}`, sameDay.filter(called).length, sameDay.length, "pairs");
    const hard = sameDay.filter((pair) => pair.hard);
    report(`distinct.false_merge_rate_hard${suffix}`, share(hard, called), hard.length);
    const nearDay = distinct.filter((pair) => pair.kind === "near_day");
    report(`distinct.near_day.false_merges${suffix}`, nearDay.filter(called).length, nearDay.length, "pairs");
    report(
      `edit.precision${suffix}`,
      truePositives / Math.max(truePositives + falseMerges, 1),
      truePositives + falseMerges,
    );
  }
  reportKinds(report, edits, half);
  for (const pair of distinct.filter((pair) => pair.after))
    options.log?.(`versions (${half}): false merge ${pair.titles}`);
}

type Report = (name: string, value: number, n: number) => void;

/** Recall per kind of edit (and per length for the held-out half), and per way of arriving. */
function reportKinds(report: Report, edits: Scored[], half: Half): void {
  const recall = (name: string, pairs: Scored[]) => {
    report(name, pairs.filter((pair) => pair.after).length / Math.max(pairs.length, 1), pairs.length);
    report(`${name}_before`, pairs.filter((pair) => pair.before).length / Math.max(pairs.length, 1), pairs.length);
  };
  for (const kind of [...new Set(edits.map((pair) => pair.kind))]) {
    const ofKind = edits.filter((pair) => pair.kind === kind);
    recall(`edit.recall.kind.${kind}`, ofKind);
    if (half === "tune" || kind === "real") continue;
    for (const bucket of ["lt100", "100_300", "gt300"] as const)
      recall(
        `edit.recall.kind.${kind}.${bucket}`,
        ofKind.filter((pair) => pair.bucket === bucket),
      );
  }
  for (const arrival of ["same_url", "new_url", "paste"])
    recall(
      `edit.recall.arrival.${arrival}`,
      edits.filter((pair) => pair.arrival === arrival),
    );
}

/**
 * About one generated edit in seven, for the SQL candidate check: those arriving under a new URL or none (the
 * same URL is found by the unique index), and not the typo fixes (their stored side is not the corpus text).
 */
function candidateChecks(day: CorpusArticle[], edits: LabelledPair[]): CandidateCheck[] {
  const byUrl = new Map(day.map((article) => [article.url, article]));
  return edits.flatMap((pair) => {
    const original = byUrl.get(pair.stored.url ?? "");
    if (!original || pair.kind === "typo_fixed" || pair.arrival === "same_url") return [];
    if (createHash("sha1").update(`candidates:${pair.kind}:${original.url}`).digest()[0] % 7 !== 0) return [];
    return [{ original, incoming: pair.incoming, half: pair.half }];
  });
}

/** Scores the pairs; the result keeps what the figures need, not the texts, so a day's profiles can be freed. */
function score(pairs: LabelledPair[]): Scored[] {
  return pairs.map(({ stored, incoming, ...label }) => {
    const verdict = classifyRevision(stored, incoming);
    return {
      ...label,
      after: verdict.edit,
      before: oldRule(stored, incoming),
      hard: verdict.evidence.pairContainment >= MIN_PAIR_CONTAINMENT,
      titles: label.edit || !verdict.edit ? undefined : `"${stored.title}" / "${incoming.title}"`,
    };
  });
}

export async function benchVersions(options: BenchOptions): Promise<void> {
  const corpus = loadCorpus(options);
  const started = performance.now();
  const real = realPairs(corpus.records, corpus.publishedOf);
  const scored = score(real);
  const checks: CandidateCheck[] = [];
  for (const day of groupByDay(corpus.articles)) {
    const itemOf = itemMaker();
    const edits = generatedEdits(day, corpus.articles, itemOf);
    scored.push(...score([...edits, ...sameDayPairs(day, itemOf, corpus.isKnownEdit)]));
    checks.push(...candidateChecks(day, edits));
  }
  scored.push(...score(nearDayPairs(corpus.articles, REVISION_WINDOW_DAYS, corpus.isKnownEdit)));
  const seconds = (performance.now() - started) / 1000;
  options.log?.(`versions: ${scored.length} pairs made and scored in ${seconds.toFixed(1)} s`);
  emitHalf(options, scored, "test");
  emitHalf(options, scored, "tune");
  // The real edits with the incoming URL taken away (a re-paste): the URL must not be what finds them.
  const realEdits = real.filter((pair) => pair.edit);
  const pasted = realEdits.filter((pair) => classifyRevision(pair.stored, { ...pair.incoming, url: null }).edit);
  options.emit({
    bench: "versions.edit.recall.real_pasted",
    value: round(pasted.length / Math.max(realEdits.length, 1)),
    unit: "share",
    n: realEdits.length,
  });
  // Rodong Sinmun's two URLs that swapped stories: one URL, two different stories each time.
  const swapped = real.filter((pair) => !pair.edit);
  options.emit({
    bench: "versions.distinct.url_swap.false_merges",
    value: swapped.filter((pair) => classifyRevision(pair.stored, pair.incoming).edit).length,
    unit: "pairs",
    n: swapped.length,
  });
  await benchCandidates(options, corpus.articles, checks);
  options.emit({
    bench: "versions.pair_mean_us",
    value: round((seconds * 1e6) / scored.length),
    unit: "us",
    n: scored.length,
  });
}
