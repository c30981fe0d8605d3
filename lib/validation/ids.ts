import { MAX_ID } from "@/lib/constants";

/** The id a URL writes ("123"), or null for anything else (signs, spaces, exponents, 0, beyond int4). */
export function parseIdText(text: string): number | null {
  if (!/^\d{1,10}$/.test(text)) return null;
  const id = Number(text);
  return id >= 1 && id <= MAX_ID ? id : null;
}
