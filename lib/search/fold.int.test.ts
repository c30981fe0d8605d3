import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { fold, foldWithOrigin, LETTER_TABLE } from "@/lib/search/fold";
import { ENGLISH_STOP_WORDS } from "@/lib/search/stop-words";

// The database's search_fold (which the stored vector and every query use) and fold.ts (which places
// highlights) must agree exactly, or a highlight lands on the wrong words: checked on every demo article,
// on every character the fold treats specially, and on the awkward cases.

async function sqlFold(texts: string[]): Promise<string[]> {
  const rows = await db.$queryRaw<{ folded: string }[]>(Prisma.sql`
    SELECT search_fold(t) AS folded FROM unnest(${texts}::text[]) WITH ORDINALITY AS x(t, n) ORDER BY n`);
  return rows.map((row) => row.folded);
}

function seedTexts(file: string): string[] {
  return gunzipSync(readFileSync(file))
    .toString("utf8")
    .split("\n")
    .filter((line) => line.trim())
    .flatMap((line) => {
      const record = JSON.parse(line) as { title: string; body: string };
      return [record.title, record.body];
    });
}

async function expectSameFold(texts: string[]): Promise<void> {
  for (let start = 0; start < texts.length; start += 500) {
    const batch = texts.slice(start, start + 500);
    const folded = await sqlFold(batch);
    const different = batch.filter((text, i) => fold(text) !== folded[i]);
    expect(different.slice(0, 3)).toEqual([]);
  }
}

describe("search_fold and fold.ts", () => {
  it("agree on every demo article, English and Korean", async () => {
    await expectSameFold([
      ...seedTexts("prisma/seed-data/articles.jsonl.gz"),
      ...seedTexts("prisma/seed-data/korean.jsonl.gz"),
    ]);
  });

  it("agree on every character they treat specially, alone and between letters", async () => {
    const characters: string[] = [...LETTER_TABLE.keys()];
    for (const [low, high] of [
      [0x00a0, 0x02ff],
      [0x0300, 0x036f],
      [0x2000, 0x206f],
      [0x3000, 0x30ff],
      [0xff00, 0xff65],
    ])
      for (let code = low; code <= high; code++) characters.push(String.fromCharCode(code));
    await expectSameFold(
      characters.flatMap((char) => [char, `a${char}b`, `1${char}2`, `김${char}정`, `${char}${char}x`]),
    );
  });

  it("agree on the awkward cases", async () => {
    await expectSameFold([
      "a'b'c d''e f'-g 'h' i'",
      "a-b-c 1-2 x--y -17 z- Hwasong-17 KN-23A",
      "Hwasong17 17Hwasong a1b2c3 COVID19",
      "김 김정 김정은 김정은동지께서 金正恩同志 キム・ジョンウン 2019년 abc김정def",
      "“Quoted” — dash – and … ellipsis «guillemets» 《로동신문》「括弧」",
      "o\u0306 u\u0306 Cho\u0306ngu\u0306n soft\u00adhyphen zero\u200bwidth",
      "Ｋ１ ＡＢＣ １２３ P’yŏngyang Ch‘oe Sŏnhŭi Čchoi Rjong-hae Łódź",
      "",
    ]);
  });

  it("map every folded character back to a character of the original", () => {
    const text = "Ch'oe Sŏnhŭi, 김정은동지께서 — Hwasong17";
    const folded = foldWithOrigin(text);
    expect(folded.origin).toHaveLength(folded.text.length);
    expect(folded.origin.every((at, i) => at >= 0 && at < text.length && (i === 0 || at >= folded.origin[i - 1]))).toBe(
      true,
    );
  });

  it("skip the same stop words as the database", async () => {
    const rows = await db.$queryRaw<{ word: string; empty: boolean }[]>(Prisma.sql`
      SELECT w AS word, numnode(plainto_tsquery('english', w)) = 0 AS empty FROM unnest(${[...ENGLISH_STOP_WORDS]}::text[]) w`);
    expect(rows.filter((row) => !row.empty)).toEqual([]);
    expect(ENGLISH_STOP_WORDS.size).toBe(127);
  });
});
