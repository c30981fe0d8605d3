import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { fingerprintArticle, makeExcerpt, simhash64 } from "@/lib/ingest/fingerprint";
import { normalizeUrl } from "@/lib/ingest/normalize-url";
import { findRevisionCandidates, type RevisionLookup } from "@/lib/ingest/revision/candidates";
import { classifyRevision } from "@/lib/ingest/revision/classify";

// Against the run's shared database: this file's own outlets (a random tag in their names), its own URLs and
// dates in 2093, where no other test file's stories are. Texts are the fixtures' real ones.

type Story = { title: string; published: string; url: string; body: string };
type EditRecord = { url: string; versions: { title: string; body: string }[] };
const readJsonl = <T>(name: string) =>
  readFileSync(new URL(`../../../test/fixtures/versions/${name}`, import.meta.url), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as T);

const TAG = randomBytes(4).toString("hex");
const DAY = Date.UTC(2093, 5, 10);
const at = (days: number) => new Date(DAY + days * 86_400_000);
const shoigu = readJsonl<EditRecord>("real-edits.jsonl").find((record) => record.versions[0].title.includes("Shoigu"))!;
const stories = readJsonl<Story>("same-day-stories.jsonl");
const titled = (title: string) => stories.find((story) => story.title === title)!;

let kcna: number;
let reprints: number;
const ids = new Map<string, number>();

async function insert(name: string, sourceId: number, title: string, body: string, day: number, url: string) {
  const article = await db.article.create({
    data: {
      sourceId,
      url,
      canonicalUrl: normalizeUrl(url),
      title,
      bodyText: body,
      excerpt: makeExcerpt(body),
      publishedAt: at(day),
      // Fingerprints are unique in the shared database, where other files store the same fixture texts.
      fingerprint: fingerprintArticle({ title: `${title} ${TAG} ${name}`, body }),
      simhash: simhash64(body),
    },
  });
  ids.set(name, article.id);
}

function lookup(title: string, body: string, day: number, url: string | null, sourceId = kcna): RevisionLookup {
  return {
    sourceId,
    publishedAt: at(day),
    canonicalUrl: url ? normalizeUrl(url) : null,
    title,
    simhash: simhash64(body),
  };
}

const url = (slug: string) => `https://revision-candidates.example/${TAG}/${slug}`;

beforeAll(async () => {
  kcna = (await db.source.create({ data: { name: `Revision Test KCNA ${TAG}` } })).id;
  reprints = (await db.source.create({ data: { name: `Revision Test Reprints ${TAG}` } })).id;
  const [first] = shoigu.versions;
  await insert("original", kcna, first.title, first.body, 0, url("shoigu"));
  await insert("reprint", reprints, first.title, first.body, 0, url("reprint-of-shoigu"));
  for (const [slug, title, day] of [
    ["egypt", "Condolences to Egyptian President", 0],
    ["france", "Condolences to French President", 0],
    ["guests", "Kim Yong Nam Meets Foreign Guests", 1],
    ["talks-later", "Talks between Delegations of WPK, MPP Held", 9],
  ] as const) {
    const story = titled(title);
    await insert(slug, kcna, story.title, story.body, day, url(slug));
  }
});

afterAll(async () => {
  await db.article.deleteMany({ where: { sourceId: { in: [kcna, reprints] } } });
  await db.source.deleteMany({ where: { id: { in: [kcna, reprints] } } });
});

describe("findRevisionCandidates", () => {
  it("finds the original of a pasted re-translation by its source, day and text, and nothing of other outlets", async () => {
    const [, revised] = shoigu.versions;
    const [candidates] = await findRevisionCandidates(db, [lookup(revised.title, revised.body, 1, null)]);
    const found = candidates.map((candidate) => candidate.articleId);
    expect(found).toContain(ids.get("original"));
    expect(found).not.toContain(ids.get("reprint"));
    const original = candidates.find((candidate) => candidate.articleId === ids.get("original"))!;
    expect(original.item).toMatchObject({ title: shoigu.versions[0].title, source: `Revision Test KCNA ${TAG}` });
    expect(original.distance).toBeLessThanOrEqual(24);
    const incoming = { title: revised.title, body: revised.body, source: original.item.source, publishedAt: at(1) };
    expect(classifyRevision(original.item, incoming).edit).toBe(true);
  });

  it("puts the same URL first, found at any date", async () => {
    const [, revised] = shoigu.versions;
    const [candidates] = await findRevisionCandidates(db, [lookup(revised.title, revised.body, 40, url("shoigu"))]);
    expect(candidates[0]).toMatchObject({ articleId: ids.get("original"), sameUrl: true });
  });

  it("brings formulaic siblings of the day as candidates, which the classifier then turns down", async () => {
    const france = titled("Condolences to French President");
    const [candidates, far] = await findRevisionCandidates(db, [
      lookup(france.title, france.body, 0, null),
      lookup(france.title, france.body, 30, null),
    ]);
    const egypt = candidates.find((candidate) => candidate.articleId === ids.get("egypt"));
    expect(egypt?.titleSimilarity).toBeGreaterThan(0.3);
    const incoming = { ...france, source: egypt!.item.source, publishedAt: at(0) };
    expect(classifyRevision(egypt!.item, incoming).edit).toBe(false);
    // Thirty days on, the window holds none of them.
    expect(far).toEqual([]);
  });

  it("answers each lookup of a batch on its own, and an empty batch with nothing", async () => {
    const talks = titled("Talks between Delegations of WPK, MPP Held");
    const results = await findRevisionCandidates(db, [
      lookup(talks.title, talks.body, 8, null),
      lookup("Unrelated Title", "Nothing like any stored text at all.", 8, null),
      lookup(talks.title, talks.body, 8, null, reprints),
    ]);
    expect(results.map((candidates) => candidates.map((candidate) => candidate.articleId))).toEqual([
      [ids.get("talks-later")],
      [],
      [],
    ]);
    expect(await findRevisionCandidates(db, [])).toEqual([]);
  });
});
