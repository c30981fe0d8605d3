import { describe, expect, it } from "vitest";
import { aliasKey, commonWordReason } from "./alias-key";

describe("aliasKey", () => {
  it("is one key for the spellings the search treats as one", () => {
    const keys = ["Kim Jong Un", "Kim Jong-un", "KIM JONGUN", "Kim Jong‐Un"].map(aliasKey);
    expect(new Set(keys)).toEqual(new Set(["kimjongun"]));
    expect(aliasKey("Ch'oe Sŏnhŭi")).toBe(aliasKey("Choe Sonhui"));
    expect(aliasKey("Hwasong-17")).toBe(aliasKey("Hwasong 17"));
    expect(aliasKey("김정은")).toBe("김정은");
    expect(aliasKey("金正恩")).toBe("金正恩");
    expect(aliasKey("Ｋｉｍ")).toBe("kim");
  });

  it("keeps apart what the search keeps apart", () => {
    expect(aliasKey("Hwasongpho-17")).not.toBe(aliasKey("Hwasong-17"));
    expect(aliasKey("Kim Jong Il")).not.toBe(aliasKey("Kim Jong Un"));
  });
});

describe("commonWordReason", () => {
  it("flags a surname, a short word, a stop word or one character alone", () => {
    expect(commonWordReason("Ri")).toMatch(/surname/);
    expect(commonWordReason("Pak")).toMatch(/surname/);
    expect(commonWordReason("Choe")).toMatch(/surname/);
    expect(commonWordReason("Ung")).toMatch(/too short/);
    expect(commonWordReason("The")).toMatch(/skips/);
    expect(commonWordReason("金")).toMatch(/too short/);
  });

  it("lets names and multi-word spellings through", () => {
    expect(commonWordReason("Ri Son Gwon")).toBeNull();
    expect(commonWordReason("Pak Pong-ju")).toBeNull();
    expect(commonWordReason("Musudan")).toBeNull();
    expect(commonWordReason("김정은")).toBeNull();
    expect(commonWordReason("KN-23")).toBeNull();
  });
});
