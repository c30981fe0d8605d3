import { describe, expect, it } from "vitest";
import { DEFAULT_RANKING, rankingFromEnvironment } from "./relevance";

describe("rankingFromEnvironment", () => {
  it("takes a positive half-life in days and ignores anything else", () => {
    expect(rankingFromEnvironment("365").halfLifeDays).toBe(365);
    expect(rankingFromEnvironment("365").weights).toEqual(DEFAULT_RANKING.weights);
    expect(rankingFromEnvironment("0")).toBe(DEFAULT_RANKING);
    expect(rankingFromEnvironment("ten years")).toBe(DEFAULT_RANKING);
    expect(rankingFromEnvironment(undefined)).toBe(DEFAULT_RANKING);
  });
});
