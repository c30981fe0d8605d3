import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { importNameEntries } from "@/lib/data/names-import";
import { addNameAlias } from "@/lib/data/names";
import { articleMatches } from "@/lib/search/article-highlight";
import { listArticles } from "@/lib/search/list-articles";
import { ruleMatchSql } from "@/lib/themes/rules";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ArticleFilter } from "@/lib/validation/article-filter";

// Each class of spelling variant, end to end on real PostgreSQL: articles stored through the generated search
// column, searched through listArticles as the desk searches. The articles are dated 1953, which no other
// test uses, and every search is limited to that year.

const RUN = randomBytes(3).toString("hex");
const FROM = new Date("1953-01-01T00:00:00Z");
const TO = new Date("1953-12-31T00:00:00Z");

const TEXTS: Record<string, string> = {
  kcnaName: "Kim Jong Un inspected the Hwasongpho-17 launch with Choe Son Hui.",
  hyphenName: "Analysts say Kim Jong-un watched the Hwasong-17 test.",
  joinedName: "The leader Kim Jongun and Choe Ryonghae were present.",
  spacedName: "Choe Ryong Hae spoke at the rally in the capital.",
  mrMarks: "In P'yŏngyang, Ch'oe Sŏnhŭi met the delegation.",
  plainCapital: "In Pyongyang the foreign minister met the delegation.",
  joinedWeapon: "Reports mention a Hwasong17 on parade.",
  hangul: "김정은동지께서 미사일발사를 참관하시였다.",
  hangulOther: "김정일동지의 유훈을 받들어 나가자.",
  hanja: "金正恩同志視察了工厂。",
  unrelated: "The harvest in the cooperative farms was good this year.",
};

const ids: Record<string, number> = {};

async function search(q: string, extra: Partial<ArticleFilter> = {}): Promise<string[]> {
  const page = await listArticles({ tagMode: "any", sort: "newest", from: FROM, to: TO, q, ...extra }, { take: 50 });
  const byId = new Map(Object.entries(ids).map(([name, id]) => [id, name]));
  return page.items
    .map((item) => byId.get(item.id))
    .filter((name): name is string => Boolean(name))
    .sort();
}

beforeAll(async () => {
  const source = await db.source.create({ data: { name: `Variants wire ${RUN}` } });
  let day = 1;
  for (const [name, text] of Object.entries(TEXTS)) {
    const article = await db.article.create({
      data: {
        sourceId: source.id,
        title: `Report ${name}`,
        bodyText: text,
        excerpt: text,
        language: /[가-힣]/.test(text) ? "ko" : "en",
        publishedAt: new Date(Date.UTC(1953, 0, day++)),
        fingerprint: `variants-${RUN}-${name}`,
      },
    });
    ids[name] = article.id;
  }
  const imported = await importNameEntries(
    db,
    [
      {
        kind: "person",
        canonical: "Choe Son-hui",
        aliases: ["Choe Son-hui", "Choe Seon-hui", "최선희", "崔善姬"],
      },
      { kind: "person", canonical: "Kim Jong-un", aliases: ["Kim Jong-un", "김정은", "金正恩", "Gim Jeong-eun"] },
      { kind: "weapon", canonical: "Hwasong-17", aliases: ["Hwasong-17", "Hwasongpho-17", "화성포-17형"] },
    ],
    null,
    "variants test",
  );
  expect(imported.ok).toBe(true);
});

describe("spelling variants", () => {
  it("hyphen and space: Jong-un = Jong Un, Hwasong-17 = Hwasong 17 = Hwasong17", async () => {
    expect(await search('"Jong Un"', { noAliases: [] })).toEqual(expect.arrayContaining(["hyphenName", "kcnaName"]));
    expect(await search("Jong-un")).toEqual(expect.arrayContaining(["hyphenName", "kcnaName"]));
    expect(await search('"Hwasong 17"')).toEqual(expect.arrayContaining(["hyphenName", "joinedWeapon"]));
    expect(await search("Hwasong17")).toEqual(expect.arrayContaining(["hyphenName", "joinedWeapon"]));
  });

  it("joined: Ryong-hae = Ryonghae, and Jongun = Jong Un", async () => {
    expect(await search("Ryong-hae")).toEqual(["joinedName", "spacedName"]);
    expect(await search('"Choe Ryonghae"')).toEqual(["joinedName"]);
    expect(await search("Ryonghae")).toEqual(["joinedName", "spacedName"]);
    expect(await search("Jongun")).toEqual(expect.arrayContaining(["hyphenName", "joinedName", "kcnaName"]));
  });

  it("apostrophes and diacritics: P'yŏngyang = Pyongyang, Ch'oe = Choe", async () => {
    expect(await search("Pyongyang")).toEqual(["mrMarks", "plainCapital"]);
    expect(await search("P'yŏngyang")).toEqual(["mrMarks", "plainCapital"]);
    expect(await search("P’yongyang")).toEqual(["mrMarks", "plainCapital"]);
    expect(await search("Sonhui")).toEqual(["kcnaName", "mrMarks"]);
    expect(await search("Ch'oe")).toEqual(expect.arrayContaining(["mrMarks", "spacedName", "joinedName"]));
  });

  it("Revised Romanization finds McCune-Reischauer and KCNA's spelling, through the register", async () => {
    expect(await search("Choe Seon-hui")).toEqual(["kcnaName", "mrMarks"]);
    expect(await search("Gim Jeong-eun")).toEqual(
      expect.arrayContaining(["kcnaName", "hyphenName", "hangul", "hanja"]),
    );
  });

  it("Hangul however particles attach, and never another name", async () => {
    expect(await search("김정은")).toEqual(expect.arrayContaining(["hangul"]));
    expect(await search("김정은")).not.toContain("hangulOther");
    expect(await search("미사일")).toEqual(["hangul"]);
    expect(await search("미사일발사")).toEqual(["hangul"]);
    expect(await search("김정일")).toEqual(["hangulOther"]);
    expect(await search("유훈을")).toEqual(["hangulOther"]);
  });

  it("Hanja, and a query in one script finding the others through the register", async () => {
    expect(await search("金正恩")).toEqual(expect.arrayContaining(["hanja", "hangul", "kcnaName", "hyphenName"]));
    expect(await search("Kim Jong-un")).toEqual(expect.arrayContaining(["hanja", "hangul", "kcnaName"]));
    expect(await search("김정은 미사일")).toEqual(["hangul"]);
    expect(await search("Hwasongpho-17")).toEqual(expect.arrayContaining(["kcnaName", "hyphenName", "joinedWeapon"]));
  });
});

describe("the register's expansion", () => {
  it("says what it added, and leaves out the spellings the analyst removed", async () => {
    const page = await listArticles({ tagMode: "any", sort: "newest", from: FROM, to: TO, q: "Kim Jong-un" });
    const [expansion] = page.search!.expansions;
    expect(expansion.entry.canonical).toBe("Kim Jong-un");
    expect(expansion.searched.map((spelling) => spelling.alias)).toEqual(["김정은", "金正恩", "Gim Jeong-eun"]);
    const hangul = expansion.searched.find((spelling) => spelling.alias === "김정은")!;
    expect(await search("Kim Jong-un", { noAliases: [hangul.aliasId] })).not.toContain("hangul");
    const without = await listArticles({
      tagMode: "any",
      sort: "newest",
      from: FROM,
      to: TO,
      q: "Kim Jong-un",
      noAliases: [hangul.aliasId],
    });
    expect(without.search!.expansions[0].removed.map((spelling) => spelling.alias)).toEqual(["김정은"]);
  });

  it("finds a spelling added to the register at once", async () => {
    const admin = await db.user.create({
      data: { email: `variants-${RUN}@example.com`, name: "Variants Admin", passwordHash: "x", role: "ADMIN" },
    });
    const entry = await db.nameEntry.findFirstOrThrow({ where: { canonical: "Choe Son-hui" } });
    expect(await search("Choe Sonhi")).toEqual([]);
    await addNameAlias(entry.id, { alias: "Choe Sonhi" }, { id: admin.id, role: "ADMIN" });
    expect(await search("Choe Sonhi")).toEqual(["kcnaName", "mrMarks"]);
  });

  it("excludes every spelling of an excluded name", async () => {
    const names = await search('-"Kim Jong-un" -harvest');
    expect(names).not.toEqual(expect.arrayContaining(["kcnaName"]));
    expect(names).not.toContain("hangul");
    expect(names).not.toContain("hanja");
    expect(names).toContain("plainCapital");
  });

  it("explains a search of stop words only", async () => {
    const page = await listArticles({ tagMode: "any", sort: "newest", from: FROM, to: TO, q: "the of" });
    expect(page.items).toEqual([]);
    expect(page.search!.notes.join(" ")).toMatch(/“the”, “of” are words too common to search/);
  });
});

describe("theme rules and highlights read the same variants", () => {
  it("a rule written Jong-un matches the articles that say Jong Un and Jongun", async () => {
    const match = ruleMatchSql({ query: "Kim Jong-un", sourceIds: [], scope: "LEAD" })!;
    const rows = await db.$queryRaw<{ id: number }[]>(Prisma.sql`
      SELECT a.id FROM articles a WHERE a.id = ANY(${Object.values(ids)}::int[]) AND ${match.where} ORDER BY a.id`);
    expect(rows.map((row) => row.id)).toEqual([ids.kcnaName, ids.hyphenName, ids.joinedName]);
  });

  it("the snippet marks the spelling as the article writes it", async () => {
    const page = await listArticles({ tagMode: "any", sort: "newest", from: FROM, to: TO, q: "Pyongyang 김정은" });
    expect(page.items).toEqual([]);
    const capital = await listArticles({ tagMode: "any", sort: "newest", from: FROM, to: TO, q: "Pyongyang" });
    const marked = capital.items.flatMap((item) => item.excerpt.filter((s) => s.match).map((s) => s.text));
    expect(marked.sort()).toEqual(["P'yŏngyang", "Pyongyang"]);
    const korean = await listArticles({ tagMode: "any", sort: "newest", from: FROM, to: TO, q: "미사일" });
    expect(korean.items[0].excerpt.filter((s) => s.match).map((s) => s.text)).toEqual(["미사일"]);
  });

  it("a Korean snippet is found around the word however deep in the text it stands", async () => {
    const source = await db.source.findFirstOrThrow({ where: { name: `Variants wire ${RUN}` } });
    const filler = "인민경제의 여러 부문에서 새로운 성과들이 이룩되고 있다. ".repeat(150);
    await db.article.create({
      data: {
        sourceId: source.id,
        title: "보도",
        bodyText: `${filler}조선인민군 전략군은 대륙간탄도미싸일 시험발사를 진행하였다. ${filler}`,
        excerpt: filler.slice(0, 200),
        language: "ko",
        publishedAt: new Date(Date.UTC(1948, 5, 1)),
        fingerprint: `variants-${RUN}-deep-korean`,
      },
    });
    const page = await listArticles({
      tagMode: "any",
      sort: "newest",
      from: new Date("1948-01-01T00:00:00Z"),
      to: new Date("1948-12-31T00:00:00Z"),
      q: "대륙간탄도미싸일",
    });
    expect(page.items).toHaveLength(1);
    expect(page.items[0].excerpt.filter((s) => s.match).map((s) => s.text)).toEqual(["대륙간탄도미싸일"]);
  });

  it("an English snippet is found around the name's words, past a word that only starts like one of them", async () => {
    const source = await db.source.findFirstOrThrow({ where: { name: `Variants wire ${RUN}` } });
    const filler = "The harvest in the northern provinces went on as planned this season. ".repeat(20);
    await db.article.create({
      data: {
        sourceId: source.id,
        title: "Report",
        // "Ryongchon" starts like "Ryong": its window holds no match, so the snippet is looked for from the start.
        bodyText: `Crews in Ryongchon worked on. ${filler}Premier Jaerim Tonbak met the crews. ${filler}`,
        excerpt: filler.slice(0, 200),
        publishedAt: new Date(Date.UTC(1947, 5, 1)),
        fingerprint: `variants-${RUN}-deep-english`,
      },
    });
    const page = await listArticles({
      tagMode: "any",
      sort: "newest",
      from: new Date("1947-01-01T00:00:00Z"),
      to: new Date("1947-12-31T00:00:00Z"),
      q: '"Jaerim Tonbak" OR "Ryongsu Tonbak"',
    });
    expect(page.items).toHaveLength(1);
    expect(page.items[0].excerpt.filter((s) => s.match).map((s) => s.text)).toEqual(["Jaerim Tonbak"]);
  });

  it("the article marks whole phrases only, not a name's first syllables in another name", async () => {
    const text = "김정은동지와 김정일동지. Kim Jong Un met Kim Jong Il and Kim Jong-un.";
    const marked = (ranges: { start: number; end: number }[]) =>
      ranges.map((range) => text.slice(range.start, range.end));
    expect(marked((await articleMatches(text, { q: "김정은" }))!.ranges)).toEqual([
      "김정은",
      "Kim Jong Un",
      "Kim Jong-un",
    ]);
    expect(marked((await articleMatches(text, { q: '"Kim Jong Un"', noAliases: [] }))!.ranges)).toEqual(
      expect.arrayContaining(["Kim Jong Un", "Kim Jong-un"]),
    );
    expect(marked((await articleMatches(text, { q: '"Kim Jong Un"' }))!.ranges)).not.toContain("Kim Jong Il");
    // A prefix of Hangul is a prefix of its first pair: 김정 in both names.
    expect(marked((await articleMatches(text, { q: "김정* -harvest" }))!.ranges)).toEqual(["김정", "김정"]);
  });
});
