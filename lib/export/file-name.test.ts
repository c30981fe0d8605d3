import { describe, expect, it } from "vitest";
import { exportFileName, summarizeExport } from "@/lib/export/file-name";
import { parseArticleFilter } from "@/lib/validation/article-filter";

const now = new Date("2026-11-27T08:00:00Z");
const filterOf = (query: string) => ({ filter: parseArticleFilter(query, { now }).filter });

describe("summarizeExport", () => {
  it("says what the filter holds, with names where it knows them and ids where a name has no ASCII", () => {
    const names = {
      sources: [
        { id: 3, name: "KCNA (English)" },
        { id: 4, name: "조선중앙통신" },
      ],
      themes: [{ id: 9, name: "Nuclear tests" }],
    };
    const summary = summarizeExport(
      filterOf("q=missile launch&from=2017-01-01&to=2017-12-31&theme=9&source=3&source=4"),
      now,
      names,
    );
    expect(summary).toBe("missile-launch-2017-01-01_2017-12-31-theme-nuclear-tests-source-kcna-english-4");
    expect(exportFileName(summary, "csv", now)).toBe(`presswatch-${summary}-2026-11-27.csv`);
  });

  it("names a selection by its size, and no filter as all articles", () => {
    expect(summarizeExport({ ids: [1, 2] }, now)).toBe("selected-2");
    expect(summarizeExport(filterOf(""), now)).toBe("all-articles");
  });
});
