import { describe, expect, it } from "vitest";
import { z } from "zod";
import { checkRows, sqlCount, sqlId } from "@/lib/db/rows";

const themeLink = z.object({ articleId: sqlId, name: z.string(), origin: z.enum(["RULE", "MANUAL"]) });

describe("checkRows", () => {
  it("returns rows of the expected shape, without columns the schema does not name", () => {
    const rows = [{ articleId: 4, name: "Missiles", origin: "RULE", extra: true }];
    expect(checkRows("theme links", themeLink, rows)).toEqual([{ articleId: 4, name: "Missiles", origin: "RULE" }]);
  });

  it("refuses an enum value the code does not know, naming the query, the row and the column", () => {
    const rows = [
      { articleId: 4, name: "Missiles", origin: "RULE" },
      { articleId: 5, name: "Harvest", origin: "IMPORTED" },
    ];
    expect(() => checkRows("theme links", themeLink, rows)).toThrow(
      /^The rows of theme links do not have the expected shape: row 1, origin: /,
    );
  });

  it("refuses a column that is missing or of another kind, and a bigint where an int was promised", () => {
    expect(() => checkRows("theme links", themeLink, [{ articleId: 4, origin: "RULE" }])).toThrow(/row 0, name:/);
    expect(() => checkRows("counts", z.object({ n: sqlCount }), [{ n: 3n }])).toThrow(/row 0, n:/);
    expect(() => checkRows("counts", z.object({ n: sqlCount }), [{ n: -1 }])).toThrow(/row 0, n:/);
  });
});
