// The colour theme: "system" follows the operating system's light or dark setting, or the user picks one.
// The choice is kept in localStorage (a preference of this browser, not of the account) and applied by a
// small script in the page's head before the first paint, so a dark page never flashes white.

export const COLOR_THEMES = ["system", "light", "dark"] as const;
export type ColorTheme = (typeof COLOR_THEMES)[number];
export const COLOR_THEME_KEY = "presswatch-theme";
export const COLOR_THEME_EVENT = "presswatch-theme-change";

export function parseColorTheme(value: string | null | undefined): ColorTheme {
  return value === "light" || value === "dark" ? value : "system";
}

/** Whether the page is dark for this choice and the system's preference. */
export function isDark(theme: ColorTheme, systemDark: boolean): boolean {
  return theme === "dark" || (theme === "system" && systemDark);
}

/** The next choice of the toggle button: system → light → dark → system. */
export function nextColorTheme(theme: ColorTheme): ColorTheme {
  return COLOR_THEMES[(COLOR_THEMES.indexOf(theme) + 1) % COLOR_THEMES.length];
}

/**
 * The head script's source: applies the saved choice, and follows the system while the choice is "system".
 * Self-contained (it runs before any bundle), and it swallows a blocked localStorage.
 */
export const COLOR_THEME_SCRIPT = `(function(){var k=${JSON.stringify(COLOR_THEME_KEY)},m=window.matchMedia("(prefers-color-scheme: dark)");function a(){var t=null;try{t=localStorage.getItem(k)}catch(e){}var d=t==="dark"||(t!=="light"&&m.matches);var r=document.documentElement;r.classList.toggle("dark",d);r.style.colorScheme=d?"dark":"light"}a();m.addEventListener("change",a);window.addEventListener(${JSON.stringify(COLOR_THEME_EVENT)},a);window.addEventListener("storage",function(e){if(e.key===k)a()})})();`;
