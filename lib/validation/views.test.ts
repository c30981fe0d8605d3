import { describe, expect, it } from "vitest";
import { createViewSchema, normalizeViewQuery, shareViewSchema } from "@/lib/validation/views";

describe("saved view validation", () => {
  it("stores the same string for the same filter, without the page cursor", () => {
    const a = normalizeViewQuery("?theme=7&theme=3&q=%20missile%20%20test&cursor=na.kq.1");
    const b = normalizeViewQuery("q=missile test&theme=3,7");
    expect(a).toBe("q=missile+test&theme=3%2C7");
    expect(b).toBe(a);
    expect(normalizeViewQuery("range=7d&status=new,reviewed,flagged&bogus=1")).toBe("range=7d");
    expect(normalizeViewQuery("")).toBe("");
  });

  it("reads a checkbox or a boolean as the shared flag", () => {
    expect(createViewSchema.parse({ name: " Launches ", query: "q=launch", shared: "on" })).toEqual({
      name: "Launches",
      query: "q=launch",
      shared: true,
    });
    expect(createViewSchema.parse({ name: "Launches" })).toEqual({ name: "Launches", query: "", shared: false });
    expect(shareViewSchema.parse({ viewId: "4", shared: false })).toEqual({ viewId: 4, shared: false });
    expect(createViewSchema.safeParse({ name: "x".repeat(81) }).success).toBe(false);
  });
});
