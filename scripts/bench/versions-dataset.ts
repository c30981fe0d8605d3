import { createHash } from "node:crypto";
import type { RevisionItem } from "@/lib/ingest/revision/evidence";
import { simhash64 } from "@/lib/ingest/fingerprint";
import { simhashDistance, splitSimhash } from "@/lib/ingest/near-duplicate";
import { revisionWords } from "@/lib/ingest/revision/text-profile";
import { EDIT_KINDS, makeEdit, pick, seededRandom, SEED, type CorpusArticle } from "./versions-edits";

// The pairs the `versions` bench scores: real edits (../shared/corpus/versions), edits generated from corpus
// articles with a fixed seed (versions-edits.ts), every pair of different stories of one source and day,
// and the look-alike stories of the days around (within the revision window). Every pair goes to the tune
// half or the held-out half by a hash of its (first) day, of its URL for the real edits, so an edit and the
// stories it must be told from land in the same half.

export type { CorpusArticle };
export type VersionsRecord = {
  url: string;
  source: string;
  versions: { seen: string; title: string; body: string }[];
  note?: string;
};

type EditKind = (typeof EDIT_KINDS)[number] | "real";
type Bucket = "lt100" | "100_300" | "gt300";
export type Half = "tune" | "test";

export type LabelledPair = {
  stored: RevisionItem;
  incoming: RevisionItem;
  edit: boolean;
  kind: EditKind | "same_day" | "near_day";
  bucket: Bucket;
  half: Half;
  arrival?: Arrival;
};

export function halfOf(key: string): Half {
  return createHash("sha1").update(key).digest()[0] % 2 === 0 ? "tune" : "test";
}

function bucketOf(body: string): Bucket {
  const words = body.split(/\s+/).filter(Boolean).length;
  return words < 100 ? "lt100" : words <= 300 ? "100_300" : "gt300";
}

/** Makes an article's item for a pair; one object per article and URL, so its text profile is computed once. */
type ItemMaker = (article: CorpusArticle, url?: string | null) => RevisionItem;

/** An ItemMaker with its own cache: the bench makes one per day and drops it with the day's profiles. */
export function itemMaker(): ItemMaker {
  const cache = new Map<CorpusArticle, Map<string | null, RevisionItem>>();
  return (article, url = article.url) => {
    const byUrl = cache.get(article) ?? cache.set(article, new Map()).get(article)!;
    let item = byUrl.get(url);
    if (!item) {
      item = {
        title: article.title,
        body: article.body,
        source: article.source,
        publishedAt: new Date(`${article.published}T00:00:00Z`),
        url,
      };
      byUrl.set(url, item);
    }
    return item;
  };
}

/** How an edit arrives: under the same URL, under a new one, or pasted without one. */
type Arrival = "same_url" | "new_url" | "paste";
const ARRIVALS: Arrival[] = ["same_url", "new_url", "paste"];

function arrivalOf(key: string): Arrival {
  return ARRIVALS[createHash("sha1").update(`arrival:${key}`).digest()[0] % 3];
}

function incomingUrl(url: string, arrival: Arrival): string | null {
  if (arrival === "paste") return null;
  return arrival === "same_url" ? url : `${url.replace(/#.*$/, "")}?revised=1`;
}

/** Articles grouped by source and day: the unit the bench scores (and frees) at a time. */
export function groupByDay(articles: CorpusArticle[]): CorpusArticle[][] {
  const byDay = new Map<string, CorpusArticle[]>();
  for (const article of articles) {
    const key = `${article.source}:${article.published}`;
    byDay.set(key, [...(byDay.get(key) ?? []), article]);
  }
  return [...byDay.values()];
}

/**
 * Generated edits: each kind applied once to each article, each arriving by the way its URL's hash says.
 * Seeded per article, so an article's edits are the same whichever subset of the corpus is scored; the
 * sentences and paragraphs put in come from `pool` articles of other days.
 */
export function generatedEdits(
  articles: CorpusArticle[],
  pool: CorpusArticle[],
  itemOf: ItemMaker = itemMaker(),
  seed = SEED,
): LabelledPair[] {
  const pairs: LabelledPair[] = [];
  for (const article of articles) {
    const random = seededRandom(seed ^ createHash("sha1").update(article.url).digest().readUInt32LE(0));
    const donors: CorpusArticle[] = [];
    for (let attempt = 0; donors.length < 3 && attempt < 100; attempt++) {
      const other = pick(random, pool);
      if (other.published !== article.published) donors.push(other);
    }
    if (donors.length < 3) continue;
    for (const kind of EDIT_KINDS) {
      const edit = makeEdit(kind, article, random, donors);
      if (!edit) continue;
      const arrival = arrivalOf(`${kind}:${article.url}`);
      pairs.push({
        stored: itemOf(edit.stored),
        incoming: itemOf(edit.incoming, incomingUrl(article.url, arrival)),
        edit: true,
        kind,
        bucket: bucketOf(edit.stored.body),
        half: halfOf(`${article.source}:${article.published}`),
        arrival,
      });
    }
  }
  return pairs;
}

/**
 * Every pair of different stories in one source's day. Left out: pairs under one URL (the corpus keeps
 * both versions of a re-issued kcna.kp article: 19 of its 21 such pairs are real edits, the other 2 differ
 * only in a scraper's date suffix) and pairs `isKnownEdit` recognises (a real edit whose versions the
 * corpus holds under two link hashes).
 */
export function sameDayPairs(
  day: CorpusArticle[],
  itemOf: ItemMaker = itemMaker(),
  isKnownEdit: (a: CorpusArticle, b: CorpusArticle) => boolean = () => false,
): LabelledPair[] {
  const pairs: LabelledPair[] = [];
  for (let i = 0; i < day.length; i++) {
    for (let j = i + 1; j < day.length; j++) {
      if (day[i].url === day[j].url || isKnownEdit(day[i], day[j])) continue;
      const pasted = arrivalOf(`${day[i].url} ${day[j].url}`) === "paste";
      pairs.push({
        stored: itemOf(day[i]),
        incoming: itemOf(day[j], pasted ? null : day[j].url),
        edit: false,
        kind: "same_day",
        bucket: bucketOf(day[i].body),
        half: halfOf(`${day[i].source}:${day[i].published}`),
      });
    }
  }
  return pairs;
}

/** Near-day look-alikes: SimHash within this many bits (the old near-duplicate rule took 14), or one title. */
const NEAR_DAY_MAX_DISTANCE = 24;

/**
 * Different stories of one source published 1 to `days` days apart that look alike: SimHash within 24 bits
 * (the old rule's look-alikes) or the same title ("Press Review", "Kim Il Sung to Be Remembered in ...").
 * Left out: identical texts (KCNA re-runs a story on another day, and that is the same story) and, as in
 * sameDayPairs, one URL's two versions and the known real edits.
 */
export function nearDayPairs(
  articles: CorpusArticle[],
  days: number,
  isKnownEdit: (a: CorpusArticle, b: CorpusArticle) => boolean = () => false,
  itemOf: ItemMaker = itemMaker(),
): LabelledPair[] {
  const dayMs = 86_400_000;
  const keyed = articles
    .map((article) => ({
      article,
      time: Date.parse(`${article.published}T00:00:00Z`),
      halves: splitSimhash(simhash64(article.body)),
      title: revisionWords(article.title).join(" "),
      body: revisionWords(article.body).join(" "),
    }))
    .sort((a, b) => a.time - b.time);
  const pairs: LabelledPair[] = [];
  for (let i = 0; i < keyed.length; i++) {
    for (let j = i + 1; j < keyed.length && keyed[j].time - keyed[i].time <= days * dayMs; j++) {
      const [a, b] = [keyed[i], keyed[j]];
      if (a.time === b.time || a.article.source !== b.article.source || a.body === b.body) continue;
      if (a.article.url === b.article.url || isKnownEdit(a.article, b.article)) continue;
      if (a.title !== b.title && simhashDistance(a.halves, b.halves) > NEAR_DAY_MAX_DISTANCE) continue;
      pairs.push({
        stored: itemOf(a.article),
        incoming: itemOf(b.article),
        edit: false,
        kind: "near_day",
        bucket: bucketOf(a.article.body),
        half: halfOf(`${a.article.source}:${a.article.published}`),
      });
    }
  }
  return pairs;
}

/**
 * The real edits: each record's two versions. The two Rodong Sinmun records of the newsID swap are the
 * other way round: one URL, two different stories, while the same story moved between the two URLs.
 */
export function realPairs(records: VersionsRecord[], publishedOf: (url: string) => string): LabelledPair[] {
  const item = (record: VersionsRecord, version: number, url: string | null): RevisionItem => ({
    title: record.versions[version].title,
    body: record.versions[version].body,
    source: record.source.startsWith("thogra") ? "Rodong Sinmun" : "KCNA",
    publishedAt: new Date(`${publishedOf(record.url)}T00:00:00Z`),
    url,
  });
  const swapped = records.filter((record) => record.note);
  const pairs: LabelledPair[] = [];
  for (const record of records) {
    const base = { kind: "real" as const, bucket: bucketOf(record.versions[0].body), half: halfOf(record.url) };
    pairs.push({
      ...base,
      stored: item(record, 0, record.url),
      incoming: item(record, 1, record.url),
      edit: !record.note,
    });
  }
  for (const [first, second] of [swapped, [...swapped].reverse()]) {
    if (!first || !second) continue;
    pairs.push({
      stored: item(first, 0, first.url),
      incoming: item(second, 1, second.url),
      edit: true,
      kind: "real",
      bucket: bucketOf(first.versions[0].body),
      half: halfOf(first.url),
    });
  }
  return pairs;
}
