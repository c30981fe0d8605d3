import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { STARTER_REGISTER_FILE } from "@/lib/data/names-import";
import { Prisma } from "@/lib/generated/prisma/client";
import { factorTsquery } from "@/lib/search/tsquery-factor";

// A factored tsquery must match exactly what the query as PostgreSQL printed it matches. Checked on real PostgreSQL
// for every entry of the starter names register: its spellings ORed as the search ORs them, against texts holding
// each spelling (alone, inside a sentence, and broken by a word after its first), the spellings of every entry
// sharing its first word, and a sample of the rest.

type Entry = { canonical: string; aliases: string[] };

const entries: Entry[] = readFileSync(STARTER_REGISTER_FILE, "utf8")
  .split("\n")
  .filter(Boolean)
  .map((line) => JSON.parse(line) as Entry);

const firstWord = (text: string) =>
  text
    .trim()
    .split(/[\s-]+/)[0]
    .toLowerCase();

function textsOf(entry: Entry): string[] {
  return entry.aliases.flatMap((alias) => {
    const words = alias.split(" ");
    return [
      alias,
      `On Tuesday ${alias} said that the work went well.`,
      words.length > 1 ? `${words[0]} and ${words.slice(1).join(" ")}` : `${alias}s`,
    ];
  });
}

describe("factorTsquery on PostgreSQL", () => {
  it("matches what the unfactored query matches, for every name in the register", async () => {
    const [{ texts: originals }] = await db.$queryRaw<{ texts: string[] }[]>(
      Prisma.sql`SELECT ARRAY[${Prisma.join(
        entries.map(
          (entry) =>
            Prisma.sql`(${Prisma.join(
              entry.aliases.map((alias) => Prisma.sql`phraseto_tsquery('english', search_fold(${alias}))`),
              " || ",
            )})::text`,
        ),
      )}]::text[] AS texts`,
    );
    const factored = originals.map(factorTsquery);
    expect(factored.filter((text, i) => text !== originals[i]).length).toBeGreaterThan(100);

    const family = new Map<string, number[]>();
    entries.forEach((entry, i) => {
      for (const word of new Set(entry.aliases.map(firstWord))) family.set(word, [...(family.get(word) ?? []), i]);
    });
    const queryIndexes: number[] = [];
    const texts: string[] = [];
    entries.forEach((entry, i) => {
      const related = new Set([i, ...entry.aliases.flatMap((alias) => family.get(firstWord(alias)) ?? [])]);
      for (let k = 0; k < 5; k++) related.add((i * 37 + k * 101) % entries.length);
      for (const other of related)
        for (const text of textsOf(entries[other])) {
          queryIndexes.push(i);
          texts.push(text);
        }
    });

    const [result] = await db.$queryRaw<{ pairs: number; matches: number; differ: string[] }[]>`
      SELECT count(*)::int AS pairs, count(*) FILTER (WHERE m.original)::int AS matches,
             (array_agg(m.q || ': ' || m.t) FILTER (WHERE m.original <> m.factored))[1:5] AS differ
      FROM (
        SELECT u.q, u.t, v @@ (${originals}::text[])[u.q + 1]::tsquery AS original,
               v @@ (${factored}::text[])[u.q + 1]::tsquery AS factored
        FROM unnest(${queryIndexes}::int[], ${texts}::text[]) AS u(q, t)
        CROSS JOIN LATERAL to_tsvector('english', search_fold(u.t)) AS v
      ) m`;
    expect(result.differ ?? []).toEqual([]);
    expect(result.pairs).toBeGreaterThan(10_000);
    expect(result.matches).toBeGreaterThan(2_000);
  });
});
