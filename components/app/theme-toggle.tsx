"use client";

import { Monitor, Moon, Sun } from "lucide-react";
import { useSyncExternalStore } from "react";
import {
  COLOR_THEME_EVENT,
  COLOR_THEME_KEY,
  nextColorTheme,
  parseColorTheme,
  type ColorTheme,
} from "@/lib/desk/color-theme";

const LABELS: Record<ColorTheme, string> = { system: "Theme: system", light: "Theme: light", dark: "Theme: dark" };
const ICONS = { system: Monitor, light: Sun, dark: Moon };

function subscribe(onChange: () => void) {
  window.addEventListener(COLOR_THEME_EVENT, onChange);
  window.addEventListener("storage", onChange);
  return () => {
    window.removeEventListener(COLOR_THEME_EVENT, onChange);
    window.removeEventListener("storage", onChange);
  };
}

function readTheme(): ColorTheme {
  try {
    return parseColorTheme(localStorage.getItem(COLOR_THEME_KEY));
  } catch {
    return "system";
  }
}

// One button that steps through system, light and dark; the head script (lib/desk/color-theme.ts) listens
// for the change event and repaints.
export function ThemeToggle() {
  const theme = useSyncExternalStore(subscribe, readTheme, () => "system" as const);
  const Icon = ICONS[theme];
  return (
    <button
      type="button"
      onClick={() => {
        const next = nextColorTheme(theme);
        try {
          if (next === "system") localStorage.removeItem(COLOR_THEME_KEY);
          else localStorage.setItem(COLOR_THEME_KEY, next);
        } catch {
          // A browser that refuses storage keeps the system's theme.
        }
        window.dispatchEvent(new Event(COLOR_THEME_EVENT));
      }}
      title="Switch between the system's theme, light and dark"
      className="mt-2 flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-sm text-slate-600 hover:bg-white hover:text-slate-900"
    >
      <Icon className="h-4 w-4" aria-hidden /> {LABELS[theme]}
    </button>
  );
}
