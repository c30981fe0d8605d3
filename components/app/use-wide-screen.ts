"use client";

import { useSyncExternalStore } from "react";

// Tailwind's lg breakpoint: from here up the side panels sit beside the content; below it they open as drawers.
const WIDE = "(min-width: 64rem)";

function subscribe(onChange: () => void) {
  const query = window.matchMedia(WIDE);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}

/**
 * True on a screen wide enough for side panels. The server (and hydration) assume wide, and the panels are
 * hidden below lg by CSS, so a phone never flashes them; the drawer takes over right after hydration.
 */
export function useWideScreen(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(WIDE).matches,
    () => true,
  );
}
