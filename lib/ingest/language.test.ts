import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { detectLanguage } from "./language";

type SeedRecord = { title: string; body: string };

function seedRecords(file: string): SeedRecord[] {
  return gunzipSync(readFileSync(file))
    .toString("utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as SeedRecord);
}

describe("detectLanguage", () => {
  it("reads every demo article in its language, as ingest does (undecided is English)", () => {
    const asIngest = (record: SeedRecord) => detectLanguage(`${record.title}\n${record.body}`) ?? "en";
    const english = seedRecords("prisma/seed-data/articles.jsonl.gz");
    const korean = seedRecords("prisma/seed-data/korean.jsonl.gz");
    // One item of KCNA's Spanish edition sits among the English (a list of names: too few words to tell).
    expect(english.filter((record) => asIngest(record) !== "en")).toEqual([]);
    expect(korean.filter((record) => asIngest(record) !== "ko")).toEqual([]);
    expect(korean.length).toBeGreaterThan(5);
  });

  it("tells KCNA's other editions apart", () => {
    expect(
      detectLanguage("El dirigente supremo visitó la fábrica y dio orientaciones para la producción de los obreros."),
    ).toBe("es");
    expect(
      detectLanguage("Le dirigeant suprême a visité l'usine et a donné des orientations pour la production."),
    ).toBe("fr");
    expect(detectLanguage("Уважаемый товарищ Ким Чен Ын посетил завод и дал указания.")).toBe("ru");
    expect(detectLanguage("金正恩同志视察了工厂并作出了重要指示，强调要提高生产。")).toBe("zh");
    expect(detectLanguage("金正恩委員長は工場を視察し、生産の向上について指示した。")).toBe("ja");
    expect(detectLanguage("김정은동지께서 공장을 현지지도하시였다. 미사일발사")).toBe("ko");
  });

  it("leaves short or unclear text undecided", () => {
    expect(detectLanguage("Ri Son Gwon")).toBeNull();
    expect(detectLanguage("12345 678 -- !!")).toBeNull();
    expect(detectLanguage("Hwasongpho Pyongyang Juche Songun Chollima Kimilsungia Kimjongilia")).toBeNull();
  });
});
