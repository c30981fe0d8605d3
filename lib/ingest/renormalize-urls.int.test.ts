import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { renormalizeCanonicalUrls } from "@/lib/ingest/renormalize-urls";
import { storeArticles, type IngestItem } from "@/lib/ingest/store";

// Articles stored under the old normal form (canonical_url set as the old normalizeUrl wrote it: escapes
// kept as written, ?ref= dropped), re-normalised, and then met again by their address. Rows carry this
// file's outlet, host and 2094 dates, so other files' stories neither collide with them nor near-duplicate them.

const TAG = randomBytes(4).toString("hex");
const OUTLET = `Renormalize Test ${TAG}`;
const HOST = `https://renorm-${TAG}.example`;

function item(n: number, url: string, overrides: Partial<IngestItem> = {}): IngestItem {
  return {
    title: `Renormalize story ${n} [${TAG}]`,
    body: `Pyongyang, March ${n} (KCNA) -- Story ${n} of the re-normalisation test ${TAG}, with words of its own: ${randomBytes(16).toString("hex")}.`,
    publishedAt: new Date(Date.UTC(2094, 2, n)),
    source: OUTLET,
    url,
    ...overrides,
  };
}

/** Stores the item at a placeholder address, then gives it `url` with the canonical form the old normalizer wrote. */
async function storeWithOldForm(entry: IngestItem, oldForm: string): Promise<number> {
  const [outcome] = await storeArticles([{ ...entry, url: `${HOST}/placeholder/${randomBytes(4).toString("hex")}` }]);
  expect(outcome.status).toBe("created");
  await db.article.update({ where: { id: outcome.articleId! }, data: { url: entry.url, canonicalUrl: oldForm } });
  return outcome.articleId!;
}

const canonicalOf = async (id: number) =>
  (await db.article.findUniqueOrThrow({ where: { id }, select: { canonicalUrl: true } })).canonicalUrl;

describe("renormalizeCanonicalUrls", () => {
  it("moves stored articles to the new form, so their address finds them again, and changes nothing the second time", async () => {
    const korean = await storeWithOldForm(item(1, `${HOST}/%ea%b9%80`), `${HOST}/%ea%b9%80`);
    const withRef = await storeWithOldForm(item(2, `${HOST}/doc?ref=2024-001`), `${HOST}/doc`);
    // Two spellings of one page, stored twice under the old form; the one already in the new form keeps it.
    const tilde = await storeWithOldForm(item(3, `${HOST}/~user`), `${HOST}/~user`);
    const escaped = await storeWithOldForm(item(4, `${HOST}/%7Euser`), `${HOST}/%7Euser`);
    const source = await db.source.findUniqueOrThrow({ where: { name: OUTLET } });
    const sighting = await db.articleDuplicate.create({
      data: {
        articleId: korean,
        sourceId: source.id,
        url: `${HOST}/reprint/%ea%b9%80`,
        canonicalUrl: `${HOST}/reprint/%ea%b9%80`,
        title: "reprint",
        publishedAt: new Date(Date.UTC(2094, 2, 1)),
        kind: "EXACT",
        similarity: 1,
      },
    });

    const dry = await renormalizeCanonicalUrls({ dryRun: true });
    expect(dry.articles.changed).toBeGreaterThanOrEqual(2);
    expect(await canonicalOf(korean)).toBe(`${HOST}/%ea%b9%80`);

    const result = await renormalizeCanonicalUrls();
    expect(result.articles.changed).toBe(dry.articles.changed);
    expect(await canonicalOf(korean)).toBe(`${HOST}/%EA%B9%80`);
    expect(await canonicalOf(withRef)).toBe(`${HOST}/doc?ref=2024-001`);
    expect(await canonicalOf(tilde)).toBe(`${HOST}/~user`);
    expect(await canonicalOf(escaped)).toBe(`${HOST}/%7Euser`);
    expect(result.articles.collisions).toContainEqual({
      id: escaped,
      url: `${HOST}/%7Euser`,
      canonicalUrl: `${HOST}/%7Euser`,
      wanted: `${HOST}/~user`,
    });
    expect((await db.articleDuplicate.findUniqueOrThrow({ where: { id: sighting.id } })).canonicalUrl).toBe(
      `${HOST}/reprint/%EA%B9%80`,
    );

    const again = await renormalizeCanonicalUrls();
    expect(again.articles.changed).toBe(0);
    expect(again.duplicates.changed).toBe(0);

    // Met again by another spelling of its address (its text since corrected), each is the same article: the
    // corrected text is its new version.
    const outcomes = await storeArticles([
      item(1, `${HOST}/김`, { body: "Pyongyang, March 1 (KCNA) -- A corrected text of story 1." }),
      item(2, `${HOST}/doc?ref=2024-001`, { body: "Pyongyang, March 2 (KCNA) -- A corrected text of story 2." }),
      item(5, `${HOST}/doc?ref=2024-002`),
    ]);
    expect(outcomes.map((outcome) => [outcome.status, outcome.articleId])).toEqual([
      ["updated", korean],
      ["updated", withRef],
      ["created", expect.any(Number)],
    ]);
    expect(outcomes[2].articleId).not.toBe(withRef);
  });
});
