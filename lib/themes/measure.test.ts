import { describe, expect, it } from "vitest";
import { halfOf, macroAverage, scoreThemes, type LabelledArticle } from "@/lib/themes/measure";

describe("scoreThemes", () => {
  const articles: LabelledArticle[] = [
    { url: "a", labelling: "hand", labels: ["agri"] },
    { url: "b", labelling: "hand", labels: [] },
    { url: "c", labelling: "hand", labels: ["agri", "econ"] },
    { url: "d", labelling: "section", labels: ["agri"] },
  ];
  const predicted = new Map([
    ["a", new Set(["agri"])],
    ["b", new Set(["agri", "econ"])],
    ["d", new Set(["econ"])],
  ]);

  it("counts precision on hand-labelled articles only, and recall on every known positive", () => {
    const [agri, econ] = scoreThemes(["agri", "econ"], articles, predicted);
    // agri: predicted on a (right) and b (wrong); positives a, c, d, found only a.
    expect(agri).toEqual({ slug: "agri", precision: 0.5, recall: 1 / 3, predicted: 2, positives: 3 });
    // econ on the section-labelled d says nothing about precision: its other labels are unknown.
    expect(econ).toEqual({ slug: "econ", precision: 0, recall: 0, predicted: 1, positives: 1 });
  });

  it("leaves a score undefined when nothing was predicted or labelled", () => {
    const [none] = scoreThemes(["health"], articles, predicted);
    expect(none).toMatchObject({ precision: null, recall: null });
    expect(macroAverage([0.5, null, 1])).toBe(0.75);
    expect(macroAverage([null])).toBeNull();
  });

  it("splits the set into stable halves", () => {
    const halves = Array.from({ length: 200 }, (_, i) => halfOf(`http://www.kcna.kp/en/article/${i}`));
    expect(halves.filter((half) => half === "tune").length).toBeGreaterThan(60);
    expect(halves.filter((half) => half === "test").length).toBeGreaterThan(60);
    expect(halfOf("http://www.kcna.kp/x")).toBe(halfOf("http://www.kcna.kp/x"));
  });
});
