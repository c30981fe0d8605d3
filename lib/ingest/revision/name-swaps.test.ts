import { describe, expect, it } from "vitest";
import { nameSwap } from "@/lib/ingest/revision/name-swaps";
import { revisionWords } from "@/lib/ingest/revision/text-profile";

// Sentences from the fixtures' stories (test/fixtures/versions) and the real edits' diffs.
const NAMES = new Set(
  "egyptian french president mohamed hosni mubarak jacques chirac egypt france dprk democratic people republic korea workers party wpk oct october 4 5 jan".split(
    " ",
  ),
);
const isName = (word: string) => NAMES.has(word);
const swap = (a: string, b: string) => nameSwap(revisionWords(a), revisionWords(b), isName);

describe("nameSwap", () => {
  it("sees another head of state put in", () => {
    expect(
      swap(
        "sent a message of condolence to Egyptian President Mohamed Hosni Mubarak",
        "sent a message of condolence to French President Jacques Chirac",
      ),
    ).toBe("egyptian mohamed hosni mubarak>french jacques chirac");
    expect(swap("on Jan. 4 sent a message", "on Jan. 5 sent a message")).toBe("4>5");
  });

  it("does not count a name only dropped or only added, or reworded common words", () => {
    expect(swap("President Mohamed Hosni Mubarak of Egypt", "President Mubarak")).toBeNull();
    expect(swap("the recent airliner crash in Egypt", "the recent air disaster in Egypt")).toBeNull();
  });

  it("takes short and long forms of one name for the same name", () => {
    expect(
      swap("the Workers' Party of Korea (WPK) and the DPRK", "the WPK and the Democratic People's Republic of Korea"),
    ).toBeNull();
    expect(swap("on Oct. 4", "on October 4")).toBeNull();
  });
});
