import { describe, expect, it } from "vitest";
import { COLOR_THEME_SCRIPT, isDark, nextColorTheme, parseColorTheme } from "./color-theme";

describe("colour theme", () => {
  it("reads only known choices, anything else is the system's", () => {
    expect(parseColorTheme("dark")).toBe("dark");
    expect(parseColorTheme("light")).toBe("light");
    expect(parseColorTheme("purple")).toBe("system");
    expect(parseColorTheme(null)).toBe("system");
  });

  it("is dark when chosen, or when the system is dark and nothing was chosen", () => {
    expect(isDark("dark", false)).toBe(true);
    expect(isDark("light", true)).toBe(false);
    expect(isDark("system", true)).toBe(true);
    expect(isDark("system", false)).toBe(false);
  });

  it("cycles system, light, dark", () => {
    expect(nextColorTheme("system")).toBe("light");
    expect(nextColorTheme("light")).toBe("dark");
    expect(nextColorTheme("dark")).toBe("system");
  });

  it("has a head script that parses as JavaScript", () => {
    expect(() => new Function(COLOR_THEME_SCRIPT)).not.toThrow();
  });
});
