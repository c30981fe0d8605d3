import { describe, expect, it } from "vitest";
import { profileText, revisionWords } from "@/lib/ingest/revision/text-profile";

describe("profileText", () => {
  // The opening of "Condolences to Egyptian President" (kcna.co.jp, 2004-01-06).
  const profile = profileText(
    "Condolences to Egyptian President",
    "Pyongyang, January 5 (KCNA) -- Kim Yong Nam, president of the Presidium of the DPRK Supreme People's Assembly, on Jan. 4 sent a message of condolence to Egyptian President Mohamed Hosni Mubarak.\nThe message expressed deep condolences to the president. -0-",
  );

  it("reads the dateline's day and leaves the dateline out of the sentences", () => {
    expect(profile.datelineDay).toBe("jan 5");
    expect(profile.sentences.map((sentence) => sentence.words.slice(0, 3))).toEqual([
      ["kim", "yong", "nam"],
      ["the", "message", "expressed"],
    ]);
    expect(profile.sentences[1].words.at(-1)).toBe("president");
  });

  it("collects names written capitalised inside a sentence and numbers, not sentence openers", () => {
    for (const name of ["yong", "nam", "presidium", "dprk", "egyptian", "mubarak", "4"])
      expect(profile.names).toContain(name);
    // "Kim" opens the sentence once the dateline is gone: capitalised for that reason alone, as "The" is.
    for (const word of ["kim", "the", "message", "condolence"]) expect(profile.names).not.toContain(word);
  });

  it("splits digits from letters, so a reformatted number is the same words", () => {
    expect(revisionWords("Test-firing of 240mm-calibre MRLS")).toEqual([
      "test",
      "firing",
      "of",
      "240",
      "mm",
      "calibre",
      "mrls",
    ]);
    expect(profileText("Greetings to DPRK FM on 75th Anniversary", "").titleNames).toEqual(
      new Set(["dprk", "fm", "75"]),
    );
  });
});
