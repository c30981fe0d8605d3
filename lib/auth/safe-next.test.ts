import { describe, expect, it } from "vitest";
import { safeNextPath } from "@/lib/auth/safe-next";

// What a browser would do with the Location header we send: resolve it against our page.
function landsOn(target: string): string {
  const location = safeNextPath(target);
  // Browsers strip these before parsing, so a header that still held one would be read without it.
  return new URL(location.replace(/[\t\n\r]/g, ""), "https://presswatch.example/login").host;
}

describe("safeNextPath", () => {
  it.each([
    "/\t/evil.example/",
    "/\n/evil.example/",
    "/\r\n/evil.example",
    "/\t/evil",
    "/\\evil",
    "/\\/evil",
    "\\\\evil",
    "//evil",
    "///evil",
    "https://evil",
    "https:evil",
    "http://evil.example/path",
    "javascript:alert(1)",
    "/.//evil",
    " //evil",
    "",
  ])("sends %j to our own site", (target) => {
    expect(landsOn(target)).toBe("presswatch.example");
    expect(safeNextPath(target).startsWith("//")).toBe(false);
  });

  it("keeps a same-site path with its query and fragment", () => {
    expect(safeNextPath("/articles/12?q=missile#notes")).toBe("/articles/12?q=missile#notes");
    expect(safeNextPath("/?theme=3&from=2024-01-01")).toBe("/?theme=3&from=2024-01-01");
  });

  it("keeps an encoded tab as an ordinary path segment on our site", () => {
    expect(safeNextPath("/%09/evil.example/")).toBe("/%09/evil.example/");
    expect(landsOn("/%09/evil.example/")).toBe("presswatch.example");
  });

  it("refuses anything that is not a string", () => {
    expect(safeNextPath(null)).toBe("/");
    expect(safeNextPath(undefined)).toBe("/");
  });
});
