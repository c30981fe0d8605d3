import { describe, expect, it } from "vitest";
import { fold, foldedWords, foldWithOrigin } from "./fold";

describe("fold", () => {
  it("makes the variant spellings of a name the same words", () => {
    expect(foldedWords("Kim Jong-un")).toEqual(["kim", "jong", "un"]);
    expect(foldedWords("Kim Jong Un")).toEqual(["kim", "jong", "un"]);
    expect(foldedWords("P'yŏngyang")).toEqual(["pyongyang"]);
    expect(foldedWords("P’yŏngyang")).toEqual(["pyongyang"]);
    expect(foldedWords("Ch'oe Sŏnhŭi")).toEqual(["choe", "sonhui"]);
    expect(foldedWords("Hwasong-17")).toEqual(["hwasong", "17"]);
    expect(foldedWords("Hwasong17")).toEqual(["hwasong", "17"]);
    expect(foldedWords("Čchoi Rjong-hae")).toEqual(["cchoi", "rjong", "hae"]);
  });

  it("leaves a dash or an apostrophe alone where it does not join two words", () => {
    expect(fold("a - b")).toBe("a - b");
    expect(fold("'quoted'")).toBe("'quoted'");
    expect(fold("-17")).toBe("-17");
  });

  it("turns typographic punctuation into spaces", () => {
    expect(fold("“Quoted”—text")).toBe(" Quoted text");
    expect(fold("《로동신문》")).toBe("  로동 동신 신문  ");
  });

  it("pairs Hangul, Kana and Han characters", () => {
    expect(fold("김정은동지께서")).toBe(" 김정 정은 은동 동지 지께 께서 ");
    expect(fold("말 金正恩")).toBe(" 말   金正 正恩 ");
    expect(fold("2019년")).toBe("2019 년 ");
  });

  it("knows where every folded character came from", () => {
    const text = "P'yŏngyang, 김정은 Jong-un";
    const folded = foldWithOrigin(text);
    expect(folded.origin).toHaveLength(folded.text.length);
    const at = (word: string) => {
      const start = folded.text.indexOf(word);
      return text.slice(folded.origin[start], folded.origin[start + word.length - 1] + 1);
    };
    expect(at("Pyongyang")).toBe("P'yŏngyang");
    expect(at("정은")).toBe("정은");
    expect(at("김정 정은")).toBe("김정은");
    expect(at("Jong un")).toBe("Jong-un");
  });
});
